package dev.scbridge.apdu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CommandApduTest {
    private static final byte[] D256 = filled(256, 0x5A);

    static Stream<Arguments> cases() {
        return Stream.of(
                // case 1: YubiKey GET VERSION, piv-apdus.txt line 48
                Arguments.of("case 1", "00 FD 00 00", new CommandApdu(0x00, 0xFD, 0x00, 0x00)),
                // case 2S, Le=00 means 256: yubico-piv-tool's no-data VERIFY (facts piv.md section 2)
                Arguments.of("case 2S Le=00", "00 20 00 80 00", new CommandApdu(0x00, 0x20, 0x00, 0x80, null, 256)),
                // case 2S, GET RESPONSE Le=D4: windows-logon-trace.txt step 093
                Arguments.of("case 2S Le=D4", "00 C0 00 00 D4", new CommandApdu(0x00, 0xC0, 0x00, 0x00, null, 0xD4)),
                // case 3S: VERIFY "123456", piv-apdus.txt line 35
                Arguments.of("case 3S", "00 20 00 80 08 31 32 33 34 35 36 FF FF",
                        new CommandApdu(0x00, 0x20, 0x00, 0x80, Hex.decode("31 32 33 34 35 36 FF FF"))),
                // case 4S: Windows GET DATA CHUID with Le=00, piv-apdus.txt line 319
                Arguments.of("case 4S", "00 CB 3F FF 05 5C 03 5F C1 02 00",
                        new CommandApdu(0x00, 0xCB, 0x3F, 0xFF, Hex.decode("5C 03 5F C1 02"), 256)),
                Arguments.of("case 2E", "00 C0 00 00 00 01 01", new CommandApdu(0x00, 0xC0, 0x00, 0x00, null, 257)),
                Arguments.of("case 2E Le=0000", "00 C0 00 00 00 00 00",
                        new CommandApdu(0x00, 0xC0, 0x00, 0x00, null, 65_536)),
                Arguments.of("case 3E", "00 DB 3F FF 00 01 00 " + Hex.spaced(D256),
                        new CommandApdu(0x00, 0xDB, 0x3F, 0xFF, D256)),
                Arguments.of("case 4E", "00 87 07 9A 00 01 00 " + Hex.spaced(D256) + " 00 00",
                        new CommandApdu(0x00, 0x87, 0x07, 0x9A, D256, 65_536)),
                Arguments.of("case 4E short data, large Ne", "00 CB 3F FF 00 00 05 5C 03 5F C1 05 04 00",
                        new CommandApdu(0x00, 0xCB, 0x3F, 0xFF, Hex.decode("5C 03 5F C1 05"), 1024)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void parse_eachCase(String name, String hex, CommandApdu expected) throws DecodeException {
        assertThat(CommandApdu.parse(Hex.decode(hex))).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void encode_eachCase(String name, String hex, CommandApdu apdu) {
        assertThat(Hex.spaced(apdu.encode())).isEqualTo(Hex.spaced(Hex.decode(hex)));
    }

    /** Every C-APDU in shared/vectors/piv-apdus.txt parses and re-encodes to the same bytes. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.scbridge.apdu.PivApduVectors#commands")
    void realVector_reencodesIdentically(PivApduVectors.Vector v) throws DecodeException {
        CommandApdu apdu = CommandApdu.parse(v.bytes());
        assertThat(Hex.spaced(apdu.encode())).isEqualTo(Hex.spaced(v.bytes()));
    }

    @Test
    void chainedSignVector_hasChainingBitAndData() throws DecodeException {
        // piv-apdus.txt line 126: first piece of a chained GENERAL AUTHENTICATE, Lc D9
        CommandApdu first = CommandApdu.parse(PivApduVectors.at(126).bytes());
        assertThat(first.isChained()).isTrue();
        assertThat(first.nc()).isEqualTo(0xD9);
        assertThat(first.ne()).isZero();
    }

    @Test
    void extendedWithSmallFields_reencodesShort() throws DecodeException {
        // Extended form is legal for small fields too; the record is the same, the encoding picks short.
        CommandApdu apdu = CommandApdu.parse(Hex.decode("00 A4 04 00 00 00 05 A0 00 00 03 08 01 00"));
        assertThat(apdu).isEqualTo(new CommandApdu(0, 0xA4, 4, 0, Hex.decode("A0 00 00 03 08"), 256));
        assertThat(apdu.encode()).isEqualTo(Hex.decode("00 A4 04 00 05 A0 00 00 03 08 00"));
    }

    @Test
    void shorterThanHeader_fails() {
        for (int n = 0; n < 4; n++) {
            assertDecodeError(new byte[n], "header", 0);
        }
    }

    @Test
    void claFF_fails() {
        assertDecodeError(Hex.decode("FF A4 04 00"), "CLA", 0);
    }

    @Test
    void shortLcLongerThanData_fails() {
        assertDecodeError(Hex.decode("00 A4 04 00 09 A0 00"), "Lc", 4);
    }

    @Test
    void shortLcShorterThanData_fails() {
        // Lc 01 allows 6 (no Le) or 7 (Le) bytes; 8 is neither.
        assertDecodeError(Hex.decode("00 A4 04 00 01 AA BB CC"), "Lc", 4);
    }

    @Test
    void extendedLengthTruncated_fails() {
        assertDecodeError(Hex.decode("00 A4 04 00 00 01"), "Le", 5);
    }

    @Test
    void extendedLcZeroWithData_fails() {
        assertDecodeError(Hex.decode("00 A4 04 00 00 00 00 AA"), "Lc", 5);
    }

    @Test
    void extendedLcLongerThanData_fails() {
        assertDecodeError(Hex.decode("00 A4 04 00 00 00 05 AA BB"), "Lc", 5);
    }

    @Test
    void extendedLeTruncated_fails() {
        // Lc 0001, one data byte, then only one of the two extended Le bytes.
        assertDecodeError(Hex.decode("00 A4 04 00 00 00 01 AA 00"), "Lc", 5);
    }

    @Test
    void constructorRejectsNonBytes() {
        assertThatThrownBy(() -> new CommandApdu(0x100, 0, 0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CommandApdu(0, -1, 0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CommandApdu(0, 0, 0, 0, null, 65_537))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CommandApdu(0, 0, 0, 0, new byte[65_536], 0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void dataIsCopiedAndNeverPrinted() {
        byte[] pin = Hex.decode("31 32 33 34 35 36 FF FF");
        CommandApdu apdu = new CommandApdu(0, 0x20, 0, 0x80, pin);
        pin[0] = 0;
        assertThat(apdu.data()[0]).isEqualTo((byte) 0x31);
        assertThat(apdu.toString()).isEqualTo("CommandApdu[00 20 00 80, Nc=8, Ne=0]").doesNotContain("31");
    }

    @Test
    void withClaAndWithNe_copy() {
        CommandApdu apdu = new CommandApdu(0, 0x87, 7, 0x9C, new byte[] {1});
        assertThat(apdu.withCla(0x10).isChained()).isTrue();
        assertThat(apdu.withNe(300).needsExtended()).isTrue();
        assertThat(apdu.needsExtended()).isFalse();
    }

    private static void assertDecodeError(byte[] apdu, String field, int offset) {
        assertThatThrownBy(() -> CommandApdu.parse(apdu))
                .isInstanceOfSatisfying(DecodeException.class, e -> {
                    assertThat(e.field()).isEqualTo(field);
                    assertThat(e.offset()).isEqualTo(offset);
                });
    }

    static byte[] filled(int n, int b) {
        byte[] d = new byte[n];
        Arrays.fill(d, (byte) b);
        return d;
    }
}
