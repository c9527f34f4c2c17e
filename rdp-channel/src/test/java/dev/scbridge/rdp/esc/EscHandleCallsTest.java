package dev.scbridge.rdp.esc;

import dev.scbridge.apdu.DecodeException;
import dev.scbridge.apdu.Hex;
import dev.scbridge.pcsc.Scard;
import dev.scbridge.rdp.ndr.NdrReader;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The handle-based *_Call structures (MS-RDPESC 2.2.2.15-18, 2.2.2.20-22, 2.2.2.29) other than Transmit. */
class EscHandleCallsTest {
    /** Teleport's session: context value 5, handle value 1, 4 bytes each (rdpesc-ioctls.txt ConnectW_Return). */
    static final RedirHandle HCARD = new RedirHandle(new RedirContext(le(5)), le(1));

    // MS-RDPESC 4.9 BeginTransaction example (structured values only), bytes derived by hand from 2.2.2.16:
    // headers | OBL 40 | cbContext 4, ref 0x00020000 | cbHandle 4, ref 0x00020004 | dwDisposition 0
    // | deferred: MaxCount 4, 00 00 01 CD | MaxCount 4, 00 00 01 EA | pad to 8
    private static final String SPEC_4_9_BEGIN_TRANSACTION = "01100800CCCCCCCC2800000000000000"
            + "04000000000002000400000004000200" + "00000000" + "04000000000001CD" + "04000000000001EA" + "00000000";

    @Test
    void hCardAndDispositionMatchesTheSpecExampleByteForByte() throws DecodeException {
        HCardAndDispositionCall call = new HCardAndDispositionCall(new RedirHandle(
                new RedirContext(new byte[] {0, 0, 1, (byte) 0xCD}), new byte[] {0, 0, 1, (byte) 0xEA}),
                Scard.LEAVE_CARD);
        assertThat(Hex.plain(call.toBytes())).isEqualTo(SPEC_4_9_BEGIN_TRANSACTION);
        assertThat(HCardAndDispositionCall.decode(read(call.toBytes()))).isEqualTo(call);
        assertThat(call.specSection()).isEqualTo("MS-RDPESC 2.2.2.16");
    }

    @Test
    void hCardAndDispositionHasTheRecordedInputBufferLength() throws DecodeException {
        // rdpesc-ioctls.txt Disconnect/BeginTransaction/EndTransaction_Call: Context=5 Handle=1 dwDisposition=0,
        // InputBufferLength=56; each answered by Long_Return 01100800CCCCCCCC0800000000000000 00000000 00000000
        HCardAndDispositionCall call = new HCardAndDispositionCall(HCARD, 0);
        assertThat(call.toBytes()).hasSize(56);
        assertThat(HCardAndDispositionCall.decode(read(call.toBytes()))).isEqualTo(call);
        assertThat(call.toString()).contains("dwDisposition=0");
        assertThat(Hex.plain(new LongReturn(0).toBytes()))
                .isEqualTo("01100800CCCCCCCC08000000000000000000000000000000");
    }

    @Test
    void statusCallHasTheRecordedInputBufferLength() throws DecodeException {
        // rdpesc-ioctls.txt StatusW_Call / trace step 039: fmszReaderNamesIsNULL=0 cchReaderLen=0xFFFFFFFF
        // cbAtrLen=32, InputBufferLength=64 (step 043 is the same with cbAtrLen=0)
        StatusCall call = new StatusCall(HCARD, false, 0xFFFFFFFF, 32);
        assertThat(call.toBytes()).hasSize(64);
        assertThat(StatusCall.decode(read(call.toBytes()))).isEqualTo(call);
        assertThat(call.toString()).contains("cchReaderLen=0xFFFFFFFF");
    }

    @Test
    void reconnectCallRoundTrips() throws DecodeException {
        // 2.2.2.15 by hand: 16 handle bytes + 3 DWORDs = 28 inline, + 16 deferred = 44, padded 48, + 16 headers
        ReconnectCall call = new ReconnectCall(HCARD, Scard.SHARE_SHARED, Scard.PROTOCOL_TX, Scard.RESET_CARD);
        byte[] bytes = call.toBytes();
        assertThat(bytes).hasSize(64);
        assertThat(Hex.plain(Arrays.copyOfRange(bytes, 32, 44))).isEqualTo("020000000300000001000000");
        assertThat(ReconnectCall.decode(read(bytes))).isEqualTo(call);
    }

    @Test
    void stateCallRoundTrips() throws DecodeException {
        StateCall call = new StateCall(HCARD, true, 0xFFFFFFFF);
        byte[] bytes = call.toBytes();
        // 2.2.2.17 by hand: 16 handle bytes + fpbAtrIsNULL + cbAtrLen = 24 inline, + 16 deferred = 40, + 16 headers
        assertThat(bytes).hasSize(56);
        assertThat(Hex.plain(Arrays.copyOfRange(bytes, 32, 40))).isEqualTo("01000000FFFFFFFF");
        assertThat(StateCall.decode(read(bytes))).isEqualTo(call);
    }

    @Test
    void getAttribCallRoundTrips() throws DecodeException {
        // DEVICE_SYSTEM_NAME_W length probe, as Windows was seen sending it (facts/rdp.md sec. 4)
        GetAttribCall call = new GetAttribCall(HCARD, 0x7FFF0006, true, 0);
        byte[] bytes = call.toBytes();
        assertThat(bytes).hasSize(64);
        assertThat(GetAttribCall.decode(read(bytes))).isEqualTo(call);
        assertThat(call.toString()).contains("dwAttrId=0x7FFF0006");
    }

    @Test
    void getTransmitCountCallRoundTrips() throws DecodeException {
        GetTransmitCountCall call = new GetTransmitCountCall(HCARD);
        assertThat(call.toBytes()).hasSize(48); // 16 inline + 16 deferred, + 16 headers
        assertThat(GetTransmitCountCall.decode(read(call.toBytes()))).isEqualTo(call);
    }

    @Test
    void setAttribCallRoundTripsWithTheAttributeAfterTheHandle() throws DecodeException {
        SetAttribCall call = new SetAttribCall(HCARD, 0x7FFF0002, new byte[] {1, 0, 0, 0, 0x55});
        byte[] bytes = call.toBytes();
        // 2.2.2.22 by hand: inline 16 + dwAttrId + cbAttrLen 5 + ref 0x00020008 = 28; deferred ctx 8, handle 8,
        // MaxCount 5 + 5 bytes + 3 pad = 12; 56 bytes, + 16 headers
        assertThat(bytes).hasSize(72);
        assertThat(Hex.plain(Arrays.copyOfRange(bytes, 32, 44))).isEqualTo("0200FF7F0500000008000200");
        assertThat(Hex.plain(Arrays.copyOfRange(bytes, 60, 72))).isEqualTo("050000000100000055000000");
        assertThat(SetAttribCall.decode(read(bytes))).isEqualTo(call);
        SetAttribCall nullAttr = new SetAttribCall(HCARD, 0x7FFF0002, null);
        assertThat(SetAttribCall.decode(read(nullAttr.toBytes()))).isEqualTo(nullAttr);
        assertThat(nullAttr.toString()).contains("pbAttr=NULL");
    }

    @Test
    void controlCallRoundTripsWithAndWithoutInput() throws DecodeException {
        ControlCall call = new ControlCall(HCARD, 0x00313520, new byte[] {(byte) 0xFF, 0x01}, false, 0x200);
        byte[] bytes = call.toBytes();
        // 2.2.2.20 by hand: inline 16 + 5 DWORDs = 36; deferred 16 + MaxCount 2 + 2 bytes + 2 pad = 24; 60 -> 64
        assertThat(bytes).hasSize(80);
        assertThat(ControlCall.decode(read(bytes))).isEqualTo(call);
        ControlCall noInput = new ControlCall(HCARD, 0x00313520, null, true, 0);
        assertThat(ControlCall.decode(read(noInput.toBytes()))).isEqualTo(noInput);
        // a non-NULL pointer with MaxCount 0 survives the round trip as an empty array
        ControlCall empty = new ControlCall(HCARD, 1, new byte[0], false, 0);
        assertThat(ControlCall.decode(read(empty.toBytes())).inBuffer()).isEmpty();
    }

    // --- malformed input: one test per field

    @Test
    void truncatedHandleCallIsRejected() {
        byte[] b = new HCardAndDispositionCall(HCARD, 0).toBytes();
        byte[] cut = withObjectLength(Arrays.copyOf(b, 16 + 30), 30);
        assertThatThrownBy(() -> HCardAndDispositionCall.decode(read(cut))).isInstanceOf(DecodeException.class)
                .hasMessageContaining("truncated");
    }

    @Test
    void trailingBytesAfterAHandleCallAreRejected() {
        byte[] b = withTrailer(new HCardAndDispositionCall(HCARD, 0).toBytes());
        assertThatThrownBy(() -> HCardAndDispositionCall.decode(read(b)))
                .hasMessageContaining("HCardAndDisposition_Call");
        byte[] s = withTrailer(new StatusCall(HCARD, false, 0, 0).toBytes());
        assertThatThrownBy(() -> StatusCall.decode(read(s))).hasMessageContaining("Status_Call");
        byte[] st = withTrailer(new StateCall(HCARD, false, 0).toBytes());
        assertThatThrownBy(() -> StateCall.decode(read(st))).hasMessageContaining("State_Call");
        byte[] rc = withTrailer(new ReconnectCall(HCARD, 2, 3, 0).toBytes());
        assertThatThrownBy(() -> ReconnectCall.decode(read(rc))).hasMessageContaining("Reconnect_Call");
        byte[] ga = withTrailer(new GetAttribCall(HCARD, 1, false, 0).toBytes());
        assertThatThrownBy(() -> GetAttribCall.decode(read(ga))).hasMessageContaining("GetAttrib_Call");
        byte[] tc = withTrailer(new GetTransmitCountCall(HCARD).toBytes());
        assertThatThrownBy(() -> GetTransmitCountCall.decode(read(tc))).hasMessageContaining("GetTransmitCount_Call");
    }

    @Test
    void handleLengthOverSixteenIsRejected() {
        byte[] b = new HCardAndDispositionCall(HCARD, 0).toBytes();
        putLe(b, 16 + 8, 17); // cbHandle
        assertThatThrownBy(() -> HCardAndDispositionCall.decode(read(b))).hasMessageContaining("cbHandle");
    }

    @Test
    void handleMaxCountDifferentFromCbHandleIsRejected() {
        byte[] b = new HCardAndDispositionCall(HCARD, 0).toBytes();
        putLe(b, 16 + 28, 3); // MaxCount of the handle bytes (after dwDisposition and the context pointee)
        assertThatThrownBy(() -> HCardAndDispositionCall.decode(read(b))).hasMessageContaining("pbHandle.MaxCount");
    }

    @Test
    void setAttribNullPointerWithALengthIsRejected() {
        byte[] b = new SetAttribCall(HCARD, 1, null).toBytes();
        putLe(b, 16 + 20, 4); // cbAttrLen 4, pbAttr stays NULL
        assertThatThrownBy(() -> SetAttribCall.decode(read(b))).hasMessageContaining("pbAttr");
    }

    @Test
    void setAttribLengthOverTheIdlRangeIsRejected() {
        byte[] b = new SetAttribCall(HCARD, 1, new byte[] {1}).toBytes();
        putLe(b, 16 + 20, 65537);
        assertThatThrownBy(() -> SetAttribCall.decode(read(b))).hasMessageContaining("cbAttrLen")
                .hasMessageContaining("maximum 65536");
    }

    @Test
    void setAttribMaxCountMismatchIsRejected() {
        byte[] b = new SetAttribCall(HCARD, 1, new byte[] {1, 2}).toBytes();
        putLe(b, 16 + 44, 1); // MaxCount of pbAttr
        assertThatThrownBy(() -> SetAttribCall.decode(read(b))).hasMessageContaining("pbAttr.MaxCount");
    }

    @Test
    void controlInputNullPointerWithALengthIsRejected() {
        byte[] b = new ControlCall(HCARD, 1, null, false, 0).toBytes();
        putLe(b, 16 + 20, 2); // cbInBufferSize 2, pvInBuffer NULL
        assertThatThrownBy(() -> ControlCall.decode(read(b))).hasMessageContaining("pvInBuffer");
    }

    @Test
    void controlInputOverTheIdlRangeIsRejected() {
        byte[] b = new ControlCall(HCARD, 1, new byte[] {1}, false, 0).toBytes();
        putLe(b, 16 + 20, 66561);
        assertThatThrownBy(() -> ControlCall.decode(read(b))).hasMessageContaining("cbInBufferSize");
    }

    @Test
    void recordsRejectBadValuesAtConstruction() {
        assertThatThrownBy(() -> new SetAttribCall(HCARD, 1, new byte[65537]))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ControlCall(HCARD, 1, new byte[66561], false, 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new StatusCall(null, false, 0, 0)).isInstanceOf(NullPointerException.class);
    }

    // --- helpers

    static byte[] le(int v) {
        return new byte[] {(byte) v, (byte) (v >>> 8), (byte) (v >>> 16), (byte) (v >>> 24)};
    }

    static void putLe(byte[] b, int at, int v) {
        System.arraycopy(le(v), 0, b, at, 4);
    }

    static NdrReader read(byte[] b) throws DecodeException {
        return NdrReader.typeSerialized(b);
    }

    /** The same object followed by 8 more bytes that ObjectBufferLength claims. */
    static byte[] withTrailer(byte[] b) {
        byte[] out = Arrays.copyOf(b, b.length + 8);
        putLe(out, 8, b.length - 16 + 8);
        return out;
    }

    static byte[] withObjectLength(byte[] b, int length) {
        putLe(b, 8, length);
        return b;
    }
}
