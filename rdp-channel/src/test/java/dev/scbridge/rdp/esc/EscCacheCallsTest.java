package dev.scbridge.rdp.esc;

import dev.scbridge.apdu.DecodeException;
import dev.scbridge.apdu.Hex;
import dev.scbridge.pcsc.ScardError;
import dev.scbridge.rdp.ndr.NdrReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Arrays;

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
 * ReadCacheA/W_Call, ReadCache_Return, WriteCacheA/W_Call (MS-RDPESC 2.2.2.25-28, 2.2.3.1) and
 * ScardAccessStartedEvent_Call (2.2.2.30).
 */
class EscCacheCallsTest {
    /** The CardIdentifier in the logon trace (steps 053 on). */
    private static final byte[] CARD_ID = Hex.decode("91 3B 78 AF E9 FF 47 01 AD 19 24 CE A5 82 89 6D");
    /** The CardIdentifier in rdpesc-ioctls.txt ReadCacheW_Call / WriteCacheW_Call. */
    private static final byte[] TELEPORT_TESTS_CARD_ID = Hex.decode("8A 71 0E 23 91 D5 4E F9 AE D0 8E AB AE 79 03 4C");
    /** rdpesc-ioctls.txt WriteCacheW_Call / trace step 065: minidriver cache item, version 1, length 4, value 1. */
    private static final byte[] READ_ONLY_MODE_ITEM = Hex.decode("01000000 00000000 00000000 04000000 01000000");

    // rdpesc-ioctls.txt ReadCacheW_Return and trace steps 054... (31 times): SCARD_W_CACHE_ITEM_NOT_FOUND
    private static final String NOT_FOUND = "01100800CCCCCCCC1000000000000000" + "70001080000000000000020000000000";
    // trace step 351 (344 bytes): SCARD_S_SUCCESS, 308 bytes of cached ContainerInfo (a 0x0206 RSA1 public key blob)
    private static final String HIT_308 = "01100800CCCCCCCC4801000000000000000000003401000000000200340100000100000000"
            + "00000000000000240100000100000000000000000000001401000006020000"
            + "00A40000525341310008000001000100"
            + "37BD9339D01E4EC430F739516F1B53F9A896C48D651637154847252C1DD749DC11BD35C2CA662F56D59AA0625C8061D4"
            + "7150854612711 6A5D116C516FBED7FF798B967A90CC3CF0333F6EEF3D57E52410BCAE4AF6E3612CB8AB197F9D49230F5E4"
            + "50057EBE207AA057D88D1CDE5E8531A3E129C18DE9D8AD2FAC77574BA46EE7FBC43E3D637502448656C504B7030FB99CDC"
            + "208B66B7F521090F98294E4C7C171C88E55B3DF19157F65D2C601B77126F1E72F7CA448FBFBE2F65177CDCF41723D70EBC"
            + "01AE71CEF58BA700D3B67988649ED5F0CC3E7805B9AA7D648D2709B206F16DAB79DCA3CAB69DDA4F88620BEC82D4DD1989"
            + "F8AC9375652E8706E93FC8C700000000";
    // trace "READCACHEW_Return ... cbDataLen=102" (Cached_GeneralFile/mscp/cmapfile): 102 bytes, then 2 pad bytes
    private static final String HIT_102 = "01100800CCCCCCCC7800000000000000" + "00000000660000000000020066000000"
            + "01000000000000000000000056000000"
            + "61006600370038003300620039003100" + "2D006600660065003900 2D0030003100" + "340037002D006100640031003900"
            + "2D003200340063006500610035003500" + "660063003100300035000000000000000000" + "0300000000080000";

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        // trace steps 053, 057, 061, 067, 071, 350: szLookupName | InputBufferLength
        "Cached_CardmodFile\\Cached_Pin_Freshness | 160",
        "Cached_CardmodFile\\Cached_File_Freshness | 168",
        "Cached_CardmodFile\\Cached_Container_Freshness | 176",
        "Cached_CardProperty_Cache Mode_0 | 152",
        "Cached_CardProperty_Supports Windows x.509 Enrollment_0 | 192",
        "Cached_ContainerInfo_00 | 128"})
    void readCacheCallHasTheRecordedInputBufferLength(String name, int length) throws DecodeException {
        ReadCacheCall call = ReadCacheCall.of(name, ctx(5), CARD_ID, 0, true);
        assertThat(call.toBytes()).hasSize(length);
        assertThat(ReadCacheCall.decode(reader(call.toBytes()), true)).isEqualTo(call);
    }

    @Test
    void readCacheCallLayoutFollowsTheIdlOrder() throws DecodeException {
        // rdpesc-ioctls.txt ReadCacheW_Call: Context=5, Teleport's test UUID, FreshnessCounter 0, fPbDataIsNULL 0,
        // cbDataLen 0xFFFFFFFF; InputBufferLength 160
        ReadCacheCall call = ReadCacheCall.of("Cached_CardmodFile\\Cached_Pin_Freshness", ctx(5),
                TELEPORT_TESTS_CARD_ID, 0, true);
        byte[] obj = object(call);
        assertThat(call.toBytes()).hasSize(160);
        // szLookupName ref | cbContext 4, ref | CardIdentifier ref | FreshnessCounter | fPbDataIsNULL | cbDataLen
        assertThat(Hex.plain(Arrays.copyOf(obj, 28))).isEqualTo("00000200" + "0400000004000200" + "08000200"
                + "00000000" + "00000000" + "FFFFFFFF");
        // then the string (40 chars with NUL: 12 + 80), the context bytes, the 16 raw UUID bytes
        assertThat(Hex.plain(Arrays.copyOfRange(obj, 28, 40))).isEqualTo("280000000000000028000000");
        assertThat(Hex.plain(Arrays.copyOfRange(obj, 120, 128))).isEqualTo("0400000005000000");
        assertThat(Arrays.copyOfRange(obj, 128, 144)).isEqualTo(TELEPORT_TESTS_CARD_ID);
        assertThat(obj).hasSize(144);
        assertThat(call.lengthOnly()).isFalse();
        assertThat(call.toString()).contains("szLookupName=\"Cached_CardmodFile\\Cached_Pin_Freshness\"",
                "CardIdentifier=8A710E2391D54EF9AED08EABAE79034C", "cbDataLen=SCARD_AUTOALLOCATE");
        assertThat(call.specSection()).isEqualTo("MS-RDPESC 2.2.2.26");
        ReadCacheCall a = new ReadCacheCall("Cached_ContainerInfo_00", ctx(5), CARD_ID, 3, 1, 0, false);
        assertThat(ReadCacheCall.decode(reader(a.toBytes()), false)).isEqualTo(a);
        assertThat(a.structureName()).isEqualTo("ReadCacheA_Call");
        assertThat(a.specSection()).isEqualTo("MS-RDPESC 2.2.2.25");
    }

    @Test
    void readCacheCallRejectsEachMalformedField() {
        byte[] obj = object(ReadCacheCall.of("Cached_ContainerInfo_00", ctx(5), CARD_ID, 0, true));
        assertReadFails(patched(obj, 0, 0), "szLookupName");
        assertReadFails(patched(obj, 4, 0), "pbContext");
        assertReadFails(patched(obj, 12, 0), "CardIdentifier");
        assertReadFails(patched(obj, 28, ReadCacheCall.MAX_LOOKUP_NAME + 1), "szLookupName.MaxCount");
        assertReadFails(truncated(obj, obj.length - 4), "CardIdentifier");
        assertReadFails(trailing(obj, 8), "ReadCacheW_Call");
        assertThatIllegalArgumentException().isThrownBy(() -> ReadCacheCall.of("x", ctx(5), new byte[15], 0, true));
    }

    private static void assertReadFails(byte[] bytes, String field) {
        assertThatThrownBy(() -> ReadCacheCall.decode(reader(bytes), true))
                .isInstanceOf(DecodeException.class).hasMessageContaining(field);
    }

    @Test
    void readCacheReturnMatchesTheWindowsAcceptedBytes() throws DecodeException {
        ReadCacheReturn notFound = ReadCacheReturn.failure(ScardError.W_CACHE_ITEM_NOT_FOUND.code());
        assertThat(Hex.plain(notFound.toBytes())).isEqualTo(NOT_FOUND);
        assertThat(ReadCacheReturn.decode(reader(Hex.decode(NOT_FOUND)))).isEqualTo(notFound);
        assertThat(notFound.toString()).isEqualTo(
                "ReadCache_Return[ReturnCode=SCARD_W_CACHE_ITEM_NOT_FOUND, cbDataLen=0, pbData=]");
        for (String vector : new String[] {HIT_308, HIT_102}) {
            byte[] bytes = Hex.decode(vector);
            ReadCacheReturn hit = ReadCacheReturn.decode(reader(bytes));
            assertThat(hit.returnCode()).isZero();
            assertThat(hit.pbData()).hasSize(hit.cbDataLen());
            assertThat(Hex.plain(hit.toBytes())).isEqualTo(Hex.plain(bytes));
            assertThat(ReadCacheReturn.success(hit.pbData())).isEqualTo(hit);
        }
        assertThat(Hex.decode(HIT_308)).hasSize(344);
        assertThat(ReadCacheReturn.decode(reader(Hex.decode(HIT_308))).cbDataLen()).isEqualTo(308);
        assertThat(notFound.specSection()).isEqualTo("MS-RDPESC 2.2.3.1");
    }

    @Test
    void readCacheReturnLengthOnlyAndRejections() throws DecodeException {
        ReadCacheReturn lengthOnly = ReadCacheReturn.lengthOnly(308);
        assertThat(Hex.plain(lengthOnly.toBytes())).isEqualTo("01100800CCCCCCCC1000000000000000"
                + "00000000340100000000000000000000");
        assertThat(ReadCacheReturn.decode(reader(lengthOnly.toBytes()))).isEqualTo(lengthOnly);
        assertThat(lengthOnly.pbData()).isNull();
        byte[] obj = object(ReadCacheReturn.success(READ_ONLY_MODE_ITEM));
        assertReturnFails(patched(obj, 4, 65_537), "cbDataLen");
        assertReturnFails(patched(obj, 12, 16), "pbData.MaxCount");
        assertReturnFails(truncated(obj, 30), "pbData");
        assertReturnFails(truncated(obj, 10), "pbData");
        assertReturnFails(trailing(obj, 8), "ReadCache_Return");
    }

    private static void assertReturnFails(byte[] bytes, String field) {
        assertThatThrownBy(() -> ReadCacheReturn.decode(reader(bytes)))
                .isInstanceOf(DecodeException.class).hasMessageContaining(field);
    }

    @Test
    void writeCacheCallHasTheRecordedInputBufferLengths() throws DecodeException {
        // trace steps 065, 069, 073 (20-byte items): 184, 176, 216; rdpesc-ioctls WriteCacheW_Call: 184
        assertWriteLength("Cached_CardProperty_Read Only Mode_0", READ_ONLY_MODE_ITEM, 184);
        assertWriteLength("Cached_CardProperty_Cache Mode_0", READ_ONLY_MODE_ITEM, 176);
        assertWriteLength("Cached_CardProperty_Supports Windows x.509 Enrollment_0", READ_ONLY_MODE_ITEM, 216);
        // trace step 127: the 102-byte cmapfile item: 256
        byte[] cmap = ReadCacheReturn.decode(reader(Hex.decode(HIT_102))).pbData();
        assertWriteLength("Cached_GeneralFile/mscp/cmapfile", cmap, 256);
        WriteCacheCall call = WriteCacheCall.of("Cached_CardProperty_Read Only Mode_0", ctx(5),
                TELEPORT_TESTS_CARD_ID, 0, READ_ONLY_MODE_ITEM, true);
        byte[] obj = object(call);
        // szLookupName ref | cbContext 4, ref | CardIdentifier ref | FreshnessCounter | cbDataLen 20 | pbData ref
        assertThat(Hex.plain(Arrays.copyOf(obj, 28))).isEqualTo("00000200" + "0400000004000200" + "08000200"
                + "00000000" + "14000000" + "0C000200");
        // string 37 chars: 12 + 74 + pad 2 = 88 -> 116 | context 116..123 | UUID 124..139 | MaxCount 20 + data
        assertThat(Arrays.copyOfRange(obj, 124, 140)).isEqualTo(TELEPORT_TESTS_CARD_ID);
        assertThat(Hex.plain(Arrays.copyOfRange(obj, 140, 144))).isEqualTo("14000000");
        assertThat(call.toString()).contains("cbDataLen=20", "pbData=0100000000000000000000000400000001000000");
        assertThat(call.specSection()).isEqualTo("MS-RDPESC 2.2.2.28");
        WriteCacheCall a = new WriteCacheCall("x", ctx(5), CARD_ID, 7, null, false);
        assertThat(WriteCacheCall.decode(reader(a.toBytes()), false)).isEqualTo(a);
        assertThat(a.structureName()).isEqualTo("WriteCacheA_Call");
        assertThat(a.specSection()).isEqualTo("MS-RDPESC 2.2.2.27");
        assertThat(a.toString()).contains("pbData=NULL");
    }

    private static void assertWriteLength(String name, byte[] data, int length) throws DecodeException {
        WriteCacheCall call = WriteCacheCall.of(name, ctx(5), CARD_ID, 0, data, true);
        assertThat(call.toBytes()).hasSize(length);
        assertThat(WriteCacheCall.decode(reader(call.toBytes()), true)).isEqualTo(call);
    }

    @Test
    void writeCacheCallRejectsEachMalformedField() {
        byte[] obj = object(WriteCacheCall.of("Cached_CardProperty_Read Only Mode_0", ctx(5), CARD_ID, 0,
                READ_ONLY_MODE_ITEM, true));
        assertWriteFails(patched(obj, 0, 0), "szLookupName");
        assertWriteFails(patched(obj, 12, 0), "CardIdentifier");
        assertWriteFails(patched(obj, 20, 65_537), "cbDataLen");
        assertWriteFails(patched(obj, 24, 0), "pbData");
        assertWriteFails(patched(obj, 140, 19), "pbData.MaxCount");
        assertWriteFails(patched(obj, 36, 0), "szLookupName.ActualCount");
        assertWriteFails(truncated(obj, 150), "pbData");
        assertWriteFails(trailing(obj, 8), "WriteCacheW_Call");
    }

    private static void assertWriteFails(byte[] bytes, String field) {
        assertThatThrownBy(() -> WriteCacheCall.decode(reader(bytes), true))
                .isInstanceOf(DecodeException.class).hasMessageContaining(field);
    }

    @Test
    void accessStartedEventIsFourRawBytes() throws DecodeException {
        // rdpesc-ioctls.txt "AccessStartedEvent DR_CONTROL_REQ body" (xrdp, Windows 7): Unused = 28 B7 9D 02
        byte[] xrdp = Hex.decode("28 B7 9D 02");
        AccessStartedEventCall call = AccessStartedEventCall.decode(NdrReader.raw(xrdp));
        assertThat(call.unused()).isEqualTo(0x029DB728);
        assertThat(call.toBytes()).isEqualTo(xrdp);
        // trace step 007: Unused=93775904 (0x0596E820)
        assertThat(Hex.plain(new AccessStartedEventCall(93_775_904).toBytes())).isEqualTo("20E89605");
        assertThat(call.toString()).isEqualTo("ScardAccessStartedEvent_Call[Unused=0x029DB728]");
        assertThat(call.specSection()).isEqualTo("MS-RDPESC 2.2.2.30");
        assertThatThrownBy(() -> AccessStartedEventCall.decode(NdrReader.raw(Hex.decode("28 B7 9D"))))
                .isInstanceOf(DecodeException.class).hasMessageContaining("Unused");
        assertThatThrownBy(() -> AccessStartedEventCall.decode(NdrReader.raw(Hex.decode("28 B7 9D 02 00"))))
                .isInstanceOf(DecodeException.class).hasMessageContaining("ScardAccessStartedEvent_Call");
    }
}
