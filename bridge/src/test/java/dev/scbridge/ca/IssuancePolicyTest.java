package dev.scbridge.ca;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IssuancePolicyTest {
    @Test
    void defaults_areFiveMinutesBackdatedOneMinuteWithoutCrl() {
        IssuancePolicy p = IssuancePolicy.defaults();
        assertThat(p.validity()).isEqualTo(Duration.ofMinutes(5));
        assertThat(p.backdate()).isEqualTo(Duration.ofMinutes(1));
        assertThat(p.crlDistributionPoint()).isEmpty();
    }

    @Test
    void outOfRangeDurations_areRefused() {
        IssuancePolicy p = IssuancePolicy.defaults();
        assertThatThrownBy(() -> p.withValidity(Duration.ZERO)).hasMessageContaining("validity");
        assertThatThrownBy(() -> p.withValidity(Duration.ofDays(8))).hasMessageContaining("validity");
        assertThatThrownBy(() -> p.withBackdate(Duration.ofSeconds(-1))).hasMessageContaining("backdate");
        assertThatThrownBy(() -> p.withBackdate(Duration.ofMinutes(61))).hasMessageContaining("backdate");
        assertThat(p.withValidity(Duration.ofDays(7)).validity()).isEqualTo(Duration.ofDays(7));
        assertThat(p.withBackdate(Duration.ZERO).backdate()).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://pki.example.test/scbridge.crl", "https://pki.example.test/ca.crl",
        "LDAP:///CN=ca,CN=CDP,CN=Public Key Services,DC=example,DC=test?certificateRevocationList?base"})
    void crlUrls_ofHttpAndLdap_areAccepted(String url) {
        assertThat(IssuancePolicy.defaults().withCrlDistributionPoint(url).crlDistributionPoint()).contains(url);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ftp://example.test/ca.crl", "file:///etc/passwd", "example.test/ca.crl", "http://",
        "http://example.test/\u0000", "http://example.test/a\nb", "http://exämple.test/", " http://example.test/",
        "http://example.test/\u202E"})
    void badCrlUrls_areRefused(String url) {
        assertThatThrownBy(() -> IssuancePolicy.defaults().withCrlDistributionPoint(url))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("CRL URL");
    }

    @Test
    void overlongCrlUrl_isRefused() {
        String url = "http://example.test/" + "a".repeat(IssuancePolicy.MAX_URL_LENGTH);
        assertThatThrownBy(() -> IssuancePolicy.defaults().withCrlDistributionPoint(url))
                .hasMessageContaining("max " + IssuancePolicy.MAX_URL_LENGTH);
    }
}
