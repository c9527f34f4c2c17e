package dev.scbridge.rdp.esc;

import dev.scbridge.apdu.DecodeException;
import dev.scbridge.apdu.Hex;
import dev.scbridge.pcsc.Scard;
import dev.scbridge.pcsc.ScardError;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Collections;
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

/**
 * The reader-state structures: LocateCardsA/W_Call, LocateCardsByATRA/W_Call (with LocateCards_ATRMask),
 * GetStatusChangeA/W_Call and LocateCards_Return/GetStatusChange_Return (MS-RDPESC 2.2.1.4, 2.2.2.9-12,
 * 2.2.2.23-24, 2.2.3.5).
 */
class EscReaderStatesTest {
    /** The emulated card's ATR in the logon trace. */
    private static final byte[] ATR = Hex.decode("3B 95 13 81 01 80 73 FF 01 00 0B");
    private static final String ZERO_ATR = "00".repeat(36);

    // ndr.txt "LocateCardsW_Call: 6-byte mszCards needs 2 pad bytes before reader states" (IronRDP unit test,
    // constructed): empty context | cBytes 6, ref 0x00020000 | cReaders 1, ref 0x00020004 | MaxCount 6, "A\0\0" W,
    // pad 2 | MaxCount 1 | szReader ref 0x00020008, states 0, cbAtr 0, rgbAtr 36 x 00 | "R\0" (2, 0, 2).
    // Its ObjectBufferLength is the unpadded 108.
    private static final String IRONRDP_LOCATE_CARDS_W = "01100800CCCCCCCC6C00000000000000"
            + "0000000000000000060000000000020001000000040002000600000041000000000000000100000008000200"
            + "000000000000000000000000" + ZERO_ATR + "02000000000000000200000052000000";

    @Test
    void locateCardsWDecodesIronRdpsVectorWithItsUnpaddedLength() throws DecodeException {
        byte[] bytes = Hex.decode(IRONRDP_LOCATE_CARDS_W);
        assertThat(bytes).hasSize(124);
        LocateCardsCall call = LocateCardsCall.decode(reader(bytes), true);
        assertThat(call.context()).isEqualTo(RedirContext.EMPTY);
        assertThat(call.cards()).containsExactly("A");
        assertThat(call.readerStates()).hasSize(1);
        assertThat(call.readerStates().get(0).reader()).isEqualTo("R");
        assertThat(call.readerStates().get(0).common()).isEqualTo(ReaderStateCommon.of(0, 0, new byte[0]));
        // the object re-encodes byte for byte; only ObjectBufferLength grows to the padded 112
        assertThat(Hex.plain(object(call))).isEqualTo(IRONRDP_LOCATE_CARDS_W.substring(32));
        assertThat(call.toBytes()).hasSize(128);
        assertThat(call).isEqualTo(LocateCardsCall.of(RedirContext.EMPTY, List.of("A"),
                List.of(new ReaderStateCall("R", ReaderStateCommon.of(0, 0, new byte[0]))), true));
        assertThat(call.structureName()).isEqualTo("LocateCardsW_Call");
        assertThat(call.specSection()).isEqualTo("MS-RDPESC 2.2.2.10");
        assertThat(call.toString()).contains("mszCards=[A]", "\"R\" cur=UNAWARE evt=UNAWARE cbAtr=0");
    }

    @Test
    void locateCardsARoundTripsWithNullArrays() throws DecodeException {
        LocateCardsCall call = LocateCardsCall.of(ctx(1), List.of(), List.of(), false);
        // 2.2.2.9 by hand: cbContext 4, ref | cBytes 0, NULL | cReaders 0, NULL | MaxCount 4, 01 00 00 00 -> 32
        assertThat(Hex.plain(object(call))).isEqualTo("0400000000000200" + "0000000000000000" + "0000000000000000"
                + "0400000001000000");
        assertThat(LocateCardsCall.decode(reader(call.toBytes()), false)).isEqualTo(call);
        assertThat(call.specSection()).isEqualTo("MS-RDPESC 2.2.2.9");
        assertThat(call.toString()).contains("mszCards=NULL", "rgReaderStates=NULL");
    }

    @Test
    void locateCardsRejectsEachMalformedField() {
        byte[] obj = Hex.decode(IRONRDP_LOCATE_CARDS_W.substring(32));
        assertLocateFails(patched(obj, 8, 65_537), "cBytes");
        assertLocateFails(patched(obj, 12, 0), "mszCards");
        assertLocateFails(patched(obj, 16, 11), "cReaders");
        assertLocateFails(patched(obj, 20, 0), "rgReaderStates");
        assertLocateFails(patched(obj, 24, 4), "mszCards.MaxCount");
        assertLocateFails(patched(obj, 36, 2), "rgReaderStates.MaxCount");
        assertLocateFails(patched(obj, 52, 37), "cbAtr");
        assertLocateFails(patched(obj, 100, 3), "szReader");
        assertLocateFails(truncated(obj, 90), "rgbAtr");
        assertLocateFails(trailing(obj, 8), "LocateCardsW_Call");
        // mszCards "A\0\0" W (bytes 28..33) with text after its terminating empty name
        byte[] bad = obj.clone();
        bad[32] = 'B';
        assertLocateFails(EscObjects.serialized(bad), "mszCards");
    }

    private static void assertLocateFails(byte[] bytes, String field) {
        assertThatThrownBy(() -> LocateCardsCall.decode(reader(bytes), true))
                .isInstanceOf(DecodeException.class).hasMessageContaining(field);
    }

    @Test
    void locateCardsByAtrRoundTripsAgainstHandDerivedBytes() throws DecodeException {
        AtrMask mask = AtrMask.of(ATR, Hex.decode("FF".repeat(11)));
        ReaderStateCall state = new ReaderStateCall("R", ReaderStateCommon.of(0, 0, new byte[0]));
        LocateCardsByAtrCall call = LocateCardsByAtrCall.of(RedirContext.EMPTY, List.of(mask), List.of(state), true);
        // 2.2.2.24 by hand: empty context | cAtrs 1, ref 0x00020000 | cReaders 1, ref 0x00020004
        // | MaxCount 1, cbAtr 11, rgbAtr[36], rgbMask[36] | MaxCount 1, szReader ref 0x00020008, 0, 0, 0, rgbAtr[36]
        // | "R\0" (2, 0, 2) -> 176 bytes, already a multiple of 8
        String expected = "01100800CCCCCCCCB000000000000000" + "000000000000000001000000000002000100000004000200"
                + "010000000B000000" + Hex.plain(Arrays.copyOf(ATR, 36)) + "FF".repeat(11) + "00".repeat(25)
                + "0100000008000200000000000000000000000000" + ZERO_ATR + "02000000000000000200000052000000";
        assertThat(Hex.plain(call.toBytes())).isEqualTo(expected);
        assertThat(LocateCardsByAtrCall.decode(reader(Hex.decode(expected)), true)).isEqualTo(call);
        assertThat(call.structureName()).isEqualTo("LocateCardsByATRW_Call");
        assertThat(call.specSection()).isEqualTo("MS-RDPESC 2.2.2.24");
        LocateCardsByAtrCall a = LocateCardsByAtrCall.of(ctx(2), List.of(), List.of(state), false);
        assertThat(LocateCardsByAtrCall.decode(reader(a.toBytes()), false)).isEqualTo(a);
        assertThat(a.specSection()).isEqualTo("MS-RDPESC 2.2.2.23");
        assertThat(a.toString()).contains("rgAtrMasks=NULL");

        byte[] obj = object(call);
        assertAtrFails(obj, 8, 1001, "cAtrs");
        assertAtrFails(obj, 12, 0, "rgAtrMasks");
        assertAtrFails(obj, 16, 11, "cReaders");
        assertAtrFails(obj, 20, 0, "rgReaderStates");
        assertAtrFails(obj, 24, 2, "rgAtrMasks.MaxCount");
        assertAtrFails(obj, 28, 37, "cbAtr");
        assertAtrFails(obj, 104, 0, "rgReaderStates.MaxCount");
        assertThatThrownBy(() -> LocateCardsByAtrCall.decode(reader(truncated(obj, 60)), true))
                .isInstanceOf(DecodeException.class).hasMessageContaining("rgbAtr");
        assertThatThrownBy(() -> LocateCardsByAtrCall.decode(reader(trailing(obj, 8)), true))
                .isInstanceOf(DecodeException.class).hasMessageContaining("LocateCardsByATRW_Call");
    }

    private static void assertAtrFails(byte[] obj, int offset, int value, String field) {
        assertThatThrownBy(() -> LocateCardsByAtrCall.decode(reader(patched(obj, offset, value)), true))
                .isInstanceOf(DecodeException.class).hasMessageContaining(field);
    }

    @Test
    void atrMaskMatchesUnderItsMask() {
        AtrMask mask = AtrMask.of(ATR, Hex.decode("FF FF FF FF FF FF FF FF FF FF 00"));
        byte[] other = ATR.clone();
        other[10] = 0x42;
        assertThat(mask.matches(ATR)).isTrue();
        assertThat(mask.matches(other)).isTrue();
        other[0] = 0x3F;
        assertThat(mask.matches(other)).isFalse();
        assertThat(mask.matches(Arrays.copyOf(ATR, 10))).isFalse();
        assertThatIllegalArgumentException().isThrownBy(() -> AtrMask.of(ATR, new byte[3]));
        assertThatIllegalArgumentException().isThrownBy(() -> new AtrMask(37, new byte[36], new byte[36]));
        assertThat(mask.toString()).contains("cbAtr=11", "rgbAtr=3B951381");
    }

    @Test
    void getStatusChangeCallsHaveTheRecordedInputBufferLengths() throws DecodeException {
        // trace step 022 / rdpesc-ioctls GetStatusChangeW_Call: Context=1 INFINITE, PnP (0) + "Teleport" (EMPTY): 240
        GetStatusChangeCall pnp = GetStatusChangeCall.of(ctx(1), GetStatusChangeCall.INFINITE, List.of(
                new ReaderStateCall(Scard.PNP_NOTIFICATION, ReaderStateCommon.of(0, 0, new byte[0])),
                new ReaderStateCall("Teleport", ReaderStateCommon.of(Scard.STATE_EMPTY, 0, new byte[0]))), true);
        assertThat(pnp.toBytes()).hasSize(240);
        // rgReaderStates takes 0x00020004 after the context's 0x00020000 (ndr.txt referent IDs)
        assertThat(Hex.plain(Arrays.copyOfRange(object(pnp), 16, 20))).isEqualTo("04000200");
        assertThat(GetStatusChangeCall.decode(reader(pnp.toBytes()), true)).isEqualTo(pnp);
        assertThat(pnp.toString()).contains("dwTimeOut=INFINITE", "\"\\\\?PnP?\\Notification\" cur=UNAWARE",
                "\"Teleport\" cur=EMPTY");
        // trace step 029: Context=3 dwTimeOut=0 "Teleport" UNAWARE: 136
        GetStatusChangeCall poll = GetStatusChangeCall.of(ctx(3), 0,
                List.of(new ReaderStateCall("Teleport", ReaderStateCommon.of(0, 0, new byte[0]))), true);
        assertThat(poll.toBytes()).hasSize(136);
        assertThat(GetStatusChangeCall.decode(reader(poll.toBytes()), true)).isEqualTo(poll);
        assertThat(poll.specSection()).isEqualTo("MS-RDPESC 2.2.2.12");
        GetStatusChangeCall a = GetStatusChangeCall.of(ctx(3), 1000, List.of(), false);
        assertThat(GetStatusChangeCall.decode(reader(a.toBytes()), false)).isEqualTo(a);
        assertThat(a.structureName()).isEqualTo("GetStatusChangeA_Call");
        assertThat(a.specSection()).isEqualTo("MS-RDPESC 2.2.2.11");
    }

    @Test
    void getStatusChangeCallRejectsEachMalformedField() {
        byte[] obj = object(GetStatusChangeCall.of(ctx(3), 0,
                List.of(new ReaderStateCall("Teleport", ReaderStateCommon.of(0, 0, new byte[0]))), true));
        // inline: cb 0, ptr 4, dwTimeOut 8, cReaders 12, ptr 16 | ctx 20..27 | MaxCount 28 | szReader ptr 32,
        // cur 36, evt 40, cbAtr 44, rgbAtr 48..83 | string 84
        assertStatusFails(patched(obj, 12, 12), "cReaders");
        assertStatusFails(patched(obj, 16, 0), "rgReaderStates");
        assertStatusFails(patched(obj, 28, 2), "rgReaderStates.MaxCount");
        assertStatusFails(patched(obj, 44, 37), "cbAtr");
        assertStatusFails(patched(obj, 84, ReaderStateCall.MAX_READER_NAME + 1), "szReader");
        assertStatusFails(truncated(obj, 100), "szReader");
        assertStatusFails(trailing(obj, 8), "GetStatusChangeW_Call");
        assertThatIllegalArgumentException().isThrownBy(() -> GetStatusChangeCall.of(ctx(1), 0,
                Collections.nCopies(12, new ReaderStateCall("R", ReaderStateCommon.of(0, 0, new byte[0]))),
                true));
    }

    private static void assertStatusFails(byte[] bytes, String field) {
        assertThatThrownBy(() -> GetStatusChangeCall.decode(reader(bytes), true))
                .isInstanceOf(DecodeException.class).hasMessageContaining(field);
    }

    // rdpesc-ioctls.txt GetStatusChangeW_Return / trace step 023: PnP (all zero), Teleport cur EMPTY
    // evt CHANGED|PRESENT with the ATR
    private static final String RETURN_TWO_READERS = "01100800CCCCCCCC7000000000000000"
            + "00000000020000000000020002000000" + "000000000000000000000000" + ZERO_ATR
            + "10000000220000000B000000" + Hex.plain(Arrays.copyOf(ATR, 36));
    // trace step 030: one reader, cur UNAWARE evt CHANGED|PRESENT with the ATR
    private static final String RETURN_ONE_READER = "01100800CCCCCCCC4000000000000000"
            + "00000000010000000000020001000000" + "00000000220000000B000000" + Hex.plain(Arrays.copyOf(ATR, 36));

    @Test
    void readerStatesReturnMatchesTheWindowsAcceptedBytes() throws DecodeException {
        int changedPresent = Scard.STATE_CHANGED | Scard.STATE_PRESENT;
        ReaderStatesReturn two = ReaderStatesReturn.success(List.of(ReaderStateCommon.of(0, 0, new byte[0]),
                ReaderStateCommon.of(Scard.STATE_EMPTY, changedPresent, ATR)));
        assertThat(Hex.decode(RETURN_TWO_READERS)).hasSize(128);
        assertThat(Hex.plain(two.toBytes())).isEqualTo(RETURN_TWO_READERS);
        assertThat(ReaderStatesReturn.decode(reader(Hex.decode(RETURN_TWO_READERS)))).isEqualTo(two);
        ReaderStatesReturn one = ReaderStatesReturn.success(List.of(ReaderStateCommon.of(0, changedPresent, ATR)));
        assertThat(Hex.decode(RETURN_ONE_READER)).hasSize(80);
        assertThat(Hex.plain(one.toBytes())).isEqualTo(RETURN_ONE_READER);
        assertThat(ReaderStatesReturn.decode(reader(Hex.decode(RETURN_ONE_READER)))).isEqualTo(one);
        assertThat(one.toString()).isEqualTo("GetStatusChange_Return[ReturnCode=SCARD_S_SUCCESS, cReaders=1, "
                + "rgReaderStates=[cur=UNAWARE evt=CHANGED|PRESENT cbAtr=11 atr=3B951381018073FF01000B]]");
        assertThat(one.specSection()).isEqualTo("MS-RDPESC 2.2.3.5");
    }

    @Test
    void readerStatesReturnFailureForms() throws DecodeException {
        ReaderStatesReturn cancelled = ReaderStatesReturn.failure(ScardError.E_CANCELLED.code());
        // rc | cReaders 0 | ref 0x00020000 | MaxCount 0
        assertThat(Hex.plain(cancelled.toBytes())).isEqualTo("01100800CCCCCCCC1000000000000000"
                + "02001080000000000000020000000000");
        assertThat(ReaderStatesReturn.decode(reader(cancelled.toBytes()))).isEqualTo(cancelled);
        ReaderStatesReturn nullForm = new ReaderStatesReturn(ScardError.E_TIMEOUT.code(), List.of(), false);
        assertThat(Hex.plain(nullForm.toBytes())).isEqualTo("01100800CCCCCCCC1000000000000000"
                + "0A001080000000000000000000000000");
        assertThat(ReaderStatesReturn.decode(reader(nullForm.toBytes()))).isEqualTo(nullForm);
        assertThat(nullForm.toString()).contains("SCARD_E_TIMEOUT", "rgReaderStates=NULL");
    }

    @Test
    void readerStatesReturnRejectsEachMalformedField() {
        byte[] obj = Hex.decode(RETURN_ONE_READER.substring(32));
        assertReturnFails(patched(obj, 4, 12), "cReaders");
        assertReturnFails(patched(obj, 8, 0), "rgReaderStates");
        assertReturnFails(patched(obj, 12, 2), "rgReaderStates.MaxCount");
        assertReturnFails(patched(obj, 24, 37), "cbAtr");
        assertReturnFails(truncated(obj, 40), "rgbAtr");
        assertReturnFails(trailing(obj, 8), "GetStatusChange_Return");
    }

    private static void assertReturnFails(byte[] bytes, String field) {
        assertThatThrownBy(() -> ReaderStatesReturn.decode(reader(bytes)))
                .isInstanceOf(DecodeException.class).hasMessageContaining(field);
    }
}
