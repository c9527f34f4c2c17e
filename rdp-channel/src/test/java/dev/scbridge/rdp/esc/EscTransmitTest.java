package dev.scbridge.rdp.esc;

import dev.scbridge.apdu.DecodeException;
import dev.scbridge.apdu.Hex;
import dev.scbridge.pcsc.Scard;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static dev.scbridge.rdp.esc.EscHandleCallsTest.HCARD;
import static dev.scbridge.rdp.esc.EscHandleCallsTest.putLe;
import static dev.scbridge.rdp.esc.EscHandleCallsTest.read;
import static dev.scbridge.rdp.esc.EscHandleCallsTest.withTrailer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** MS-RDPESC 2.2.2.19 Transmit_Call, 2.2.3.11 Transmit_Return and 2.2.1.8 SCardIO_Request. */
class EscTransmitTest {
    // windows-logon-trace.txt step 046 (= rdpesc-ioctls.txt Transmit_Return): 21-byte R-APDU, accepted by Windows
    private static final String STEP_046 =
            "01100800CCCCCCCC3000000000000000000000000000000015000000000002001500000061114F0600001000010079074F05" +
            "A000000308900000000000000000";
    // step 048: GET DATA CHUID answer, 63-byte R-APDU
    private static final String STEP_048 =
            "01100800CCCCCCCC580000000000000000000000000000003F000000000002003F000000533B3019D4E739DA739CED39CE73" +
            "9D836858210842108421C84210C3EB3410913B78AFE9FF4701AD1924CEA582896D350832303330303130313E00FE00900000" +
            "00000000";
    // step 345: R-APDU 90 00
    private static final String STEP_345 =
            "01100800CCCCCCCC1800000000000000000000000000000002000000000002000200000090000000";
    // step 347: GENERAL AUTHENTICATE answer, 258-byte R-APDU (7C 82 01 04 ... CB 66 61 08)
    private static final String STEP_347 =
            "01100800CCCCCCCC180100000000000000000000000000000201000000000200020100007C82010482820100472FEBF916A0" +
            "942404410C34107C1A929EA6C3EE88703BCEF26B250FE229FDF266E57729E605CA546ACC43464920BECDC0336CBB80133A47" +
            "2E824CB54990D9D6FAEF8DAEDFE2FD566E516938C85830C5A1F2788A8FA0D7EABAD00F557B95DA5C2F6A38D5B99C7AE111DF" +
            "2F43B09014FF89A8A8CC655A3EBAAC60188A416D46CDD6D4CB6A913A1882031D252C4D16BB2FFABDF8F1BCEB9F9E75D0CD29" +
            "D602FEF945E235CF53786A8ED29731466CF121EE35F6ADE5A143E45E1D5D6786C91FEC07670C8AFB14B25EF29408FC4D71C2" +
            "D9086E5455DFC38151931F50FE3DA48551FBCFC465D014717CD7E5CDB0B62B6C79E8B2E076E62E07CB6661080000";
    // step 349: GET RESPONSE answer, R-APDU 73 AF 12 80 CD 25 28 30 90 00
    private static final String STEP_349 =
            "01100800CCCCCCCC200000000000000000000000000000000A000000000002000A00000073AF1280CD25283090000000";

    @Test
    void transmitReturnsMatchTheWindowsAcceptedBytes() throws DecodeException {
        byte[] select = Hex.decode("61114F0600001000010079074F05A0000003089000");
        assertThat(Hex.plain(TransmitReturn.of(select).toBytes())).isEqualTo(STEP_046);
        assertThat(TransmitReturn.decode(read(Hex.decode(STEP_046)))).isEqualTo(TransmitReturn.of(select));
        assertThat(Hex.plain(TransmitReturn.of(Hex.decode("9000")).toBytes())).isEqualTo(STEP_345);
        assertThat(Hex.plain(TransmitReturn.of(Hex.decode("73AF1280CD2528309000")).toBytes())).isEqualTo(STEP_349);
    }

    @Test
    void longTransmitReturnsRoundTripByteForByte() throws DecodeException {
        for (String vector : new String[] {STEP_048, STEP_347}) {
            TransmitReturn decoded = TransmitReturn.decode(read(Hex.decode(vector)));
            assertThat(decoded.returnCode()).isZero();
            assertThat(decoded.recvPci()).isNull();
            assertThat(Hex.plain(TransmitReturn.of(decoded.recvBuffer()).toBytes())).isEqualTo(vector);
        }
        TransmitReturn sign = TransmitReturn.decode(read(Hex.decode(STEP_347)));
        assertThat(sign.recvLength()).isEqualTo(258);
        assertThat(Hex.plain(Arrays.copyOf(sign.recvBuffer(), 4))).isEqualTo("7C820104");
        assertThat(Hex.plain(Arrays.copyOfRange(sign.recvBuffer(), 254, 258))).isEqualTo("CB666108");
        assertThat(Hex.decode(STEP_347)).hasSize(296);
    }

    @Test
    void transmitCallsHaveTheRecordedInputBufferLengths() throws DecodeException {
        // trace step 045: SELECT PIV, 14 bytes -> 104; step 047: GET DATA CHUID, 11 bytes -> 96;
        // step 346: GENERAL AUTHENTICATE part 2, 32 bytes -> 120; step 344: part 1, 245 bytes -> 336;
        // step 348: GET RESPONSE, 5 bytes -> 96. All: ioSendPci {T1, 0, NULL}, pioRecvPci NULL, cbRecvLength 258.
        int[][] cases = {{14, 104}, {11, 96}, {32, 120}, {245, 336}, {5, 96}};
        for (int[] c : cases) {
            TransmitCall call = TransmitCall.of(HCARD, Scard.PROTOCOL_T1, new byte[c[0]], 258);
            assertThat(call.toBytes()).as("%d-byte APDU", c[0]).hasSize(c[1]);
            assertThat(TransmitCall.decode(read(call.toBytes()))).isEqualTo(call);
        }
        byte[] selectPiv = Hex.decode("00A4040009A00000030800001000");
        TransmitCall select = TransmitCall.of(HCARD, Scard.PROTOCOL_T1, selectPiv, 258);
        byte[] b = select.toBytes();
        // fixed part after the handle: dwProtocol 2 | cbExtraBytes 0 | NULL | cbSendLength 14 | ref 0x00020008
        // | pioRecvPci NULL | fpbRecvBufferIsNULL 0 | cbRecvLength 258; then ctx, handle, the APDU
        assertThat(Hex.plain(Arrays.copyOfRange(b, 32, 64)))
                .isEqualTo("02000000" + "00000000" + "00000000" + "0E000000" + "08000200" + "00000000" + "00000000"
                        + "02010000");
        assertThat(Hex.plain(Arrays.copyOfRange(b, 80, 98))).isEqualTo("0E000000" + "00A4040009A00000030800001000");
        assertThat(select.toString()).contains("pbSendBuffer=00A4040009A00000030800001000")
                .contains("pioRecvPci=NULL").contains("cbRecvLength=258");
    }

    // Every optional pointer present, bytes derived by hand from MS-RDPESC 2.2.2.19 and 2.2.1.8 with the
    // deferral order of C706 14.3.12 (and FreeRDP's smartcard_unpack_transmit_call): context, handle, ioSendPci
    // extra bytes, send buffer, *pioRecvPci, then its extra bytes. Referents in order of appearance.
    private static final String FULL_TRANSMIT_CALL = "01100800CCCCCCCC6800000000000000"
            + "04000000" + "00000200" + "04000000" + "04000200"          // hCard: cbContext, ref, cbHandle, ref
            + "02000000" + "01000000" + "08000200"                        // ioSendPci {T1, 1, ref}
            + "02000000" + "0C000200"                                     // cbSendLength 2, ref
            + "10000200" + "00000000" + "02010000"                        // pioRecvPci ref, FALSE, 258
            + "04000000" + "05000000" + "04000000" + "01000000"           // context 5, handle 1
            + "01000000" + "AA000000"                                     // ioSendPci extra: MaxCount 1, AA, pad
            + "02000000" + "00C00000"                                     // send: MaxCount 2, 00 C0, pad
            + "02000000" + "02000000" + "14000200"                        // *pioRecvPci {T1, 2, ref}
            + "02000000" + "BBCC0000"                                     // its extra bytes
            + "00000000";                                                 // pad to 8

    private static TransmitCall fullCall() {
        return new TransmitCall(HCARD, new ScardIoRequest(Scard.PROTOCOL_T1, new byte[] {(byte) 0xAA}),
                new byte[] {0, (byte) 0xC0},
                new ScardIoRequest(Scard.PROTOCOL_T1, new byte[] {(byte) 0xBB, (byte) 0xCC}),
                false, 258);
    }

    @Test
    void transmitCallWithEveryPointerFollowsTheNdrDeferralOrder() throws DecodeException {
        assertThat(Hex.plain(fullCall().toBytes())).isEqualTo(FULL_TRANSMIT_CALL);
        assertThat(TransmitCall.decode(read(Hex.decode(FULL_TRANSMIT_CALL)))).isEqualTo(fullCall());
    }

    @Test
    void lengthOnlyTransmitCallRoundTrips() throws DecodeException {
        TransmitCall call = new TransmitCall(HCARD, ScardIoRequest.of(Scard.PROTOCOL_T0),
                new byte[] {0, (byte) 0xB0, 0, 0, 0},
                ScardIoRequest.of(Scard.PROTOCOL_T0), true, 0);
        TransmitCall back = TransmitCall.decode(read(call.toBytes()));
        assertThat(back).isEqualTo(call);
        assertThat(back.recvBufferIsNull()).isTrue();
        assertThat(back.recvPci()).isEqualTo(ScardIoRequest.of(Scard.PROTOCOL_T0));
    }

    @Test
    void transmitReturnWithAReceivePciRoundTrips() throws DecodeException {
        // by hand: RC 0 | ref 0x00020000 | cbRecvLength 2 | ref 0x00020004 | *pioRecvPci {T1, 0, NULL}
        // | MaxCount 2, 90 00, pad | pad to 8
        TransmitReturn ret =
                new TransmitReturn(0, ScardIoRequest.of(Scard.PROTOCOL_T1), 2, new byte[] {(byte) 0x90, 0});
        String expected = "01100800CCCCCCCC2800000000000000" + "00000000" + "00000200" + "02000000" + "04000200"
                + "02000000" + "00000000" + "00000000" + "02000000" + "90000000" + "00000000";
        assertThat(Hex.plain(ret.toBytes())).isEqualTo(expected);
        assertThat(TransmitReturn.decode(read(Hex.decode(expected)))).isEqualTo(ret);
    }

    @Test
    void lengthOnlyAndErrorTransmitReturnsRoundTrip() throws DecodeException {
        TransmitReturn probe = new TransmitReturn(0, null, 258, null);
        assertThat(TransmitReturn.decode(read(probe.toBytes()))).isEqualTo(probe);
        TransmitReturn error = TransmitReturn.error(0x80100069);
        assertThat(Hex.plain(error.toBytes())).isEqualTo("01100800CCCCCCCC1000000000000000"
                + "69001080" + "00000000" + "00000000" + "00000000");
        assertThat(error.toString()).contains("ReturnCode=SCARD_W_REMOVED_CARD").contains("pbRecvBuffer=NULL");
        assertThat(TransmitReturn.decode(read(error.toBytes()))).isEqualTo(error);
    }

    // --- malformed Transmit_Call: one test per field (object offsets + 16 header bytes)

    @Test
    void sendLengthOverTheIdlRangeIsRejected() {
        byte[] b = Hex.decode(FULL_TRANSMIT_CALL);
        putLe(b, 16 + 28, 66561);
        assertThatThrownBy(() -> TransmitCall.decode(read(b))).isInstanceOf(DecodeException.class)
                .hasMessageContaining("cbSendLength");
    }

    @Test
    void sendBufferNullWithALengthIsRejected() {
        byte[] b = TransmitCall.of(HCARD, 2, null, 258).toBytes();
        putLe(b, 16 + 28, 5);
        assertThatThrownBy(() -> TransmitCall.decode(read(b))).hasMessageContaining("pbSendBuffer");
    }

    @Test
    void sendBufferMaxCountMismatchIsRejected() {
        byte[] b = Hex.decode(FULL_TRANSMIT_CALL);
        putLe(b, 16 + 72, 3);
        assertThatThrownBy(() -> TransmitCall.decode(read(b))).hasMessageContaining("pbSendBuffer.MaxCount");
    }

    @Test
    void extraBytesOverTheIdlRangeAreRejected() {
        byte[] b = Hex.decode(FULL_TRANSMIT_CALL);
        putLe(b, 16 + 20, 1025);
        assertThatThrownBy(() -> TransmitCall.decode(read(b))).hasMessageContaining("ioSendPci.cbExtraBytes");
    }

    @Test
    void extraBytesNullWithALengthAreRejected() {
        byte[] b = TransmitCall.of(HCARD, 2, new byte[] {1}, 258).toBytes();
        putLe(b, 16 + 20, 4);
        assertThatThrownBy(() -> TransmitCall.decode(read(b))).hasMessageContaining("ioSendPci.pbExtraBytes");
    }

    @Test
    void extraBytesMaxCountMismatchIsRejected() {
        byte[] b = Hex.decode(FULL_TRANSMIT_CALL);
        putLe(b, 16 + 64, 2);
        assertThatThrownBy(() -> TransmitCall.decode(read(b))).hasMessageContaining("ioSendPci.pbExtraBytes.MaxCount");
    }

    @Test
    void receivePciExtraBytesMaxCountMismatchIsRejected() {
        byte[] b = Hex.decode(FULL_TRANSMIT_CALL);
        putLe(b, 16 + 92, 1);
        assertThatThrownBy(() -> TransmitCall.decode(read(b))).hasMessageContaining("pioRecvPci.pbExtraBytes.MaxCount");
    }

    @Test
    void receivePciPointerWithoutItsStructureIsRejected() {
        byte[] b = TransmitCall.of(HCARD, 2, new byte[] {1, 2, 3, 4}, 258).toBytes();
        putLe(b, 16 + 36, 0x00020010); // pioRecvPci non-NULL, but the object ends after the send buffer
        assertThatThrownBy(() -> TransmitCall.decode(read(b))).hasMessageContaining("pioRecvPci")
                .hasMessageContaining("truncated");
    }

    @Test
    void trailingBytesAfterTransmitCallAreRejected() {
        byte[] b = withTrailer(Hex.decode(FULL_TRANSMIT_CALL));
        assertThatThrownBy(() -> TransmitCall.decode(read(b))).hasMessageContaining("Transmit_Call");
    }

    // --- malformed Transmit_Return

    @Test
    void receiveLengthOverTheIdlRangeIsRejected() {
        byte[] b = Hex.decode(STEP_046);
        putLe(b, 16 + 8, 66561);
        assertThatThrownBy(() -> TransmitReturn.decode(read(b))).hasMessageContaining("cbRecvLength");
    }

    @Test
    void receiveBufferMaxCountMismatchIsRejected() {
        byte[] b = Hex.decode(STEP_046);
        putLe(b, 16 + 16, 20);
        assertThatThrownBy(() -> TransmitReturn.decode(read(b))).hasMessageContaining("pbRecvBuffer.MaxCount");
    }

    @Test
    void truncatedTransmitReturnIsRejected() {
        byte[] b = Arrays.copyOf(Hex.decode(STEP_046), 16 + 32);
        putLe(b, 8, 32);
        assertThatThrownBy(() -> TransmitReturn.decode(read(b))).hasMessageContaining("truncated");
    }

    @Test
    void trailingBytesAfterTransmitReturnAreRejected() {
        byte[] b = withTrailer(Hex.decode(STEP_046));
        assertThatThrownBy(() -> TransmitReturn.decode(read(b))).hasMessageContaining("Transmit_Return");
    }

    @Test
    void receivePciExtraNullWithALengthIsRejected() {
        byte[] b = new TransmitReturn(0, ScardIoRequest.of(2), 0, null).toBytes();
        putLe(b, 16 + 20, 3); // *pioRecvPci.cbExtraBytes 3 with a NULL pointer
        assertThatThrownBy(() -> TransmitReturn.decode(read(b))).hasMessageContaining("pioRecvPci.pbExtraBytes");
    }

    @Test
    void recordsRejectInconsistentLengths() {
        assertThatThrownBy(() -> new TransmitReturn(0, null, 3, new byte[2]))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ScardIoRequest(2, new byte[1025])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TransmitCall.of(HCARD, 2, new byte[66561], 258))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
