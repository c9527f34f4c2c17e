package dev.scbridge.ca;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.security.cert.X509Certificate;
import java.time.Duration;

import static dev.scbridge.ca.TestKeys.CLOCK;
import static dev.scbridge.ca.TestKeys.NOW;
import static dev.scbridge.ca.TestKeys.RANDOM;
import static dev.scbridge.ca.TestKeys.USER_P256;
import static org.assertj.core.api.Assertions.assertThat;

class SmartCardLogonRequirementsTest {
    private static CertificateAuthority ca;
    private static X509Certificate cert;

    @BeforeAll
    static void issue() throws Exception {
        ca = CertificateAuthority.builder().keyType(CaKeyType.P256).clock(CLOCK).random(RANDOM).build();
        cert = ca.issue(UserIdentity.of("alice", "example.test"), USER_P256.getPublic());
    }

    @Test
    void issuedCertificate_meetsEveryRequirement() {
        assertThat(SmartCardLogonRequirements.problems(cert, NOW)).isEmpty();
    }

    @Test
    void outsideItsValidity_theCertificateIsNotOffered() {
        assertThat(SmartCardLogonRequirements.problems(cert, NOW.minus(Duration.ofMinutes(2))))
                .singleElement().asString().startsWith("not yet valid");
        assertThat(SmartCardLogonRequirements.problems(cert, NOW.plus(Duration.ofMinutes(6))))
                .singleElement().asString().startsWith("expired");
    }

    @Test
    void caCertificate_missesUpnDigitalSignatureAndEku() {
        assertThat(SmartCardLogonRequirements.problems(ca.certificate(), NOW)).containsExactly(
                "no UPN otherName in the subject alternative name",
                "no digitalSignature key usage",
                "no Smart Card Logon extended key usage");
    }
}
