package dev.scbridge.rdp.ndr;

import dev.scbridge.apdu.DecodeException;
import dev.scbridge.apdu.Hex;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NdrCodecTest {
    @Test
    void headersAndPaddingAsWindowsWritesThem() {
        // ndr.txt "Common type header" + "Private header": object padded to 8, OBL counts the padding
        NdrWriter w = new NdrWriter();
        w.u32(0);
        assertThat(Hex.plain(w.typeSerialized()))
                .isEqualTo("011008 00CCCCCCCC 08000000 00000000 00000000 00000000".replace(" ", ""));
    }

    @Test
    void referentIdsCountFrom0x20000InStepsOf4AndNullTakesNone() throws DecodeException {
        NdrWriter w = new NdrWriter();
        w.pointer(true).pointer(false).pointer(true);
        NdrReader r = NdrReader.typeSerialized(w.typeSerialized());
        assertThat(r.pointer("a")).isEqualTo(0x00020000);
        assertThat(r.pointer("b")).isZero();
        assertThat(r.pointer("c")).isEqualTo(0x00020004);
    }

    @Test
    void conformantVaryingStringRoundTrips() throws DecodeException {
        NdrWriter w = new NdrWriter();
        w.string("R", true);
        // ndr.txt LocateCardsW: MaxCount 2 | Offset 0 | ActualCount 2 | 52 00 00 00
        assertThat(Hex.plain(w.raw())).isEqualTo("02000000000000000200000052000000");
        NdrReader r = NdrReader.typeSerialized(w.typeSerialized());
        assertThat(r.string("s", true, 10)).isEqualTo("R");
    }

    @Test
    void truncatedHeaderIsADecodeError() {
        assertThatThrownBy(() -> NdrReader.typeSerialized(Hex.decode("011008")))
                .isInstanceOf(DecodeException.class).hasMessageContaining("incomplete");
    }

    @Test
    void bigEndianIsRejected() {
        byte[] b = Hex.decode("01000800CCCCCCCC0000000000000000");
        assertThatThrownBy(() -> NdrReader.typeSerialized(b)).hasMessageContaining("Endianness");
    }

    @Test
    void objectLengthBeyondInputIsRejected() {
        byte[] b = Hex.decode("01100800CCCCCCCC1000000000000000" + "00000000");
        assertThatThrownBy(() -> NdrReader.typeSerialized(b)).hasMessageContaining("ObjectBufferLength");
    }

    @Test
    void countOverTheMaximumIsRejected() throws DecodeException {
        NdrWriter w = new NdrWriter();
        w.u32(17);
        NdrReader r = NdrReader.typeSerialized(w.typeSerialized());
        assertThatThrownBy(() -> r.count("cbContext", 16)).hasMessageContaining("over the maximum 16");
    }

    @Test
    void stringWithoutNulIsRejected() throws DecodeException {
        NdrWriter w = new NdrWriter();
        w.u32(1).u32(0).u32(1).fixed(new byte[] {'A', 0, 0, 0});
        NdrReader r = NdrReader.typeSerialized(w.typeSerialized());
        assertThatThrownBy(() -> r.string("sz", false, 10)).hasMessageContaining("not NUL-terminated");
    }

    @Test
    void stringLongerThanTheMaximumIsRejected() throws DecodeException {
        NdrWriter w = new NdrWriter();
        w.string("ABCDEFGHIJK", false);
        NdrReader r = NdrReader.typeSerialized(w.typeSerialized());
        assertThatThrownBy(() -> r.string("sz", false, 5)).hasMessageContaining("over the maximum 5");
    }

    @Test
    void conformantCountMustMatchTheDeclaredLength() throws DecodeException {
        NdrWriter w = new NdrWriter();
        w.conformantBytes(new byte[] {1, 2, 3, 4});
        NdrReader r = NdrReader.typeSerialized(w.typeSerialized());
        assertThatThrownBy(() -> r.conformantBytes("pb", 3, 16)).hasMessageContaining("differs from the declared");
    }
}
