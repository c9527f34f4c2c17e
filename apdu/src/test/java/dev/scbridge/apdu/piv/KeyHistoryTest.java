package dev.scbridge.apdu.piv;

import static dev.scbridge.apdu.piv.Codec.assertRejects;
import static dev.scbridge.apdu.piv.Codec.assertRoundTrip;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scbridge.apdu.DecodeException;
import dev.scbridge.apdu.Hex;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class KeyHistoryTest {
    private static final String URL = "http://example.gov/0123";

    @Test
    void none() throws DecodeException {
        assertRoundTrip("C1 01 00 C2 01 00 FE 00", KeyHistory::decode, KeyHistory.none());
    }

    @Test
    void offCardKeys_withUrl() throws DecodeException {
        String urlHex = Hex.spaced(URL.getBytes(StandardCharsets.US_ASCII));
        assertRoundTrip("C1 01 02 C2 01 03 F3 17 " + urlHex + " FE 00", KeyHistory::decode,
                new KeyHistory(2, 3, Optional.of(URL)));
    }

    @Test
    void onCardKeysOnly_urlOptional() throws DecodeException {
        assertRoundTrip("C1 01 05 C2 01 00 FE 00", KeyHistory::decode, new KeyHistory(5, 0, Optional.empty()));
    }

    @Test
    void offCardKeysWithoutUrl_fails() {
        assertRejects("C1 01 00 C2 01 01 FE 00", KeyHistory::decode, "offCardCertURL (F3)");
    }

    @Test
    void urlWithoutKeys_fails() {
        assertRejects("C1 01 00 C2 01 00 F3 01 41 FE 00", KeyHistory::decode, "offCardCertURL (F3)");
    }

    @Test
    void moreThan20Keys_fails() {
        assertRejects("C1 01 0B C2 01 0A F3 01 41", KeyHistory::decode, "keysWithOffCardCerts (C2)");
        assertRejects("C1 01 FF C2 01 00", KeyHistory::decode, "keysWithOffCardCerts (C2)");
    }

    @Test
    void countWrongLength_fails() {
        assertRejects("C1 02 00 01 C2 01 00", KeyHistory::decode, "keysWithOnCardCerts (C1)");
        assertRejects("C1 01 00 C2 00", KeyHistory::decode, "keysWithOffCardCerts (C2)");
    }

    @Test
    void missingCount_fails() {
        assertRejects("C1 01 00 FE 00", KeyHistory::decode, "keysWithOffCardCerts (C2)");
    }

    @Test
    void urlTooLong_fails() {
        assertRejects("C1 01 00 C2 01 01 F3 77 " + Hex.spaced(new byte[119]).replace("00", "41"), KeyHistory::decode,
                "offCardCertURL (F3)");
    }

    @Test
    void urlNotAscii_fails() {
        assertRejects("C1 01 00 C2 01 01 F3 02 41 C3", KeyHistory::decode, "offCardCertURL (F3)");
    }

    @Test
    void unknownTag_fails() {
        assertRejects("C1 01 00 C2 01 00 C3 00", KeyHistory::decode, "Key History");
    }

    @Test
    void constructor_checks() {
        assertThatThrownBy(() -> new KeyHistory(0, 1, Optional.empty())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new KeyHistory(0, 0, Optional.of(URL))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new KeyHistory(15, 6, Optional.of(URL))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new KeyHistory(-1, 0, Optional.empty())).isInstanceOf(IllegalArgumentException.class);
    }
}
