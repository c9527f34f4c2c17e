package dev.scbridge.rdp.esc;

import dev.scbridge.apdu.DecodeException;
import dev.scbridge.apdu.Hex;
import dev.scbridge.pcsc.Scard;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static dev.scbridge.rdp.esc.EscHandleCallsTest.putLe;
import static dev.scbridge.rdp.esc.EscHandleCallsTest.read;
import static dev.scbridge.rdp.esc.EscHandleCallsTest.withTrailer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The *_Return structures of handle-based calls (MS-RDPESC 2.2.3.6, 2.2.3.7, 2.2.3.9, 2.2.3.10, 2.2.3.12-13). */
class EscCardReturnsTest {
    private static final byte[] ATR = Hex.decode("3B951381018073FF01000B");

    // windows-logon-trace.txt step 040 (= rdpesc-ioctls.txt StatusW_Return), accepted by Windows:
    // RC 0 | cBytes 20 | ref 0x00020000 | dwState 6 (SPECIFICMODE) | dwProtocol 2 | pbAtr[32] | cbAtrLen 11
    // | MaxCount 20 | "Teleport\0\0" UTF-16LE
    private static final String STATUS_W_RETURN =
            "01100800CCCCCCCC500000000000000000000000140000000000020006000000020000003B951381018073FF01000B000000" +
            "0000000000000000000000000000000000000B00000014000000540065006C00650070006F007200740000000000";

    @Test
    void statusReturnMatchesTheWindowsAcceptedBytes() throws DecodeException {
        StatusReturn ret = StatusReturn.of(true, List.of("Teleport"), 6, Scard.PROTOCOL_T1, ATR);
        assertThat(ret.toBytes()).hasSize(96);
        assertThat(Hex.plain(ret.toBytes())).isEqualTo(STATUS_W_RETURN);
        StatusReturn back = StatusReturn.decode(read(Hex.decode(STATUS_W_RETURN)), true);
        assertThat(back).isEqualTo(ret);
        assertThat(back.readerNames()).containsExactly("Teleport");
        assertThat(back.atr()).isEqualTo(ATR);
        assertThat(back.toString()).contains("[Teleport]").contains("cbAtrLen=11").contains("SCARD_S_SUCCESS");
    }

    @Test
    void statusReturnAsciiLengthOnlyAndErrorRoundTrip() throws DecodeException {
        StatusReturn ascii = StatusReturn.of(false, List.of("Reader A", "Reader B"), 6, 1, ATR);
        assertThat(ascii.cBytes()).isEqualTo(19); // "Reader A\0Reader B\0\0"
        assertThat(StatusReturn.decode(read(ascii.toBytes()), false)).isEqualTo(ascii);
        StatusReturn lengthOnly = new StatusReturn(0, true, 20, null, 6, 2, Arrays.copyOf(ATR, 32), 11);
        assertThat(StatusReturn.decode(read(lengthOnly.toBytes()), true)).isEqualTo(lengthOnly);
        StatusReturn error = StatusReturn.error(0x80100069, true);
        assertThat(error.toBytes()).hasSize(16 + 56);
        assertThat(StatusReturn.decode(read(error.toBytes()), true)).isEqualTo(error);
    }

    @Test
    void stateReturnRoundTrips() throws DecodeException {
        // 2.2.3.9 by hand: RC | dwState 6 | dwProtocol 2 | cbAtrLen 11 | ref 0x00020000 | MaxCount 11 | ATR
        // | pad to 4 (1 byte) | pad to 8 (4 bytes): 40-byte object
        StateReturn ret = StateReturn.of(6, Scard.PROTOCOL_T1, ATR);
        String expected = "01100800CCCCCCCC2800000000000000" + "00000000" + "06000000" + "02000000" + "0B000000"
                + "00000200" + "0B000000" + "3B951381018073FF01000B" + "00" + "00000000";
        assertThat(Hex.plain(ret.toBytes())).isEqualTo(expected);
        assertThat(StateReturn.decode(read(Hex.decode(expected)))).isEqualTo(ret);
        StateReturn lengthOnly = new StateReturn(0, 6, 2, 11, null);
        assertThat(StateReturn.decode(read(lengthOnly.toBytes()))).isEqualTo(lengthOnly);
        assertThat(StateReturn.error(0x8010000C).toString()).contains("SCARD_E_NO_SMARTCARD").contains("rgAtr=NULL");
    }

    @Test
    void controlAndGetAttribReturnsRoundTrip() throws DecodeException {
        // 2.2.3.6 / 2.2.3.12 by hand: RC | cb 3 | ref 0x00020000 | MaxCount 3 | bytes | pad 1
        String body = "00000000" + "03000000" + "00000200" + "03000000" + "414243" + "00";
        String expected = "01100800CCCCCCCC1800000000000000" + body + "00000000";
        assertThat(Hex.plain(ControlReturn.of(Hex.decode("414243")).toBytes())).isEqualTo(expected);
        assertThat(Hex.plain(GetAttribReturn.of(Hex.decode("414243")).toBytes())).isEqualTo(expected);
        assertThat(ControlReturn.decode(read(Hex.decode(expected)))).isEqualTo(ControlReturn.of(Hex.decode("414243")));
        assertThat(GetAttribReturn.decode(read(Hex.decode(expected))))
                .isEqualTo(GetAttribReturn.of(Hex.decode("414243")));
        GetAttribReturn probe = GetAttribReturn.lengthOnly(18);
        assertThat(Hex.plain(probe.toBytes())).isEqualTo("01100800CCCCCCCC1000000000000000"
                + "00000000" + "12000000" + "00000000" + "00000000");
        assertThat(GetAttribReturn.decode(read(probe.toBytes()))).isEqualTo(probe);
        ControlReturn unsupported = ControlReturn.error(0x80100022);
        assertThat(ControlReturn.decode(read(unsupported.toBytes()))).isEqualTo(unsupported);
        assertThat(unsupported.toString()).contains("SCARD_E_UNSUPPORTED_FEATURE");
    }

    @Test
    void reconnectAndTransmitCountReturnsRoundTrip() throws DecodeException {
        ReconnectReturn reconnect = new ReconnectReturn(0, Scard.PROTOCOL_T1);
        assertThat(Hex.plain(reconnect.toBytes())).isEqualTo("01100800CCCCCCCC0800000000000000" + "0000000002000000");
        assertThat(ReconnectReturn.decode(read(reconnect.toBytes()))).isEqualTo(reconnect);
        GetTransmitCountReturn count = new GetTransmitCountReturn(0, 42);
        assertThat(Hex.plain(count.toBytes())).isEqualTo("01100800CCCCCCCC0800000000000000" + "000000002A000000");
        assertThat(GetTransmitCountReturn.decode(read(count.toBytes()))).isEqualTo(count);
        assertThat(ReconnectReturn.error(0x80100003).toString()).contains("SCARD_E_INVALID_HANDLE");
        assertThat(GetTransmitCountReturn.error(0x12345678).toString()).contains("ReturnCode=0x12345678");
    }

    // --- malformed input: one test per field

    @Test
    void statusAtrLengthOverThirtyTwoIsRejected() {
        byte[] b = Hex.decode(STATUS_W_RETURN);
        putLe(b, 16 + 52, 33); // cbAtrLen
        assertThatThrownBy(() -> StatusReturn.decode(read(b), true)).isInstanceOf(DecodeException.class)
                .hasMessageContaining("cbAtrLen");
    }

    @Test
    void statusNamesLengthOverTheIdlRangeIsRejected() {
        byte[] b = Hex.decode(STATUS_W_RETURN);
        putLe(b, 16 + 4, 65537);
        assertThatThrownBy(() -> StatusReturn.decode(read(b), true)).hasMessageContaining("cBytes");
    }

    @Test
    void statusNamesMaxCountMismatchIsRejected() {
        byte[] b = Hex.decode(STATUS_W_RETURN);
        putLe(b, 16 + 56, 18);
        assertThatThrownBy(() -> StatusReturn.decode(read(b), true)).hasMessageContaining("mszReaderNames.MaxCount");
    }

    @Test
    void statusNamesThatAreNoMultistringAreRejected() {
        byte[] b = Hex.decode(STATUS_W_RETURN);
        b[16 + 60 + 18] = 'x'; // the final NUL of "Teleport\0\0" becomes text
        assertThatThrownBy(() -> StatusReturn.decode(read(b), true)).hasMessageContaining("mszReaderNames");
    }

    @Test
    void truncatedStatusReturnIsRejected() {
        byte[] b = Arrays.copyOf(Hex.decode(STATUS_W_RETURN), 16 + 40);
        putLe(b, 8, 40); // ends inside pbAtr[32]
        assertThatThrownBy(() -> StatusReturn.decode(read(b), true)).hasMessageContaining("pbAtr")
                .hasMessageContaining("truncated");
    }

    @Test
    void trailingBytesAfterReturnsAreRejected() {
        assertThatThrownBy(() -> StatusReturn.decode(read(withTrailer(Hex.decode(STATUS_W_RETURN))), true))
                .hasMessageContaining("Status_Return");
        assertThatThrownBy(() -> StateReturn.decode(read(withTrailer(StateReturn.of(6, 2, ATR).toBytes()))))
                .hasMessageContaining("State_Return");
        assertThatThrownBy(() -> ControlReturn.decode(read(withTrailer(ControlReturn.of(new byte[3]).toBytes()))))
                .hasMessageContaining("Control_Return");
        assertThatThrownBy(() -> GetAttribReturn.decode(read(withTrailer(GetAttribReturn.of(new byte[3]).toBytes()))))
                .hasMessageContaining("GetAttrib_Return");
        assertThatThrownBy(() -> ReconnectReturn.decode(read(withTrailer(new ReconnectReturn(0, 2).toBytes()))))
                .hasMessageContaining("Reconnect_Return");
        assertThatThrownBy(() -> GetTransmitCountReturn.decode(read(withTrailer(new GetTransmitCountReturn(0, 1)
                .toBytes())))).hasMessageContaining("GetTransmitCount_Return");
    }

    @Test
    void truncatedFixedReturnsAreRejected() {
        byte[] reconnect = Hex.decode("01100800CCCCCCCC040000000000000000000000");
        assertThatThrownBy(() -> ReconnectReturn.decode(read(reconnect))).hasMessageContaining("dwActiveProtocol");
        assertThatThrownBy(() -> GetTransmitCountReturn.decode(read(reconnect))).hasMessageContaining("cTransmitCount");
    }

    @Test
    void stateAtrLengthOverThirtySixIsRejected() {
        byte[] b = StateReturn.of(6, 2, ATR).toBytes();
        putLe(b, 16 + 12, 37);
        assertThatThrownBy(() -> StateReturn.decode(read(b))).hasMessageContaining("cbAtrLen");
    }

    @Test
    void stateAtrMaxCountMismatchIsRejected() {
        byte[] b = StateReturn.of(6, 2, ATR).toBytes();
        putLe(b, 16 + 20, 12);
        assertThatThrownBy(() -> StateReturn.decode(read(b))).hasMessageContaining("rgAtr.MaxCount");
    }

    @Test
    void controlOutputOverTheIdlRangeIsRejected() {
        byte[] b = ControlReturn.of(new byte[3]).toBytes();
        putLe(b, 16 + 4, 66561);
        assertThatThrownBy(() -> ControlReturn.decode(read(b))).hasMessageContaining("cbOutBufferSize");
    }

    @Test
    void controlOutputMaxCountMismatchIsRejected() {
        byte[] b = ControlReturn.of(new byte[3]).toBytes();
        putLe(b, 16 + 12, 4);
        assertThatThrownBy(() -> ControlReturn.decode(read(b))).hasMessageContaining("pvOutBuffer.MaxCount");
    }

    @Test
    void attributeLengthOverTheIdlRangeIsRejected() {
        byte[] b = GetAttribReturn.of(new byte[3]).toBytes();
        putLe(b, 16 + 4, 65537);
        assertThatThrownBy(() -> GetAttribReturn.decode(read(b))).hasMessageContaining("cbAttrLen");
    }

    @Test
    void truncatedAttributeIsRejected() {
        byte[] b = GetAttribReturn.of(new byte[3]).toBytes();
        putLe(b, 16 + 4, 30000);
        putLe(b, 16 + 12, 30000);
        assertThatThrownBy(() -> GetAttribReturn.decode(read(b))).hasMessageContaining("pbAttr")
                .hasMessageContaining("truncated");
    }

    @Test
    void recordsRejectBadValuesAtConstruction() {
        assertThatThrownBy(() -> new StatusReturn(0, true, 0, null, 0, 0, new byte[31], 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new StatusReturn(0, true, 0, null, 0, 0, new byte[32], 33))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new StatusReturn(0, true, 3, new byte[3], 0, 0, new byte[32], 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> StatusReturn.of(true, List.of("R"), 6, 2, new byte[33]))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new StateReturn(0, 0, 0, 37, null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new GetAttribReturn(0, 2, new byte[3])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ControlReturn(0, 66561, null)).isInstanceOf(IllegalArgumentException.class);
    }
}
