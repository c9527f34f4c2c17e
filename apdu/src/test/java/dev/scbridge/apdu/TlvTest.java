package dev.scbridge.apdu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TlvTest {
    @Test
    void oneByteTag() throws DecodeException {
        Tlv t = Tlv.parseSingle(Hex.decode("53 03 01 02 03"));
        assertThat(t.tag()).isEqualTo(0x53);
        assertThat(t.value()).containsExactly(1, 2, 3);
        assertThat(t.isConstructed()).isFalse();
        assertThat(t.size()).isEqualTo(5);
    }

    @Test
    void twoByteTag() throws DecodeException {
        // PIN usage policy of the Discovery Object (SP 800-73-4 Part 1): 5F 2F 02 40 00
        Tlv t = Tlv.parseSingle(Hex.decode("5F 2F 02 40 00"));
        assertThat(t.tag()).isEqualTo(0x5F2F);
        assertThat(t.encode()).isEqualTo(Hex.decode("5F 2F 02 40 00"));
    }

    @Test
    void threeByteTag() throws DecodeException {
        Tlv t = Tlv.parseSingle(Hex.decode("5F C1 02 01 AA"));
        assertThat(t.tag()).isEqualTo(0x5FC102);
        assertThat(Tlv.tagBytes(0x5FC102)).isEqualTo(Hex.decode("5F C1 02"));
        assertThat(t.encode()).isEqualTo(Hex.decode("5F C1 02 01 AA"));
    }

    @ParameterizedTest
    @CsvSource({"0, 00", "127, 7F", "128, 81 80", "255, 81 FF", "256, 82 01 00", "65535, 82 FF FF",
        "65536, 83 01 00 00"})
    void lengthBytes_shortestForm(int length, String hex) {
        assertThat(Tlv.lengthBytes(length)).isEqualTo(Hex.decode(hex));
    }

    @Test
    void longLengthForms_parse() throws DecodeException {
        assertThat(Tlv.parseSingle(Hex.decode("53 81 80 " + Hex.spaced(new byte[0x80]))).length()).isEqualTo(0x80);
        assertThat(Tlv.parseSingle(Hex.decode("53 82 01 00 " + Hex.spaced(new byte[0x100]))).length())
                .isEqualTo(0x100);
        // 83 is accepted (non-minimal here) as long as the value stays within MAX_VALUE_LENGTH.
        assertThat(Tlv.parseSingle(Hex.decode("53 83 00 00 02 AA BB")).value()).containsExactly(0xAA, 0xBB);
        // Non-minimal 81 for a short length is accepted; re-encoding is minimal.
        assertThat(Tlv.parseSingle(Hex.decode("53 81 01 AA")).encode()).isEqualTo(Hex.decode("53 01 AA"));
    }

    @Test
    void nested_generalAuthenticateTemplate() throws DecodeException {
        // piv-apdus.txt line 113: data of the mutual-auth step 2, 7C 16 {80 08 .., 81 08 .., 82 00}
        byte[] data = CommandApdu.parse(PivApduVectors.at(113).bytes()).data();
        Tlv dyn = Tlv.parseSingle(data);
        assertThat(dyn.tag()).isEqualTo(0x7C);
        assertThat(dyn.isConstructed()).isTrue();
        List<Tlv> children = dyn.children();
        assertThat(children).extracting(Tlv::tag).containsExactly(0x80, 0x81, 0x82);
        assertThat(Tlv.require(children, 0x81, "challenge").value()).isEqualTo(Hex.decode("11 22 33 44 55 66 77 88"));
        assertThat(Tlv.of(0x7C, children).encode()).isEqualTo(data);
    }

    @Test
    void of_buildsConstructedObject() {
        Tlv t = Tlv.of(0x7C, new Tlv(0x82, null), new Tlv(0x81, Hex.decode("01 02")));
        assertThat(t.encode()).isEqualTo(Hex.decode("7C 06 82 00 81 02 01 02"));
    }

    @Test
    void parseAll_sequence() throws DecodeException {
        List<Tlv> all = Tlv.parseAll(Hex.decode("3E 00 FE 00"));
        assertThat(all).containsExactly(new Tlv(0x3E, null), new Tlv(0xFE, null));
        assertThat(Tlv.find(all, 0x34)).isEmpty();
        assertThat(Tlv.parseAll(new byte[0])).isEmpty();
    }

    @Test
    void indefiniteLength_fails() {
        assertDecodeError("30 80 01 00 00 00", "length", 1);
    }

    @Test
    void fourByteLengthField_fails() {
        assertDecodeError("53 84 00 00 00 01 AA", "length", 1);
    }

    @Test
    void lengthFieldOver84_fails() {
        assertDecodeError("53 85 00 00 00 00 01 AA", "length", 1);
    }

    @Test
    void truncatedMultiByteTag_fails() {
        assertDecodeError("5F", "tag", 0);
        assertDecodeError("5F C1", "tag", 0);
    }

    @Test
    void tagLongerThanThreeBytes_fails() {
        assertDecodeError("5F C1 82 01 00", "tag", 0);
    }

    @Test
    void missingLength_fails() {
        assertDecodeError("53", "length", 1);
    }

    @Test
    void truncatedLength_fails() {
        assertDecodeError("53 82 01", "length", 1);
    }

    @Test
    void truncatedValue_fails() {
        assertDecodeError("53 03 01 02", "value", 2);
    }

    @Test
    void trailingBytes_fails() {
        assertThatThrownBy(() -> Tlv.parseSingle(Hex.decode("53 01 00 FF")))
                .isInstanceOfSatisfying(DecodeException.class, e -> {
                    assertThat(e.field()).isEqualTo("tlv");
                    assertThat(e.offset()).isEqualTo(3);
                });
    }

    @Test
    void tag00_fails() {
        assertDecodeError("00 01 AA", "tag", 0);
    }

    @Test
    void tagFF_fails() {
        assertDecodeError("FF 01 AA", "tag", 0);
        // padding inside a sequence is rejected at its own offset
        assertThatThrownBy(() -> Tlv.parseAll(Hex.decode("53 00 FF")))
                .isInstanceOfSatisfying(DecodeException.class, e -> assertThat(e.offset()).isEqualTo(2));
    }

    @Test
    void valueOverMax_fails() {
        assertDecodeError("53 83 01 00 00", "length", 1);
    }

    @Test
    void require_missingTag_namesField() {
        assertThatThrownBy(() -> Tlv.require(List.of(), 0x82, "response"))
                .isInstanceOfSatisfying(DecodeException.class, e -> {
                    assertThat(e.field()).isEqualTo("response");
                    assertThat(e.reason()).contains("82");
                });
    }

    @Test
    void parseAll_rangeOutsideArray_fails() {
        byte[] b = new byte[4];
        assertThatThrownBy(() -> Tlv.parseAll(b, 1, 4)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Tlv.parseAll(b, 1, Integer.MAX_VALUE)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Tlv.parseAll(b, -1, 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void parseAll_subrangeOffsetsAreAbsolute() {
        assertThatThrownBy(() -> Tlv.parseAll(Hex.decode("AA BB 53 05 01"), 2, 3))
                .isInstanceOfSatisfying(DecodeException.class, e -> assertThat(e.offset()).isEqualTo(4));
    }

    @ParameterizedTest
    @CsvSource({"0", "1F", "5F", "7F", "FF", "9F", "5F80", "5FC1", "010203", "1000000"})
    void constructor_malformedTag_fails(String tag) {
        int t = Integer.parseInt(tag, 16);
        assertThat(Tlv.isWellFormedTag(t)).isFalse();
        assertThatThrownBy(() -> new Tlv(t, null)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @CsvSource({"53", "7E", "01", "FE", "5F2F", "7F49", "5FC102", "1F00", "9F7F"})
    void constructor_wellFormedTag_roundTrips(String tag) throws DecodeException {
        int t = Integer.parseInt(tag, 16);
        assertThat(Tlv.isWellFormedTag(t)).isTrue();
        Tlv tlv = new Tlv(t, new byte[] {1});
        assertThat(Tlv.parseSingle(tlv.encode())).isEqualTo(tlv);
    }

    @Test
    void constructor_valueOverMax_fails() {
        assertThatThrownBy(() -> new Tlv(0x53, new byte[Tlv.MAX_VALUE_LENGTH + 1]))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void valueIsCopied() {
        byte[] v = {1, 2};
        Tlv t = new Tlv(0x53, v);
        v[0] = 9;
        t.value()[1] = 9;
        assertThat(t.value()).containsExactly(1, 2);
    }

    private static void assertDecodeError(String hex, String field, int offset) {
        assertThatThrownBy(() -> Tlv.parseAll(Hex.decode(hex)))
                .isInstanceOfSatisfying(DecodeException.class, e -> {
                    assertThat(e.field()).isEqualTo(field);
                    assertThat(e.offset()).isEqualTo(offset);
                });
    }
}
