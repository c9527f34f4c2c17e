package dev.scbridge.pcsc.piv;

import dev.scbridge.apdu.piv.TouchPolicy;

import dev.scbridge.apdu.Hex;
import dev.scbridge.apdu.piv.PivAlgorithm;
import dev.scbridge.apdu.piv.PivKeyRef;
import dev.scbridge.card.PivCard;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Management-key authentication, SET MANAGEMENT KEY, SET PIN RETRIES, RESET and the PIN/9B metadata. */
class AdminOperationsTest {
    private static final String AES_KEY = "00112233445566778899AABBCCDDEEFF0011223344556677";
    private final PivCard card = PivCard.builder().build();

    @Test
    void defaultKey_authenticates_andMetadataSaysDefault() throws Exception {
        PivClient piv = TestCards.open(card);
        assertThat(piv.metadata().managementKey())
                .isEqualTo(new ManagementKeyMetadata(PivAlgorithm.TDES, true, TouchPolicy.NEVER));
        piv.admin().authenticate(ManagementKey.defaultKey(PivAlgorithm.TDES));
    }

    @Test
    void wrongKey_throwsSecurityStatus() throws Exception {
        PivClient piv = TestCards.open(card);
        ManagementKey wrong = ManagementKey.of(PivAlgorithm.TDES, new byte[24]);
        assertThatThrownBy(() -> piv.admin().authenticate(wrong))
                .isInstanceOf(SecurityStatusNotSatisfiedException.class);
    }

    @Test
    void setAesKey_thenOnlyTheNewKeyWorks() throws Exception {
        PivClient piv = TestCards.authenticated(card);
        ManagementKey aes = ManagementKey.parseHex(PivAlgorithm.AES192, AES_KEY.toCharArray());
        piv.admin().setManagementKey(aes, false);
        PivClient again = TestCards.open(card);
        again.admin().authenticate(aes);
        assertThat(again.metadata().managementKey())
                .isEqualTo(new ManagementKeyMetadata(PivAlgorithm.AES192, false, TouchPolicy.NEVER));
        assertThatThrownBy(() -> TestCards.authenticated(card))
                .isInstanceOf(StatusWordException.class);
    }

    @Test
    void setPinRetries_needsPinAndKey_thenMetadataShowsThem() throws Exception {
        PivClient piv = TestCards.authenticated(card);
        assertThatThrownBy(() -> piv.admin().setPinRetries(5, 6))
                .isInstanceOf(SecurityStatusNotSatisfiedException.class);
        piv.admin().authenticate(ManagementKey.defaultKey(PivAlgorithm.TDES));
        piv.pins().verifyPin(Pin.defaultPin());
        piv.admin().setPinRetries(5, 6);
        assertThat(piv.metadata().pin(PivKeyRef.PIN)).isEqualTo(new PinMetadata(true, 5, 5));
        assertThat(piv.metadata().pin(PivKeyRef.PUK)).isEqualTo(new PinMetadata(true, 6, 6));
    }

    @Test
    void reset_onlyWhenPinAndPukBlocked() throws Exception {
        PivClient piv = TestCards.open(card);
        piv.pins().changePin(Pin.defaultPin(), Pin.of("13572468"));
        assertThatThrownBy(() -> piv.admin().reset())
                .isInstanceOfSatisfying(StatusWordException.class, e -> assertThat(e.sw()).isEqualTo(0x6985));
        piv.pins().blockPin();
        piv.pins().blockPuk();
        piv.admin().reset();
        piv.pins().verifyPin(Pin.defaultPin());
        assertThat(piv.metadata().pin(PivKeyRef.PIN)).isEqualTo(new PinMetadata(true, 3, 3));
    }

    @Test
    void managementKey_rejectsWrongLengthAndBadHex() {
        assertThatThrownBy(() -> ManagementKey.of(PivAlgorithm.AES128, new byte[24]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageNotContaining("00");
        assertThatThrownBy(() -> ManagementKey.parseHex(PivAlgorithm.TDES, "zz".toCharArray()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(Hex.plain(ManagementKey.defaultKey(PivAlgorithm.AES192).bytes()))
                .isEqualTo("010203040506070801020304050607080102030405060708");
    }
}
