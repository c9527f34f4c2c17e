package dev.scbridge.apdu.piv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scbridge.apdu.Hex;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class PivEnumsTest {
    @ParameterizedTest
    @EnumSource(PivAlgorithm.class)
    void algorithm_fromCodeRoundTrips(PivAlgorithm a) {
        assertThat(PivAlgorithm.fromCode(a.code())).isSameAs(a);
    }

    @Test
    void algorithm_unknownCode_fails() {
        assertThatThrownBy(() -> PivAlgorithm.fromCode(0x99)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("99");
        assertThat(PivAlgorithm.find(0x99)).isEmpty();
    }

    @Test
    void algorithm_properties() {
        assertThat(PivAlgorithm.fromCode(0x07)).isEqualTo(PivAlgorithm.RSA2048);
        assertThat(PivAlgorithm.RSA2048.elementLength()).isEqualTo(256);
        assertThat(PivAlgorithm.ECC_P384.elementLength()).isEqualTo(48);
        assertThat(PivAlgorithm.TDES.blockSize()).isEqualTo(8);
        assertThat(PivAlgorithm.AES192.keyLength()).isEqualTo(24);
    }

    @ParameterizedTest
    @EnumSource(PivKeyRef.class)
    void keyRef_fromCodeRoundTrips(PivKeyRef k) {
        assertThat(PivKeyRef.fromCode(k.code())).isSameAs(k);
    }

    @Test
    void keyRef_unknownCode_fails() {
        assertThatThrownBy(() -> PivKeyRef.fromCode(0x99)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("99");
        assertThat(PivKeyRef.find(0x99)).isEmpty();
    }

    @Test
    void keyRef_parse() {
        assertThat(PivKeyRef.parse("9a")).isEqualTo(PivKeyRef.AUTHENTICATION);
        assertThat(PivKeyRef.parse("0x9C")).isEqualTo(PivKeyRef.SIGNATURE);
        assertThat(PivKeyRef.parse("card_auth")).isEqualTo(PivKeyRef.CARD_AUTH);
        assertThatThrownBy(() -> PivKeyRef.parse("slot")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void keyRef_parseIgnoresDefaultLocale() {
        Locale saved = Locale.getDefault();
        try {
            // In Turkish, "i".toUpperCase() is a dotted capital I, which no enum name contains.
            Locale.setDefault(Locale.forLanguageTag("tr-TR"));
            assertThat(PivKeyRef.parse("signature")).isEqualTo(PivKeyRef.SIGNATURE);
            assertThat(PivKeyRef.parse("pin")).isEqualTo(PivKeyRef.PIN);
        } finally {
            Locale.setDefault(saved);
        }
    }

    @Test
    void keyRef_certificateObjects() {
        assertThat(PivObjectId.certificateFor(PivKeyRef.AUTHENTICATION)).contains(PivObjectId.CERT_PIV_AUTH);
        assertThat(PivObjectId.certificateFor(PivKeyRef.RETIRED_20)).contains(PivObjectId.RETIRED_CERT_20);
        assertThat(PivObjectId.certificateFor(PivKeyRef.PIN)).isEmpty();
        assertThat(PivKeyRef.RETIRED_1.isRetired()).isTrue();
        assertThat(PivKeyRef.MANAGEMENT.isAsymmetricSlot()).isFalse();
    }

    @ParameterizedTest
    @EnumSource(PivObjectId.class)
    void objectId_fromCodeRoundTrips(PivObjectId id) {
        assertThat(PivObjectId.fromCode(id.code())).isSameAs(id);
    }

    @Test
    void objectId_unknownCode_fails() {
        assertThatThrownBy(() -> PivObjectId.fromCode(0x5FC1FF)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("5FC1FF");
    }

    @Test
    void objectId_properties() {
        assertThat(PivObjectId.CHUID.tagBytes()).isEqualTo(Hex.decode("5F C1 02"));
        assertThat(PivObjectId.DISCOVERY.tagBytes()).isEqualTo(Hex.decode("7E"));
        assertThat(PivObjectId.DISCOVERY.isUnwrapped()).isTrue();
        assertThat(PivObjectId.CERT_CARD_AUTH.isCertificate()).isTrue();
        assertThat(PivObjectId.PRINTED_INFORMATION.readAccess()).isEqualTo(PivObjectId.Access.PIN);
    }

    @Test
    void pivAid_prefixes() {
        assertThat(Pivs.isPivAid(Hex.decode("A0 00 00 03 08"))).isTrue();
        assertThat(Pivs.isPivAid(Hex.decode("A0 00 00 03 08 00 00 10 00"))).isTrue();
        assertThat(Pivs.isPivAid(Pivs.AID)).isTrue();
        assertThat(Pivs.isPivAid(Hex.decode("A0 00 00 03"))).isFalse();
        assertThat(Pivs.isPivAid(Hex.decode("A0 00 00 03 97 43 49 44 5F 01 00"))).isFalse();
    }
}
