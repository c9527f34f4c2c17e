package dev.scbridge.pcsc.piv;

import dev.scbridge.apdu.piv.TouchPolicy;

import dev.scbridge.apdu.piv.PinPolicy;

import dev.scbridge.apdu.Hex;
import dev.scbridge.apdu.ResponseApdu;
import dev.scbridge.apdu.piv.PivKeyRef;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every status word a PIV host acts on maps to its exception; malformed 9000 answers are BadResponseExceptions. */
class StatusWordMappingTest {
    @ParameterizedTest
    @CsvSource({
        "63C2, WrongPinException",
        "63C0, WrongPinException",
        "6983, PinBlockedException",
        "6982, SecurityStatusNotSatisfiedException",
        "6A82, NotFoundException",
        "6A88, NotFoundException",
        "6A80, IncorrectDataException",
        "6D00, UnsupportedInstructionException",
        "6985, StatusWordException",
        "6A84, StatusWordException",
        "6F00, StatusWordException"})
    void statusWord_mapsToItsException(String sw, String type) {
        ResponseApdu r = new ResponseApdu(Integer.parseInt(sw, 16));
        StatusWordException e = StatusWords.toException("OP", r);
        assertThat(e.getClass().getSimpleName()).isEqualTo(type);
        assertThat(e.sw()).isEqualTo(r.sw());
        assertThat(e.response()).isEqualTo(r);
        assertThat(e.getMessage()).startsWith("OP: " + sw + " ");
    }

    @Test
    void verifyOverAnyTransport_getsTheTypedException() {
        PivClient piv = PivClient.over(c -> new ResponseApdu(0x63C1));
        assertThatThrownBy(() -> piv.pins().verifyPin(Pin.defaultPin()))
                .isInstanceOfSatisfying(WrongPinException.class, e -> assertThat(e.retriesLeft()).isEqualTo(1));
    }

    @Test
    void unknownInstruction_isUnsupported() {
        PivClient piv = PivClient.over(c -> new ResponseApdu(0x6D00));
        assertThatThrownBy(() -> piv.session().serial()).isInstanceOf(UnsupportedInstructionException.class);
    }

    @Test
    void selectWithoutTemplate_isBadResponse() {
        PivClient piv = PivClient.over(c -> new ResponseApdu(0x9000));
        assertThatThrownBy(piv::select).isInstanceOf(BadResponseException.class)
                .hasMessageStartingWith("SELECT PIV: bad application property template");
    }

    @Test
    void shortVersionOrSerial_isBadResponse() {
        PivClient piv = PivClient.over(c -> new ResponseApdu(new byte[] {5}, 0x9000));
        assertThatThrownBy(() -> piv.session().version()).isInstanceOf(BadResponseException.class)
                .hasMessage("GET VERSION: 1 bytes (expected: 3)");
        assertThatThrownBy(() -> piv.session().serial()).isInstanceOf(BadResponseException.class);
    }

    @Test
    void objectWithoutWrapper_isBadResponse() {
        PivClient piv = PivClient.over(c -> new ResponseApdu(Hex.decode("7001FF"), 0x9000));
        assertThatThrownBy(() -> piv.objects().read(0x5FC105)).isInstanceOf(BadResponseException.class)
                .hasMessageContaining("(expected: 53)");
        PivClient garbage = PivClient.over(c -> new ResponseApdu(Hex.decode("53FF"), 0x9000));
        assertThatThrownBy(() -> garbage.objects().read(0x5FC105)).isInstanceOf(BadResponseException.class);
    }

    @Test
    void generalAuthenticateWithoutResponseTag_isBadResponse() {
        PivClient piv = PivClient.over(c -> new ResponseApdu(Hex.decode("7C00"), 0x9000));
        assertThatThrownBy(() -> piv.crypto().signEcdsa(PivKeyRef.AUTHENTICATION,
                dev.scbridge.apdu.piv.PivAlgorithm.ECC_P256, new byte[32]))
                .isInstanceOf(BadResponseException.class).hasMessageContaining("tag 82 missing");
    }

    @Test
    void metadataMissingTags_isBadResponse() {
        PivClient piv = PivClient.over(c -> new ResponseApdu(Hex.decode("010111"), 0x9000));
        assertThatThrownBy(() -> piv.metadata().key(PivKeyRef.AUTHENTICATION)).isInstanceOf(BadResponseException.class);
        assertThatThrownBy(() -> piv.metadata().pin(PivKeyRef.PIN)).isInstanceOf(BadResponseException.class);
    }

    @Test
    void generateWithWrongTemplate_isBadResponse() {
        PivClient piv = PivClient.over(c -> new ResponseApdu(Hex.decode("7F4903860100"), 0x9000));
        assertThatThrownBy(() -> piv.keys().generate(PivKeyRef.AUTHENTICATION,
                dev.scbridge.apdu.piv.PivAlgorithm.ECC_P256, PinPolicy.DEFAULT, TouchPolicy.DEFAULT))
                .isInstanceOf(BadResponseException.class);
    }
}
