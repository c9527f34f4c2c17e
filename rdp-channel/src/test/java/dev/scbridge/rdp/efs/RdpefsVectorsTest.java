package dev.scbridge.rdp.efs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scbridge.rdp.trace.VectorBlock;
import dev.scbridge.rdp.trace.VectorFile;
import dev.scbridge.rdp.trace.Vectors;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** Every hex block of shared/vectors/rdpefs-device.txt decodes and re-encodes byte for byte. */
class RdpefsVectorsTest {
    private static final List<VectorBlock> BLOCKS = VectorFile.parse(Vectors.file("rdpefs-device.txt"));

    static Direction direction(VectorBlock b) {
        return switch (b.direction().orElseThrow()) {
            case "server->client" -> Direction.SERVER_TO_CLIENT;
            case "client->server" -> Direction.CLIENT_TO_SERVER;
            default -> throw new IllegalArgumentException(b.name() + ": " + b.direction());
        };
    }

    static VectorBlock block(String namePrefix) {
        return BLOCKS.stream().filter(b -> b.name().startsWith(namePrefix)).findFirst().orElseThrow();
    }

    @Test
    void everyHexBlock_roundTrips() throws Exception {
        List<VectorBlock> withHex = BLOCKS.stream().filter(b -> b.hex().isPresent()).toList();
        assertThat(withHex).hasSize(5);
        for (VectorBlock b : withHex) {
            PduAssert.roundTrip(b.bytes(), direction(b));
        }
    }

    @Test
    void serverAnnounce_fields() throws Exception {
        VectorBlock b = block("Server Announce Request");
        assertThat(PduAssert.roundTrip(b.bytes(), Direction.SERVER_TO_CLIENT))
                .isEqualTo(new ServerAnnounce(1, 0x0C, 1));
    }

    @Test
    void clientAnnounceReply_sameBytesMeanServerClientIdConfirmFromTheServer() throws Exception {
        VectorBlock b = block("Client Announce Reply");
        assertThat(PduAssert.roundTrip(b.bytes(), Direction.CLIENT_TO_SERVER))
                .isEqualTo(new ClientAnnounceReply(1, 0x0C, 1));
        assertThat(PduAssert.roundTrip(b.bytes(), Direction.SERVER_TO_CLIENT))
                .isEqualTo(new ServerClientIdConfirm(1, 0x0C, 1));
    }

    @Test
    void clientName_unicode() throws Exception {
        ClientNameRequest n = (ClientNameRequest) PduAssert.roundTrip(block("Client Name Request").bytes(),
                Direction.CLIENT_TO_SERVER);
        assertThat(n.unicode()).isTrue();
        assertThat(n.codePage()).isZero();
        assertThat(n.computerName()).hasSize(30);
        assertThat(n.computerNameString()).isEqualTo("TSDEV-SELFHOST");
        assertThat(n).isEqualTo(ClientNameRequest.of("TSDEV-SELFHOST", true));
    }

    @Test
    void clientCoreCapability_spec49_keepsOsVersionAndDriveV2() throws Exception {
        ClientCoreCapabilityResponse r = (ClientCoreCapabilityResponse) PduAssert.roundTrip(
                block("Client Core Capability Response").bytes(), Direction.CLIENT_TO_SERVER);
        assertThat(r.capabilities()).hasSize(5);
        assertThat(r.capabilities().get(0)).isEqualTo(new GeneralCapabilitySet(2, 2, 0x0006_0000, 1, 0x0C, 0xFFFF,
                0, 7, 0, 0, OptionalInt.of(2)));
        assertThat(r.capabilities().subList(1, 5)).containsExactly(
                new HeaderOnlyCapabilitySet(CapabilityType.CAP_PRINTER_TYPE, 1),
                new HeaderOnlyCapabilitySet(CapabilityType.CAP_PORT_TYPE, 1),
                new HeaderOnlyCapabilitySet(CapabilityType.CAP_DRIVE_TYPE, 2),
                HeaderOnlyCapabilitySet.smartCard());
    }

    /** The spec page's field annotation is shifted by one field; the bytes decode consistently as below. */
    @Test
    void deviceCreateRequest_specDump() throws Exception {
        DeviceCreateRequest c = (DeviceCreateRequest) PduAssert.roundTrip(block("Device Create Request").bytes(),
                Direction.SERVER_TO_CLIENT);
        assertThat(c.header()).isEqualTo(new IoRequestHeader(3, 0, 1, 0, 0));
        assertThat(c.desiredAccess()).isEqualTo(0x80);
        assertThat(c.allocationSize()).isZero();
        assertThat(c.fileAttributes()).isZero();
        assertThat(c.sharedAccess()).isEqualTo(7);
        assertThat(c.createDisposition()).isEqualTo(1);
        assertThat(c.createOptions()).isEqualTo(1);
        assertThat(c.path()).isEmpty();
    }

    /** Windows server values (block "Windows server RDPDR init values"), rebuilt from its fields. */
    @Test
    void windowsServerCapabilities_fromFields_roundTrip() throws Exception {
        ServerCoreCapabilityRequest req = new ServerCoreCapabilityRequest(List.of(
                new GeneralCapabilitySet(2, 2, 0, 1, 13, 0xFFFF, 0, 7, 0, 0, OptionalInt.of(2)),
                new HeaderOnlyCapabilitySet(CapabilityType.CAP_PRINTER_TYPE, 1),
                new HeaderOnlyCapabilitySet(CapabilityType.CAP_PORT_TYPE, 1),
                new HeaderOnlyCapabilitySet(CapabilityType.CAP_DRIVE_TYPE, 2),
                HeaderOnlyCapabilitySet.smartCard()));
        assertThat(req.size()).isEqualTo(84); // "Server Core Capability Request (len 84)"
        assertThat(PduAssert.roundTrip(req.encode(), Direction.SERVER_TO_CLIENT)).isEqualTo(req);
    }
}
