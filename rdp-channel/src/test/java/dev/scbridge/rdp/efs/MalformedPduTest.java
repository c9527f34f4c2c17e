package dev.scbridge.rdp.efs;

import static dev.scbridge.rdp.efs.Direction.CLIENT_TO_SERVER;
import static dev.scbridge.rdp.efs.Direction.SERVER_TO_CLIENT;
import static dev.scbridge.rdp.efs.PduAssert.rejects;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scbridge.apdu.DecodeException;
import org.junit.jupiter.api.Test;

/** One test per malformed field: each must fail with DecodeException naming the field, nothing else. */
class MalformedPduTest {
    private static final String IOREQ = "72 44 52 49 01 00 00 00 01 00 00 00 00 00 00 00 ";
    private static final String CONTROL = IOREQ + "0E 00 00 00 00 00 00 00 00 08 00 00 ";
    private static final String PAD20 = " 00".repeat(20);
    private static final String COMPLETION = "72 44 43 49 01 00 00 00 01 00 00 00 00 00 00 00";

    @Test
    void header_truncated() {
        DecodeException e = rejects("72 44 6E", SERVER_TO_CLIENT, "RDPDR_HEADER");
        assertThat(e.reason()).contains("3 bytes").contains("expected: 4+");
    }

    @Test
    void component_unknown() {
        rejects("34 12 6E 49 01 00 0C 00 01 00 00 00", SERVER_TO_CLIENT, "Component");
    }

    @Test
    void component_printer_rejected() {
        rejects("52 50 43 50 00 00 00 00", SERVER_TO_CLIENT, "Component");
    }

    @Test
    void packetId_unknown() {
        assertThat(rejects("72 44 FF FF", SERVER_TO_CLIENT, "PacketId").offset()).isEqualTo(2);
    }

    @Test
    void packetId_wrongDirection() {
        rejects("72 44 4E 43 00 00 00 00 00 00 00 00 01 00 00 00 00", SERVER_TO_CLIENT, "PacketId");
        rejects("72 44 6E 49 01 00 0C 00 01 00 00 00", CLIENT_TO_SERVER, "PacketId");
    }

    @Test
    void serverAnnounce_clientIdTruncated() {
        rejects("72 44 6E 49 01 00 0C 00 01 00", SERVER_TO_CLIENT, "ClientId");
    }

    @Test
    void serverAnnounce_trailingBytes() {
        rejects("72 44 6E 49 01 00 0C 00 01 00 00 00 00", SERVER_TO_CLIENT, "Server Announce Request");
    }

    @Test
    void clientName_oddLengthForUnicode() {
        rejects("72 44 4E 43 01 00 00 00 00 00 00 00 03 00 00 00 41 00 00", CLIENT_TO_SERVER, "ComputerNameLen");
    }

    @Test
    void clientName_lengthOverRemaining() {
        rejects("72 44 4E 43 00 00 00 00 00 00 00 00 09 00 00 00 41 00", CLIENT_TO_SERVER, "ComputerNameLen");
    }

    @Test
    void clientName_lengthOverMaximum() {
        DecodeException e = rejects("72 44 4E 43 00 00 00 00 00 00 00 00 FF FF FF FF 41 00", CLIENT_TO_SERVER,
                "ComputerNameLen");
        assertThat(e.reason()).contains("maximum 512");
    }

    @Test
    void clientName_withoutNul() {
        rejects("72 44 4E 43 00 00 00 00 00 00 00 00 02 00 00 00 41 42", CLIENT_TO_SERVER, "ComputerNameLen");
    }

    @Test
    void capabilities_countOverMaximum() {
        rejects("72 44 50 53 21 00 00 00", SERVER_TO_CLIENT, "numCapabilities");
    }

    @Test
    void capabilities_countOverPresentSets() {
        rejects("72 44 50 53 02 00 00 00 05 00 08 00 01 00 00 00", SERVER_TO_CLIENT, "CapabilityType");
    }

    @Test
    void capabilityLength_belowHeader() {
        DecodeException e = rejects("72 44 50 53 01 00 00 00 05 00 07 00 01 00 00 00", SERVER_TO_CLIENT,
                "CapabilityLength");
        assertThat(e.offset()).isEqualTo(10);
    }

    @Test
    void capabilityLength_beyondPdu() {
        rejects("72 44 50 53 01 00 00 00 05 00 0C 00 01 00 00 00 00 00", SERVER_TO_CLIENT, "CapabilityLength");
    }

    @Test
    void generalCapabilityLength_notFortyOrFortyFour() {
        rejects("72 44 50 53 01 00 00 00 01 00 0C 00 01 00 00 00 00 00 00 00", SERVER_TO_CLIENT,
                "CapabilityLength");
    }

    @Test
    void deviceCount_overMaximum() {
        DecodeException e = rejects("72 44 41 44 01 01 00 00", CLIENT_TO_SERVER, "DeviceCount");
        assertThat(e.reason()).contains("257").contains("256");
    }

    @Test
    void deviceCount_overPresentDevices() {
        rejects("72 44 41 44 01 00 00 00", CLIENT_TO_SERVER, "DeviceType");
    }

    @Test
    void deviceType_unknown() {
        rejects("72 44 41 44 01 00 00 00 40 00 00 00 01 00 00 00 53 43 41 52 44 00 00 00 00 00 00 00",
                CLIENT_TO_SERVER, "DeviceType");
    }

    @Test
    void preferredDosName_truncated() {
        rejects("72 44 41 44 01 00 00 00 20 00 00 00 01 00 00 00 53 43 41", CLIENT_TO_SERVER, "PreferredDosName");
    }

    @Test
    void deviceDataLength_overRemaining() {
        rejects("72 44 41 44 01 00 00 00 20 00 00 00 01 00 00 00 53 43 41 52 44 00 00 00 04 00 00 00 00",
                CLIENT_TO_SERVER, "DeviceDataLength");
    }

    @Test
    void deviceDataLength_overMaximum() {
        DecodeException e = rejects("72 44 41 44 01 00 00 00 20 00 00 00 01 00 00 00 53 43 41 52 44 00 00 00 "
                + "01 00 01 00", CLIENT_TO_SERVER, "DeviceDataLength");
        assertThat(e.reason()).contains("maximum");
    }

    @Test
    void deviceListRemove_countOverMaximum() {
        rejects("72 44 4D 44 00 10 00 00", CLIENT_TO_SERVER, "DeviceCount");
    }

    @Test
    void ioRequestHeader_truncated() {
        rejects(IOREQ + "0E 00 00 00", SERVER_TO_CLIENT, "MinorFunction");
    }

    @Test
    void controlRequest_paddingTruncated() {
        rejects(CONTROL + "00 00 00 00 14 00 09 00 00 00", SERVER_TO_CLIENT, "Padding");
    }

    @Test
    void inputBufferLength_overRemaining() {
        DecodeException e = rejects(CONTROL + "05 00 00 00 14 00 09 00" + PAD20 + " 01 02 03 04", SERVER_TO_CLIENT,
                "InputBufferLength");
        assertThat(e.reason()).contains("length 5").contains("4 bytes left");
    }

    @Test
    void inputBufferLength_overMaximum() {
        DecodeException e = rejects(CONTROL + "01 00 02 00 14 00 09 00" + PAD20, SERVER_TO_CLIENT,
                "InputBufferLength");
        assertThat(e.reason()).contains("131073").contains("131072");
    }

    @Test
    void controlRequest_trailingBytes() {
        rejects(CONTROL + "00 00 00 00 14 00 09 00" + PAD20 + " FF", SERVER_TO_CLIENT, "Device Control Request");
    }

    @Test
    void createRequest_pathLengthOverRemaining() {
        rejects(IOREQ + "00 00 00 00 00 00 00 00 80 00 00 00" + " 00".repeat(8)
                + " 00 00 00 00 07 00 00 00 01 00 00 00 01 00 00 00 02 00 00 00 00", SERVER_TO_CLIENT, "PathLength");
    }

    @Test
    void closeRequest_paddingTruncated() {
        rejects(IOREQ + "02 00 00 00 00 00 00 00" + " 00".repeat(31), SERVER_TO_CLIENT, "Padding");
    }

    @Test
    void completionHeader_truncated() {
        rejects("72 44 43 49 01 00 00 00 01 00 00 00 00 00", CLIENT_TO_SERVER, "IoStatus");
    }

    @Test
    void controlResponse_outputBufferLengthMissing() throws Exception {
        DeviceIoCompletion c = completion(COMPLETION);
        assertThatThrownBy(c::asControlResponse).isInstanceOfSatisfying(DecodeException.class,
                e -> assertThat(e.field()).isEqualTo("OutputBufferLength"));
    }

    @Test
    void controlResponse_outputBufferLengthOverRemaining() throws Exception {
        DeviceIoCompletion c = completion(COMPLETION + " 08 00 00 00 01 02");
        assertThatThrownBy(c::asControlResponse).isInstanceOfSatisfying(DecodeException.class, e -> {
            assertThat(e.field()).isEqualTo("OutputBufferLength");
            assertThat(e.offset()).isEqualTo(20);
        });
    }

    @Test
    void controlResponse_outputBufferLengthOverMaximum() throws Exception {
        DeviceIoCompletion c = completion(COMPLETION + " 01 00 04 00");
        assertThatThrownBy(c::asControlResponse).isInstanceOfSatisfying(DecodeException.class,
                e -> assertThat(e.reason()).contains("maximum 262144"));
    }

    @Test
    void closeResponse_paddingTruncated() throws Exception {
        DeviceIoCompletion c = completion(COMPLETION + " 00 00");
        assertThatThrownBy(c::asCloseResponse).isInstanceOfSatisfying(DecodeException.class,
                e -> assertThat(e.field()).isEqualTo("Padding"));
    }

    @Test
    void createResponse_trailingBytes() throws Exception {
        DeviceIoCompletion c = completion(COMPLETION + " 05 00 00 00 01 02");
        assertThatThrownBy(c::asCreateResponse).isInstanceOfSatisfying(DecodeException.class,
                e -> assertThat(e.field()).isEqualTo("Device Create Response"));
    }

    @Test
    void constructors_rejectBadArguments() {
        assertThatThrownBy(() -> new ClientNameRequest(1, 0, new byte[] {0x41, 0, 0})).isInstanceOf(
                IllegalArgumentException.class);
        assertThatThrownBy(() -> new DeviceAnnounce(DeviceType.RDPDR_DTYP_SMARTCARD, 1, new byte[7], new byte[0]))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new DeviceControlRequest(new IoRequestHeader(1, 1, 1, 0, 0), 0, 0, new byte[20],
                new byte[0])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ServerAnnounce(0x10000, 0, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void arrays_areCopied() {
        byte[] input = {1, 2};
        DeviceControlRequest r = DeviceControlRequest.of(1, 1, 1, 0, 0, input);
        input[0] = 9;
        r.inputBuffer()[1] = 9;
        assertThat(r.inputBuffer()).containsExactly(1, 2);
    }

    private static DeviceIoCompletion completion(String hex) throws DecodeException {
        return (DeviceIoCompletion) RdpdrPdu.decode(dev.scbridge.apdu.Hex.decode(hex), CLIENT_TO_SERVER);
    }
}
