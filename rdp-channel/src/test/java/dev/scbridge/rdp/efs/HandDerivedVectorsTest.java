package dev.scbridge.rdp.efs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scbridge.apdu.Hex;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** PDUs with no captured bytes, derived by hand from the field layout of the cited MS-RDPEFS section. */
class HandDerivedVectorsTest {

    /** 2.2.2.9 / 2.2.1.3; also facts/rdp.md 1.4 "Derived (DeviceId 1)". */
    @Test
    void deviceListAnnounce_smartCard() throws Exception {
        PduAssert.encodesAs(DeviceListAnnounce.smartCard(1),
                "72 44 41 44 01 00 00 00 20 00 00 00 01 00 00 00 53 43 41 52 44 00 00 00 00 00 00 00");
    }

    /** 2.2.2.8 with GENERAL v2 (2.2.2.7.1) and SMARTCARD v1 (2.2.2.7.5). */
    @Test
    void clientCoreCapabilityResponse_forSmartCard() throws Exception {
        String general = "01 00 2C 00 02 00 00 00 00 00 00 00 00 00 00 00 01 00 0D 00 FF 7F 00 00 00 00 00 00 "
                + "07 00 00 00 00 00 00 00 00 00 00 00 01 00 00 00";
        PduAssert.encodesAs(ClientCoreCapabilityResponse.forSmartCard(0x0D),
                "72 44 50 43 02 00 00 00 " + general + " 05 00 08 00 01 00 00 00");
        assertThat(ClientCoreCapabilityResponse.forSmartCard(0x0C).capabilities().get(0))
                .extracting(c -> ((GeneralCapabilitySet) c).protocolMinorVersion()).isEqualTo(0x0C);
        assertThat(ClientCoreCapabilityResponse.forSmartCard(0x0F).capabilities().get(0))
                .extracting(c -> ((GeneralCapabilitySet) c).protocolMinorVersion()).isEqualTo(0x0D);
    }

    /** 2.2.2.8 with GENERAL v1: 40 bytes, no SpecialTypeDeviceCap. */
    @Test
    void generalV1_hasNoSpecialTypeDeviceCap() throws Exception {
        GeneralCapabilitySet v1 = new GeneralCapabilitySet(1, 0, 0, 1, 2, 0xFFFF, 0, 1, 0, 0, OptionalInt.empty());
        PduAssert.encodesAs(new ClientCoreCapabilityResponse(List.of(v1)), "72 44 50 43 01 00 00 00 "
                + "01 00 28 00 01 00 00 00 00 00 00 00 00 00 00 00 01 00 02 00 FF FF 00 00 00 00 00 00 01 00 00 00 "
                + "00 00 00 00 00 00 00 00");
    }

    /** 2.2.1.2: an unknown capability type (0x0009) with a 4-byte body is kept raw. */
    @Test
    void unknownCapabilityType_keptRaw() throws Exception {
        PduAssert.encodesAs(new ServerCoreCapabilityRequest(7, List.of(new RawCapabilitySet(9, 3,
                Hex.decode("DE AD BE EF")))), "72 44 50 53 01 00 07 00 09 00 0C 00 03 00 00 00 DE AD BE EF");
    }

    /** 2.2.2.6. */
    @Test
    void serverClientIdConfirm() throws Exception {
        PduAssert.encodesAs(new ServerClientIdConfirm(1, 13, 3), "72 44 43 43 01 00 0D 00 03 00 00 00");
    }

    /** 2.2.2.4, ASCII: UnicodeFlag 0, "teleport" (step 002 of the logon trace). */
    @Test
    void clientName_ascii() throws Exception {
        PduAssert.encodesAs(ClientNameRequest.of("teleport", false),
                "72 44 4E 43 00 00 00 00 00 00 00 00 09 00 00 00 74 65 6C 65 70 6F 72 74 00");
    }

    /** 2.2.2.1: DeviceId 1, ResultCode 0 (step 009). */
    @Test
    void serverDeviceAnnounceResponse() throws Exception {
        PduAssert.encodesAs(new ServerDeviceAnnounceResponse(1, 0), "72 44 72 64 01 00 00 00 00 00 00 00");
    }

    /** 2.2.2.5: header only, facts/rdp.md 1.1 "(72 44 4C 55)". */
    @Test
    void serverUserLoggedOn() throws Exception {
        PduAssert.encodesAs(new ServerUserLoggedOn(), "72 44 4C 55");
    }

    /** 2.2.3.2. */
    @Test
    void deviceListRemove() throws Exception {
        PduAssert.encodesAs(new DeviceListRemove(List.of(1, 2)), "72 44 4D 44 02 00 00 00 01 00 00 00 02 00 00 00");
    }

    /** 2.2.1.4.2 DR_CLOSE_REQ and 2.2.1.5.2 DR_CLOSE_RSP. */
    @Test
    void closeRequestAndResponse() throws Exception {
        DeviceCloseRequest req = new DeviceCloseRequest(new IoRequestHeader(1, 1, 4, 2, 0), new byte[32]);
        PduAssert.encodesAs(req, "72 44 52 49 01 00 00 00 01 00 00 00 04 00 00 00 02 00 00 00 00 00 00 00"
                + " 00".repeat(32));
        DeviceCloseResponse rsp = DeviceCloseResponse.answering(req, NtStatus.STATUS_SUCCESS);
        PduAssert.encodesAs(rsp, "72 44 43 49 01 00 00 00 04 00 00 00 00 00 00 00 00 00 00 00");
        DeviceIoCompletion raw = (DeviceIoCompletion) RdpdrPdu.decode(rsp.encode(), Direction.CLIENT_TO_SERVER);
        assertThat(raw.asCloseResponse()).isEqualTo(rsp);
    }

    /** 2.2.1.5.1 DR_CREATE_RSP with and without the optional Information byte. */
    @Test
    void createResponse_informationOptional() throws Exception {
        IoCompletionHeader h = new IoCompletionHeader(1, 2, NtStatus.STATUS_SUCCESS);
        DeviceCreateResponse with = new DeviceCreateResponse(h, 5, OptionalInt.of(1));
        DeviceCreateResponse without = new DeviceCreateResponse(h, 5, OptionalInt.empty());
        PduAssert.encodesAs(with, "72 44 43 49 01 00 00 00 02 00 00 00 00 00 00 00 05 00 00 00 01");
        PduAssert.encodesAs(without, "72 44 43 49 01 00 00 00 02 00 00 00 00 00 00 00 05 00 00 00");
        assertThat(((DeviceIoCompletion) RdpdrPdu.decode(with.encode(), Direction.CLIENT_TO_SERVER))
                .asCreateResponse()).isEqualTo(with);
        assertThat(((DeviceIoCompletion) RdpdrPdu.decode(without.encode(), Direction.CLIENT_TO_SERVER))
                .asCreateResponse()).isEqualTo(without);
    }

    /** 2.2.1.5 bare completion, STATUS_NOT_SUPPORTED for a READ on the card device (facts/rdp.md 1.6). */
    @Test
    void bareCompletion_forUnhandledMajor() throws Exception {
        DeviceIoRequest read = (DeviceIoRequest) RdpdrPdu.decode(Hex.decode(
                "72 44 52 49 01 00 00 00 01 00 00 00 07 00 00 00 03 00 00 00 00 00 00 00 AA BB"),
                Direction.SERVER_TO_CLIENT);
        assertThat(read.name()).isEqualTo("Device I/O Request (IRP_MJ_READ)");
        assertThat(read.body()).containsExactly(0xAA, 0xBB);
        PduAssert.encodesAs(DeviceIoCompletion.bare(read, NtStatus.STATUS_NOT_SUPPORTED),
                "72 44 43 49 01 00 00 00 07 00 00 00 BB 00 00 C0");
    }

    /** 2.2.1.4: an unknown MajorFunction and garbage MinorFunction still decode (the channel must answer). */
    @Test
    void unknownMajor_andGarbageMinor_kept() throws Exception {
        byte[] wire = Hex.decode("72 44 52 49 01 00 00 00 01 00 00 00 09 00 00 00 99 00 00 00 EF BE AD DE");
        DeviceIoRequest r = (DeviceIoRequest) PduAssert.roundTrip(wire, Direction.SERVER_TO_CLIENT);
        assertThat(r.header().minorFunction()).isEqualTo(0xDEADBEEF);
        assertThat(MajorFunction.name(r.header().majorFunction())).isEqualTo("0x00000099");
    }

    /** 2.2.1.5.5 DR_CONTROL_RSP: failure with OutputBufferLength 0 (MS-RDPESC 3.1.4). */
    @Test
    void controlResponse_failure() throws Exception {
        DeviceControlRequest req = DeviceControlRequest.of(1, 1, 2, 2048, 0x000900D0, new byte[] {1, 2, 3, 4});
        PduAssert.encodesAs(DeviceControlResponse.failure(req, NtStatus.STATUS_BUFFER_TOO_SMALL),
                "72 44 43 49 01 00 00 00 02 00 00 00 23 00 00 C0 00 00 00 00");
        PduAssert.encodesAs(req, "72 44 52 49 01 00 00 00 01 00 00 00 02 00 00 00 0E 00 00 00 00 00 00 00"
                + " 00 08 00 00 04 00 00 00 D0 00 09 00" + " 00".repeat(20) + " 01 02 03 04");
    }

    @Test
    void ntStatusNames() {
        assertThat(NtStatus.name(0xC0000023)).isEqualTo("STATUS_BUFFER_TOO_SMALL");
        assertThat(NtStatus.name(0)).isEqualTo("STATUS_SUCCESS");
        assertThat(NtStatus.name(0xC000009D)).isEqualTo("STATUS_DEVICE_NOT_CONNECTED");
        assertThat(NtStatus.name(0x12345678)).isEqualTo("0x12345678");
    }
}
