package dev.scbridge.apdu.piv;

import static dev.scbridge.apdu.piv.Codec.assertRejects;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scbridge.apdu.DecodeException;
import dev.scbridge.apdu.Hex;
import dev.scbridge.apdu.PivApduVectors;
import java.security.SecureRandom;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ChuidTest {
    private static final String FASCN = "D4 E7 39 DA 73 9C ED 39 CE 73 9D 83 68 58 21 08 42 10 84 21 C8 42 10 C3 EB";
    private static final String GUID = "00 11 22 33 44 55 66 77 88 99 AA BB CC DD EE FF";
    private static final String MINIMAL = "30 19 " + FASCN + " 34 10 " + GUID
            + " 35 08 32 30 33 30 30 31 30 31 3E 00 FE 00";

    /**
     * The two real CHUIDs: piv-apdus.txt line 29 (a YubiKey, via the Yubico .NET SDK docs) and line 327 (the one
     * Windows read from Teleport's card and then used as its cache CardIdentifier). Both round-trip byte-exact.
     */
    @ParameterizedTest
    @ValueSource(ints = {29, 327})
    void realChuid_roundTripsByteExact(int line) throws DecodeException {
        byte[] value = Codec.unwrap53(PivApduVectors.at(line).bytes());
        Chuid chuid = Chuid.decode(value);
        assertThat(chuid.encode()).isEqualTo(value);
        assertThat(chuid.expirationDate()).isEqualTo(LocalDate.of(2030, 1, 1));
        assertThat(chuid.issuerSignature()).isEmpty();
        assertThat(chuid.cardholderUuid()).isNull();
    }

    @Test
    void windowsChuid_guidIsTheCacheCardIdentifier() throws DecodeException {
        // piv-apdus.txt line 327 note: Windows used this GUID as CardIdentifier in READCACHEW/WRITECACHEW.
        Chuid chuid = Chuid.decode(Codec.unwrap53(PivApduVectors.at(327).bytes()));
        assertThat(chuid.guid()).isEqualTo(Hex.decode("91 3B 78 AF E9 FF 47 01 AD 19 24 CE A5 82 89 6D"));
        assertThat(chuid.fascN()).isEqualTo(Hex.decode(FASCN));
    }

    @Test
    void generate_isTheYubicoTemplate() throws DecodeException {
        Chuid chuid = Chuid.generate(new SecureRandom());
        byte[] bytes = chuid.encode();
        assertThat(bytes).hasSize(59);
        assertThat(Hex.spaced(bytes)).startsWith("30 19 " + FASCN + " 34 10")
                .endsWith("35 08 32 30 33 30 30 31 30 31 3E 00 FE 00");
        assertThat(Chuid.decode(bytes)).isEqualTo(chuid);
        assertThat(Chuid.generate(new SecureRandom()).guid()).isNotEqualTo(chuid.guid());
    }

    @Test
    void deprecatedAndOptionalElements_roundTrip() throws DecodeException {
        String hex = "EE 02 00 3B 30 19 " + FASCN + " 32 04 01 02 03 04 33 09 " + Hex.spaced(new byte[9])
                + " 34 10 " + GUID + " 35 08 32 30 32 39 31 32 33 31 36 10 " + GUID + " 3E 03 30 01 00 FE 00";
        Chuid chuid = Chuid.decode(Hex.decode(hex));
        assertThat(chuid.organizationalIdentifier()).containsExactly(1, 2, 3, 4);
        assertThat(chuid.bufferLength()).containsExactly(0x00, 0x3B);
        assertThat(chuid.expirationDate()).isEqualTo(LocalDate.of(2029, 12, 31));
        assertThat(Hex.spaced(chuid.encode())).isEqualTo(Hex.spaced(Hex.decode(hex)));
    }

    @Test
    void lrcMayBeOmitted() throws DecodeException {
        Chuid chuid = Chuid.decode(Hex.decode(MINIMAL.replace(" FE 00", "")));
        assertThat(chuid.encode()).isEqualTo(Hex.decode(MINIMAL));
    }

    @Test
    void guidWrongLength_fails() {
        assertRejects(MINIMAL.replace("34 10 " + GUID, "34 0F " + GUID.substring(3)), Chuid::decode,
                "CHUID GUID (34)");
        // the offset is where the 34 element starts: after 30 19 and the 25-byte FASC-N
        assertThatThrownBy(() -> Chuid.decode(Hex.decode(MINIMAL.replace("34 10 " + GUID, "34 00"))))
                .isInstanceOfSatisfying(DecodeException.class, e -> assertThat(e.offset()).isEqualTo(27));
    }

    @Test
    void fascNWrongLength_fails() {
        assertRejects(MINIMAL.replace("30 19 D4", "30 18"), Chuid::decode, "CHUID FASC-N (30)");
    }

    @Test
    void missingFascN_fails() {
        assertRejects(MINIMAL.replace("30 19 " + FASCN + " ", ""), Chuid::decode, "FASC-N (30)");
    }

    @Test
    void missingSignature_fails() {
        assertRejects(MINIMAL.replace("3E 00 ", ""), Chuid::decode, "issuer asymmetric signature (3E)");
    }

    @Test
    void signatureTooLong_fails() {
        assertRejects(MINIMAL.replace("3E 00", "3E 82 0B 01 " + Hex.spaced(new byte[2817])), Chuid::decode,
                "issuer asymmetric signature (3E)");
    }

    @Test
    void expirationNotDigits_fails() {
        assertRejects(MINIMAL.replace("35 08 32 30 33 30", "35 08 32 30 33 41"), Chuid::decode,
                "expiration date (35)");
    }

    @Test
    void expirationNotACalendarDate_fails() {
        // "20300230": 30 February
        assertRejects(MINIMAL.replace("30 31 30 31 3E", "30 32 33 30 3E"), Chuid::decode, "expiration date (35)");
    }

    @Test
    void expirationWrongLength_fails() {
        assertRejects(MINIMAL.replace("35 08 32 30 33 30 30 31 30 31", "35 06 33 30 30 31 30 31"), Chuid::decode,
                "expiration date (35)");
    }

    @Test
    void uuidWrongLength_fails() {
        assertRejects(MINIMAL.replace("3E 00", "36 01 00 3E 00"), Chuid::decode, "cardholder UUID (36)");
    }

    @Test
    void deprecatedWrongLength_fails() {
        assertRejects("EE 01 00 " + MINIMAL, Chuid::decode, "buffer length (EE)");
        assertRejects(MINIMAL.replace("34 10", "32 01 00 34 10"), Chuid::decode, "organizational identifier (32)");
        assertRejects(MINIMAL.replace("34 10", "33 01 00 34 10"), Chuid::decode, "DUNS (33)");
    }

    @Test
    void unknownTag_fails() {
        assertRejects(MINIMAL + " 99 00", Chuid::decode, "CHUID");
    }

    @Test
    void duplicateGuid_fails() {
        assertRejects(MINIMAL + " 34 10 " + GUID, Chuid::decode, "CHUID");
    }

    @Test
    void nonEmptyLrc_fails() {
        assertRejects(MINIMAL.replace("FE 00", "FE 01 5A"), Chuid::decode, "error detection code (FE)");
    }

    @Test
    void constructor_checks() {
        byte[] fascN = Hex.decode(FASCN);
        byte[] guid = Hex.decode(GUID);
        assertThatThrownBy(() -> new Chuid(new byte[24], guid, LocalDate.of(2030, 1, 1), new byte[0]))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Chuid(fascN, guid, LocalDate.of(10_000, 1, 1), new byte[0]))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Chuid(fascN, guid, null, new byte[0]))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Chuid(fascN, guid, LocalDate.of(2030, 1, 1), new byte[2817]))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void arraysAreCopied() {
        byte[] guid = Hex.decode(GUID);
        Chuid chuid = new Chuid(Hex.decode(FASCN), guid, LocalDate.of(2030, 1, 1), new byte[0]);
        guid[0] = 9;
        chuid.guid()[1] = 9;
        assertThat(chuid.guid()).isEqualTo(Hex.decode(GUID));
    }
}
