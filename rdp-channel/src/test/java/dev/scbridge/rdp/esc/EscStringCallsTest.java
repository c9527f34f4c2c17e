package dev.scbridge.rdp.esc;

import dev.scbridge.apdu.DecodeException;
import dev.scbridge.apdu.Hex;
import dev.scbridge.pcsc.Scard;
import dev.scbridge.pcsc.ScardError;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Optional;

import static dev.scbridge.rdp.esc.EscObjects.ctx;
import static dev.scbridge.rdp.esc.EscObjects.le;
import static dev.scbridge.rdp.esc.EscObjects.object;
import static dev.scbridge.rdp.esc.EscObjects.patched;
import static dev.scbridge.rdp.esc.EscObjects.reader;
import static dev.scbridge.rdp.esc.EscObjects.serialized;
import static dev.scbridge.rdp.esc.EscObjects.trailing;
import static dev.scbridge.rdp.esc.EscObjects.truncated;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The context-plus-string calls (MS-RDPESC 2.2.2.5-8, 2.2.2.13-14, 2.2.2.31-32) and Connect_Return,
 * GetReaderIcon_Return, GetDeviceTypeId_Return (2.2.3.8, 2.2.3.14-15).
 */
class EscStringCallsTest {
    // ndr.txt "ContextAndStringW_Call with empty context and NULL string" (IronRDP unit test, constructed):
    // ObjectBufferLength 12 (unpadded) | cbContext 0 | pbContext NULL | sz NULL
    private static final String IRONRDP_NULL_STRING = "01100800CCCCCCCC0C000000000000000000000000000000" + "00000000";

    @Test
    void contextAndStringDecodesIronRdpsNullString() throws DecodeException {
        ContextAndStringCall call = ContextAndStringCall.decode(reader(Hex.decode(IRONRDP_NULL_STRING)), true);
        assertThat(call.context()).isEqualTo(RedirContext.EMPTY);
        assertThat(call.sz()).isEmpty();
        // the object re-encodes exactly (only ObjectBufferLength differs: we pad to 8 as Windows does)
        assertThat(Hex.plain(object(call))).isEqualTo("000000000000000000000000");
        assertThat(call.toBytes()).hasSize(32);
        assertThat(call.toString()).isEqualTo("ContextAndStringW_Call[context=(empty), sz=NULL]");
    }

    @Test
    void contextAndStringRoundTripsInBothWidths() throws DecodeException {
        // 2.2.2.5 by hand (A, group "ab"): cbContext 4, ref 0x00020000 | sz ref 0x00020004
        // | MaxCount 4, 01 00 00 00 | MaxCount 3, Offset 0, ActualCount 3, 'a' 'b' NUL, pad 1 -> 36, padded 40
        ContextAndStringCall a = ContextAndStringCall.of(ctx(1), "ab", false);
        assertThat(Hex.plain(a.toBytes())).isEqualTo("01100800CCCCCCCC2800000000000000"
                + "040000000000020004000200" + "0400000001000000" + "030000000000000003000000" + "61620000"
                + "00000000");
        assertThat(ContextAndStringCall.decode(reader(a.toBytes()), false)).isEqualTo(a);
        assertThat(a.structureName()).isEqualTo("ContextAndStringA_Call");
        assertThat(a.specSection()).isEqualTo("MS-RDPESC 2.2.2.5");
        ContextAndStringCall w = ContextAndStringCall.of(ctx(1), Scard.DEFAULT_READERS_GROUP, true);
        assertThat(ContextAndStringCall.decode(reader(w.toBytes()), true)).isEqualTo(w);
        assertThat(w.specSection()).isEqualTo("MS-RDPESC 2.2.2.6");
        assertThat(w.toString()).contains("sz=\"SCard$DefaultReaders\"");
    }

    @Test
    void contextAndStringRejectsEachMalformedField() {
        byte[] obj = object(ContextAndStringCall.of(ctx(1), "ab", false));
        // string MaxCount over MAX_NAME
        assertStringFails(patched(obj, 20, ContextAndStringCall.MAX_NAME + 1), "sz.MaxCount");
        // Offset not 0
        assertStringFails(patched(obj, 24, 1), "sz.Offset");
        // ActualCount 0
        assertStringFails(patched(obj, 28, 0), "sz.ActualCount");
        // ActualCount over MaxCount
        assertStringFails(patched(obj, 28, 4), "sz.ActualCount");
        // not NUL-terminated: 'a' 'b' 'c'
        byte[] noNul = obj.clone();
        noNul[34] = 'c';
        assertStringFails(serialized(noNul), "not NUL-terminated");
        // truncated inside the characters
        assertStringFails(truncated(obj, 33), "sz");
        // trailing bytes
        assertStringFails(trailing(obj, 8), "ContextAndStringA_Call");
        // a context length with a NULL context pointer
        assertStringFails(patched(obj, 4, 0), "pbContext");
    }

    private static void assertStringFails(byte[] bytes, String field) {
        assertThatThrownBy(() -> ContextAndStringCall.decode(reader(bytes), false))
                .isInstanceOf(DecodeException.class).hasMessageContaining(field);
    }

    @Test
    void contextAndStringConstructorRejectsUnencodableText() {
        assertThatIllegalArgumentException().isThrownBy(() -> ContextAndStringCall.of(ctx(1), "a\0b", true));
        assertThatIllegalArgumentException().isThrownBy(() -> ContextAndStringCall.of(ctx(1), "\u20AC", false));
        assertThatIllegalArgumentException()
                .isThrownBy(() -> ContextAndStringCall.of(ctx(1), "x".repeat(ContextAndStringCall.MAX_NAME), true));
    }

    @Test
    void contextAndTwoStringRoundTripsAndKeepsNulls() throws DecodeException {
        // 2.2.2.8 by hand (W, AddReaderToGroup "R" to "G"): cbContext 4, ref 0x00020000 | sz1 ref 0x00020004
        // | sz2 ref 0x00020008 | MaxCount 4, 01 00 00 00 | 2, 0, 2, "R\0" | 2, 0, 2, "G\0" -> 56 bytes
        ContextAndTwoStringCall call = ContextAndTwoStringCall.of(ctx(1), "R", "G", true);
        assertThat(Hex.plain(call.toBytes())).isEqualTo("01100800CCCCCCCC3800000000000000"
                + "04000000000002000400020008000200" + "0400000001000000"
                + "02000000000000000200000052000000" + "02000000000000000200000047000000");
        assertThat(ContextAndTwoStringCall.decode(reader(call.toBytes()), true)).isEqualTo(call);
        assertThat(call.specSection()).isEqualTo("MS-RDPESC 2.2.2.8");
        ContextAndTwoStringCall nulls = new ContextAndTwoStringCall(ctx(1), Optional.empty(), Optional.of("G"), false);
        assertThat(ContextAndTwoStringCall.decode(reader(nulls.toBytes()), false)).isEqualTo(nulls);
        assertThat(nulls.toString()).contains("sz1=NULL", "sz2=\"G\"");
        assertThat(nulls.structureName()).isEqualTo("ContextAndTwoStringA_Call");

        byte[] obj = object(call);
        assertThatThrownBy(() -> ContextAndTwoStringCall.decode(reader(truncated(obj, 44)), true))
                .isInstanceOf(DecodeException.class).hasMessageContaining("sz2");
        assertThatThrownBy(() -> ContextAndTwoStringCall.decode(reader(patched(obj, 48, 3)), true))
                .isInstanceOf(DecodeException.class).hasMessageContaining("sz2.ActualCount");
        assertThatThrownBy(() -> ContextAndTwoStringCall.decode(reader(trailing(obj, 8)), true))
                .isInstanceOf(DecodeException.class).hasMessageContaining("ContextAndTwoStringW_Call");
    }

    @Test
    void connectCallPutsTheReaderPointerFirstAndHasTheRecordedLength() throws DecodeException {
        // trace step 035 / rdpesc-ioctls ConnectW_Call: "Teleport", Context=5, SHARED, T0|T1: InputBufferLength 80
        ConnectCall call = new ConnectCall("Teleport", ctx(5), Scard.SHARE_SHARED, Scard.PROTOCOL_TX, true);
        byte[] bytes = call.toBytes();
        assertThat(bytes).hasSize(80);
        byte[] obj = object(call);
        // ConnectW_Call IDL: szReader first, then Connect_Common {Context, dwShareMode, dwPreferredProtocols};
        // so szReader takes referent 0x00020000 and its string is the first pointee, before the context bytes
        assertThat(Hex.plain(Arrays.copyOf(obj, 20))).isEqualTo("00000200" + "0400000004000200" + "02000000"
                + "03000000");
        assertThat(Hex.plain(Arrays.copyOfRange(obj, 20, 32))).isEqualTo("090000000000000009000000");
        assertThat(Hex.plain(Arrays.copyOfRange(obj, 52, 60))).isEqualTo("0400000005000000");
        assertThat(ConnectCall.decode(reader(bytes), true)).isEqualTo(call);
        assertThat(call.structureName()).isEqualTo("ConnectW_Call");
        assertThat(call.specSection()).isEqualTo("MS-RDPESC 2.2.2.14");
        assertThat(call.toString())
                .contains("szReader=\"Teleport\"", "dwShareMode=2", "dwPreferredProtocols=0x00000003");
        ConnectCall a = new ConnectCall("Teleport", ctx(5), Scard.SHARE_SHARED, Scard.PROTOCOL_T1, false);
        assertThat(ConnectCall.decode(reader(a.toBytes()), false)).isEqualTo(a);
        assertThat(a.specSection()).isEqualTo("MS-RDPESC 2.2.2.13");
    }

    @Test
    void connectCallRejectsEachMalformedField() {
        byte[] obj = object(new ConnectCall("Teleport", ctx(5), Scard.SHARE_SHARED, Scard.PROTOCOL_TX, true));
        assertConnectFails(patched(obj, 0, 0), "szReader");
        assertConnectFails(patched(obj, 20, ReaderStateCall.MAX_READER_NAME + 1), "szReader.MaxCount");
        assertConnectFails(truncated(obj, 40), "szReader");
        assertConnectFails(truncated(obj, 56), "pbContext");
        assertConnectFails(patched(obj, 52, 8), "pbContext.MaxCount");
        assertConnectFails(trailing(obj, 8), "ConnectW_Call");
    }

    private static void assertConnectFails(byte[] bytes, String field) {
        assertThatThrownBy(() -> ConnectCall.decode(reader(bytes), true))
                .isInstanceOf(DecodeException.class).hasMessageContaining(field);
    }

    // rdpesc-ioctls.txt ConnectW_Return / trace step 036: context 5, handle 1, T1
    private static final String CONNECT_RETURN = "01100800CCCCCCCC2800000000000000" + "00000000040000000000020004000000"
            + "04000200020000000400000005000000" + "0400000001000000";

    @Test
    void connectReturnMatchesTheWindowsAcceptedBytes() throws DecodeException {
        ConnectReturn ret = new ConnectReturn(0, new RedirHandle(ctx(5), le(1)), Scard.PROTOCOL_T1);
        assertThat(Hex.plain(ret.toBytes())).isEqualTo(CONNECT_RETURN);
        assertThat(ConnectReturn.decode(reader(Hex.decode(CONNECT_RETURN)))).isEqualTo(ret);
        assertThat(ret.toString()).contains("ReturnCode=SCARD_S_SUCCESS", "dwActiveProtocol=0x00000002");
        assertThat(ret.specSection()).isEqualTo("MS-RDPESC 2.2.3.8");
        // failure: everything else zero, 2.2.3 -> rc | 0 NULL | 0 NULL | 0 = 24 bytes
        ConnectReturn failure = ConnectReturn.failure(ScardError.E_NO_SMARTCARD.code());
        assertThat(Hex.plain(failure.toBytes())).isEqualTo("01100800CCCCCCCC1800000000000000"
                + "0C001080000000000000000000000000" + "0000000000000000");
        assertThat(ConnectReturn.decode(reader(failure.toBytes()))).isEqualTo(failure);
    }

    @Test
    void connectReturnRejectsEachMalformedField() {
        byte[] obj = object(new ConnectReturn(0, new RedirHandle(ctx(5), le(1)), Scard.PROTOCOL_T1));
        assertConnectReturnFails(patched(obj, 16, 0), "pbHandle");
        assertConnectReturnFails(patched(obj, 12, 17), "cbHandle");
        assertConnectReturnFails(truncated(obj, 22), "dwActiveProtocol");
        assertConnectReturnFails(truncated(obj, 36), "pbHandle");
        assertConnectReturnFails(trailing(obj, 8), "Connect_Return");
    }

    private static void assertConnectReturnFails(byte[] bytes, String field) {
        assertThatThrownBy(() -> ConnectReturn.decode(reader(bytes)))
                .isInstanceOf(DecodeException.class).hasMessageContaining(field);
    }

    @Test
    void readerIconAndDeviceTypeIdCallsHaveTheRecordedLength() throws DecodeException {
        // trace steps 014 (GetDeviceTypeId, Context=1) and 209 (GetReaderIcon, Context=7): "Teleport", 72 bytes,
        // szReaderName ref 0x00020004 after the context's 0x00020000
        GetDeviceTypeIdCall type = new GetDeviceTypeIdCall(ctx(1), "Teleport");
        GetReaderIconCall icon = new GetReaderIconCall(ctx(7), "Teleport");
        assertThat(type.toBytes()).hasSize(72);
        assertThat(icon.toBytes()).hasSize(72);
        assertThat(Hex.plain(Arrays.copyOfRange(object(type), 8, 12))).isEqualTo("04000200");
        assertThat(GetDeviceTypeIdCall.decode(reader(type.toBytes()))).isEqualTo(type);
        assertThat(GetReaderIconCall.decode(reader(icon.toBytes()))).isEqualTo(icon);
        assertThat(type.specSection()).isEqualTo("MS-RDPESC 2.2.2.32");
        assertThat(icon.specSection()).isEqualTo("MS-RDPESC 2.2.2.31");
        assertThat(icon.toString()).isEqualTo("GetReaderIcon_Call[context=07000000, szReaderName=\"Teleport\"]");
    }

    @Test
    void readerIconAndDeviceTypeIdCallsRejectEachMalformedField() {
        byte[] obj = object(new GetDeviceTypeIdCall(ctx(1), "Teleport"));
        assertThatThrownBy(() -> GetDeviceTypeIdCall.decode(reader(patched(obj, 8, 0))))
                .isInstanceOf(DecodeException.class).hasMessageContaining("szReaderName");
        assertThatThrownBy(() -> GetDeviceTypeIdCall.decode(reader(patched(obj, 28, 10))))
                .isInstanceOf(DecodeException.class).hasMessageContaining("szReaderName.ActualCount");
        assertThatThrownBy(() -> GetDeviceTypeIdCall.decode(reader(trailing(obj, 8))))
                .isInstanceOf(DecodeException.class).hasMessageContaining("GetDeviceTypeId_Call");
        byte[] iconObj = object(new GetReaderIconCall(ctx(7), "Teleport"));
        assertThatThrownBy(() -> GetReaderIconCall.decode(reader(patched(iconObj, 8, 0))))
                .isInstanceOf(DecodeException.class).hasMessageContaining("szReaderName");
        assertThatThrownBy(() -> GetReaderIconCall.decode(reader(truncated(iconObj, 30))))
                .isInstanceOf(DecodeException.class).hasMessageContaining("szReaderName");
        assertThatThrownBy(() -> GetReaderIconCall.decode(reader(trailing(iconObj, 8))))
                .isInstanceOf(DecodeException.class).hasMessageContaining("GetReaderIcon_Call");
    }

    @Test
    void deviceTypeIdReturnMatchesTheWindowsAcceptedBytes() throws DecodeException {
        // rdpesc-ioctls.txt GetDeviceTypeId_Return / trace step 015: SCARD_READER_TYPE_VENDOR 0xF0
        String vector = "01100800CCCCCCCC080000000000000000000000F0000000";
        GetDeviceTypeIdReturn ret = new GetDeviceTypeIdReturn(0, Scard.READER_TYPE_VENDOR);
        assertThat(Hex.plain(ret.toBytes())).isEqualTo(vector);
        assertThat(GetDeviceTypeIdReturn.decode(reader(Hex.decode(vector)))).isEqualTo(ret);
        assertThat(ret.toString())
                .isEqualTo("GetDeviceTypeId_Return[ReturnCode=SCARD_S_SUCCESS, dwDeviceId=0x000000F0]");
        byte[] obj = object(ret);
        assertThatThrownBy(() -> GetDeviceTypeIdReturn.decode(reader(truncated(obj, 6))))
                .isInstanceOf(DecodeException.class).hasMessageContaining("dwDeviceId");
        assertThatThrownBy(() -> GetDeviceTypeIdReturn.decode(reader(trailing(obj, 8))))
                .isInstanceOf(DecodeException.class).hasMessageContaining("GetDeviceTypeId_Return");
    }

    @Test
    void readerIconReturnMatchesTheWindowsAcceptedBytes() throws DecodeException {
        // rdpesc-ioctls.txt GetReaderIcon_Return / trace step 210: SCARD_E_UNSUPPORTED_FEATURE | 0 | ref | MaxCount 0
        String vector = "01100800CCCCCCCC1000000000000000" + "22001080000000000000020000000000";
        GetReaderIconReturn ret = GetReaderIconReturn.failure(ScardError.E_UNSUPPORTED_FEATURE.code());
        assertThat(Hex.plain(ret.toBytes())).isEqualTo(vector);
        assertThat(GetReaderIconReturn.decode(reader(Hex.decode(vector)))).isEqualTo(ret);
        assertThat(ret.toString()).contains("SCARD_E_UNSUPPORTED_FEATURE", "cbDataLen=0", "pbData=");
        GetReaderIconReturn icon = GetReaderIconReturn.success(new byte[] {1, 2, 3, 4, 5});
        assertThat(GetReaderIconReturn.decode(reader(icon.toBytes()))).isEqualTo(icon);
        assertThat(icon.specSection()).isEqualTo("MS-RDPESC 2.2.3.14");
        byte[] obj = object(icon);
        assertThatThrownBy(() -> GetReaderIconReturn.decode(reader(patched(obj, 4, 4_194_305))))
                .isInstanceOf(DecodeException.class).hasMessageContaining("cbDataLen");
        assertThatThrownBy(() -> GetReaderIconReturn.decode(reader(patched(obj, 12, 4))))
                .isInstanceOf(DecodeException.class).hasMessageContaining("pbData.MaxCount");
        assertThatThrownBy(() -> GetReaderIconReturn.decode(reader(truncated(obj, 18))))
                .isInstanceOf(DecodeException.class).hasMessageContaining("pbData");
        assertThatThrownBy(() -> GetReaderIconReturn.decode(reader(trailing(obj, 8))))
                .isInstanceOf(DecodeException.class).hasMessageContaining("GetReaderIcon_Return");
    }
}
