package dev.scbridge.rdp.esc;

import dev.scbridge.apdu.DecodeException;
import dev.scbridge.apdu.Hex;
import dev.scbridge.pcsc.Scard;
import dev.scbridge.pcsc.ScardError;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static dev.scbridge.rdp.esc.EscObjects.ctx;
import static dev.scbridge.rdp.esc.EscObjects.object;
import static dev.scbridge.rdp.esc.EscObjects.patched;
import static dev.scbridge.rdp.esc.EscObjects.reader;
import static dev.scbridge.rdp.esc.EscObjects.trailing;
import static dev.scbridge.rdp.esc.EscObjects.truncated;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** ListReaderGroups_Call, ListReaders_Call and their shared Return (MS-RDPESC 2.2.2.3, 2.2.2.4, 2.2.3.4). */
class EscListReadersTest {
    // rdpesc-ioctls.txt "ListReadersW DR_CONTROL_REQ body" (xrdp dump of a real Windows request): the InputBuffer,
    // i.e. the dump from byte 32 on. Context 84 DB 03 01, groups "SCard$AllReaders\0\0", cchReaders AUTOALLOCATE.
    private static final String XRDP_LIST_READERS_W = "01100800CCCCCCCC4800000000000000"
            + "04000000000002002400000004000200" + "00000000FFFFFFFF" + "0400000084DB0301"
            + "24000000530043006100720064002400" + "41006C006C00520065006100640065007200730000000000";
    // rdpesc-ioctls.txt ListReadersW_Return / trace step 013: "Teleport\0\0" (UTF-16LE, 20 bytes)
    private static final String TELEPORT_RETURN = "01100800CCCCCCCC2800000000000000"
            + "00000000140000000000020014000000"
            + "540065006C00650070006F0072007400" + "0000000000000000";

    @Test
    void listReadersCallDecodesTheXrdpDumpAndReencodesItExactly() throws DecodeException {
        byte[] bytes = Hex.decode(XRDP_LIST_READERS_W);
        ListReadersCall call = ListReadersCall.decode(reader(bytes), true);
        assertThat(call.context().value()).containsExactly(0x84, 0xDB, 0x03, 0x01);
        assertThat(call.groups()).containsExactly(Scard.ALL_READERS_GROUP);
        assertThat(call.cchReaders()).isEqualTo(ListReadersCall.SCARD_AUTOALLOCATE);
        assertThat(call.lengthOnly()).isFalse();
        assertThat(Hex.plain(call.toBytes())).isEqualTo(XRDP_LIST_READERS_W);
        assertThat(call).isEqualTo(ListReadersCall.of(call.context(), List.of(Scard.ALL_READERS_GROUP), true));
        assertThat(call.toString()).contains("[SCard$AllReaders]", "cchReaders=SCARD_AUTOALLOCATE");
        assertThat(call.specSection()).isEqualTo("MS-RDPESC 2.2.2.4");
    }

    @Test
    void listReadersCallHasTheRecordedInputBufferLengths() throws DecodeException {
        // trace step 012: Context=1, 36-byte groups -> 88; step 027: Context=3, mszGroups=NULL -> 48
        ListReadersCall groups = ListReadersCall.of(ctx(1), List.of(Scard.ALL_READERS_GROUP), true);
        ListReadersCall none = ListReadersCall.of(ctx(3), List.of(), true);
        assertThat(groups.toBytes()).hasSize(88);
        assertThat(none.toBytes()).hasSize(48);
        assertThat(none.mszGroups()).isNull();
        assertThat(ListReadersCall.decode(reader(none.toBytes()), true)).isEqualTo(none);
        assertThat(ListReadersCall.decode(reader(groups.toBytes()), true)).isEqualTo(groups);
        // cBytes 0 with NULL at object offset 8..15
        assertThat(Hex.plain(Arrays.copyOfRange(object(none), 8, 16))).isEqualTo("0000000000000000");
    }

    @Test
    void listReadersCallKeepsAnEmptyNonNullGroupArray() throws DecodeException {
        ListReadersCall call = new ListReadersCall(ctx(1), new byte[0], 0, 0, false);
        ListReadersCall back = ListReadersCall.decode(reader(call.toBytes()), false);
        assertThat(back.mszGroups()).isEmpty();
        assertThat(back).isEqualTo(call).isNotEqualTo(new ListReadersCall(ctx(1), null, 0, 0, false));
        assertThat(back.groups()).isEmpty();
    }

    @Test
    void listReadersCallRejectsEachMalformedField() {
        byte[] obj = object(ListReadersCall.of(ctx(1), List.of(Scard.ALL_READERS_GROUP), true));
        // cBytes over 65536
        assertFails(patched(obj, 8, 65_537), "cBytes");
        // cBytes 36 with a NULL mszGroups
        assertFails(patched(obj, 12, 0), "mszGroups");
        // MaxCount 34 where cBytes said 36
        assertFails(patched(obj, 32, 34), "mszGroups.MaxCount");
        // truncated inside the group bytes
        assertFails(truncated(obj, 50), "mszGroups");
        // trailing bytes after the object
        assertFails(trailing(obj, 8), "ListReaders_Call");
        // a W multistring of odd length: cBytes 3, MaxCount 3, "A\0\0"
        byte[] odd = object(new ListReadersCall(ctx(1), new byte[] {'A', 0, 0}, 0, 0, false));
        assertThatThrownBy(() -> ListReadersCall.decode(reader(EscObjects.serialized(odd)), true))
                .isInstanceOf(DecodeException.class).hasMessageContaining("odd length");
        // text after the terminating empty name
        byte[] junk = object(new ListReadersCall(ctx(1), new byte[] {'A', 0, 0, 0}, 0, 0, false));
        junk[39] = 'B'; // inline 24 + context 8 + MaxCount 4 = 36: the msz is at 36..39
        assertThatThrownBy(() -> ListReadersCall.decode(reader(EscObjects.serialized(junk)), false))
                .isInstanceOf(DecodeException.class).hasMessageContaining("after the terminating");
    }

    private static void assertFails(byte[] bytes, String field) {
        assertThatThrownBy(() -> ListReadersCall.decode(reader(bytes), true))
                .isInstanceOf(DecodeException.class).hasMessageContaining(field);
    }

    @Test
    void listReaderGroupsCallRoundTrips() throws DecodeException {
        // 2.2.2.3 by hand: cbContext 4, ref 0x00020000 | fmszGroupsIsNULL 0 | cchGroups 0xFFFFFFFF
        // | MaxCount 4, 01 00 00 00 -> 24 bytes, no padding needed
        ListReaderGroupsCall call = new ListReaderGroupsCall(ctx(1), 0, ListReadersCall.SCARD_AUTOALLOCATE);
        assertThat(Hex.plain(call.toBytes())).isEqualTo("01100800CCCCCCCC1800000000000000"
                + "040000000000020000000000FFFFFFFF" + "0400000001000000");
        assertThat(ListReaderGroupsCall.decode(reader(call.toBytes()))).isEqualTo(call);
        assertThat(call.toString()).contains("fmszGroupsIsNULL=0", "cchGroups=SCARD_AUTOALLOCATE");
        byte[] obj = object(call);
        assertThatThrownBy(() -> ListReaderGroupsCall.decode(reader(truncated(obj, 14))))
                .isInstanceOf(DecodeException.class).hasMessageContaining("cchGroups");
        assertThatThrownBy(() -> ListReaderGroupsCall.decode(reader(truncated(obj, 20))))
                .isInstanceOf(DecodeException.class).hasMessageContaining("pbContext");
        assertThatThrownBy(() -> ListReaderGroupsCall.decode(reader(trailing(obj, 8))))
                .isInstanceOf(DecodeException.class).hasMessageContaining("ListReaderGroups_Call");
    }

    @Test
    void listReadersReturnMatchesTheWindowsAcceptedBytes() throws DecodeException {
        ListReadersReturn ret = ListReadersReturn.success(List.of("Teleport"), true);
        assertThat(Hex.plain(ret.toBytes())).isEqualTo(TELEPORT_RETURN);
        ListReadersReturn back = ListReadersReturn.decode(reader(Hex.decode(TELEPORT_RETURN)));
        assertThat(back).isEqualTo(ret);
        assertThat(back.names(true)).containsExactly("Teleport");
        assertThat(back.toString()).contains("ReturnCode=SCARD_S_SUCCESS", "cBytes=20");
        assertThat(ret.specSection()).isEqualTo("MS-RDPESC 2.2.3.4");
    }

    @Test
    void listReadersReturnFailureAndLengthOnlyForms() throws DecodeException {
        int noReaders = ScardError.E_NO_READERS_AVAILABLE.code();
        // failure: the Windows-accepted empty form (as ReadCache_Return NOT_FOUND): rc | 0 | ref | MaxCount 0
        assertThat(Hex.plain(ListReadersReturn.failure(noReaders).toBytes())).isEqualTo(
                "01100800CCCCCCCC1000000000000000" + "2E00108000000000000002000000" + "0000");
        assertThat(ListReadersReturn.failure(noReaders).toString())
                .contains("ReturnCode=SCARD_E_NO_READERS_AVAILABLE");
        // length only (fmszReadersIsNULL TRUE): cBytes 20, NULL pointer, nothing deferred
        ListReadersReturn lengthOnly = ListReadersReturn.lengthOnly(20);
        assertThat(Hex.plain(lengthOnly.toBytes())).isEqualTo("01100800CCCCCCCC1000000000000000"
                + "00000000140000000000000000000000");
        assertThat(ListReadersReturn.decode(reader(lengthOnly.toBytes()))).isEqualTo(lengthOnly);
        assertThat(lengthOnly.names(true)).isEmpty();
    }

    @Test
    void listReadersReturnRejectsEachMalformedField() {
        byte[] obj = object(ListReadersReturn.success(List.of("Teleport"), true));
        assertReturnFails(patched(obj, 4, 65_537), "cBytes");
        assertReturnFails(patched(obj, 12, 18), "msz.MaxCount");
        assertReturnFails(truncated(obj, 30), "msz");
        assertReturnFails(truncated(obj, 6), "cBytes");
        assertReturnFails(trailing(obj, 8), "ListReaders_Return");
    }

    private static void assertReturnFails(byte[] bytes, String field) {
        assertThatThrownBy(() -> ListReadersReturn.decode(reader(bytes)))
                .isInstanceOf(DecodeException.class).hasMessageContaining(field);
    }

    @Test
    void constructorsRejectInconsistentValues() {
        // cBytes 3 with 2 bytes; a multistring without its final NUL; cBytes over the IDL range
        assertThatIllegalArgumentException().isThrownBy(() -> new ListReadersReturn(0, 3, new byte[2]));
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new ListReadersCall(ctx(1), new byte[] {'A'}, 0, 0, false));
        assertThatIllegalArgumentException().isThrownBy(() -> ListReadersReturn.lengthOnly(65_537));
    }
}
