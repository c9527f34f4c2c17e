package dev.scbridge.rdp.efs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scbridge.apdu.DecodeException;
import dev.scbridge.apdu.Hex;
import dev.scbridge.rdp.trace.Fields;
import dev.scbridge.rdp.trace.VectorBlock;
import dev.scbridge.rdp.trace.VectorFile;
import dev.scbridge.rdp.trace.Vectors;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * DR_CONTROL_REQ bodies dumped by xrdp and the *_Return OutputBuffers Windows accepted
 * (shared/vectors/rdpesc-ioctls.txt, windows-logon-trace.txt), framed as whole RDPDR PDUs.
 */
class ControlVectorsTest {
    private static final List<VectorBlock> IOCTLS = VectorFile.parse(Vectors.file("rdpesc-ioctls.txt"));

    /** DR_DEVICE_IOREQUEST for DeviceId 1, FileId 1, CompletionId 0, IRP_MJ_DEVICE_CONTROL, MinorFunction 0. */
    private static final String IOREQUEST_HEADER = "72 44 52 49 01 00 00 00 01 00 00 00 00 00 00 00 0E 00 00 00 00 00 00 00";

    static byte[] withHeader(byte[] body) {
        return ByteBuffer.allocate(24 + body.length).put(Hex.decode(IOREQUEST_HEADER)).put(body).array();
    }

    static VectorBlock ioctl(String namePrefix) {
        return IOCTLS.stream().filter(b -> b.name().startsWith(namePrefix)).findFirst().orElseThrow();
    }

    @Test
    void xrdpListReadersW_roundTrips() throws Exception {
        VectorBlock b = ioctl("ListReadersW DR_CONTROL_REQ body");
        DeviceControlRequest r = (DeviceControlRequest) PduAssert.roundTrip(withHeader(b.bytes()),
                Direction.SERVER_TO_CLIENT);
        Fields f = b.parsedFields();
        assertThat(r.outputBufferLength()).isEqualTo(f.intValue("OutputBufferLength"));
        assertThat(r.inputBuffer()).hasSize(f.intValue("InputBufferLength"));
        assertThat(r.ioControlCode()).isEqualTo(f.intValue("IoControlCode"));
        assertThat(r.padding()).isEqualTo(f.hexValue("Padding"));
        assertThat(r.name()).isEqualTo("Device Control Request");
    }

    @Test
    void xrdpAccessStartedEvent_roundTrips() throws Exception {
        VectorBlock b = ioctl("AccessStartedEvent DR_CONTROL_REQ body");
        DeviceControlRequest r = (DeviceControlRequest) PduAssert.roundTrip(withHeader(b.bytes()),
                Direction.SERVER_TO_CLIENT);
        assertThat(r.ioControlCode()).isEqualTo(0x000900E0);
        assertThat(r.outputBufferLength()).isEqualTo(256);
        assertThat(Hex.spaced(r.inputBuffer())).isEqualTo("28 B7 9D 02");
    }

    /** The dump is cut at 120 bytes while InputBufferLength says 128: a truncated PDU, rejected. */
    @Test
    void xrdpEstablishContext_truncatedDump_rejected() {
        byte[] wire = withHeader(ioctl("EstablishContext DR_CONTROL_REQ body").bytes());
        DecodeException e = PduAssert.rejects(wire, Direction.SERVER_TO_CLIENT, "InputBufferLength");
        assertThat(e.offset()).isEqualTo(56);
    }

    /** With InputBufferLength corrected to the 88 bytes present, the garbage Padding is kept byte for byte. */
    @Test
    void xrdpEstablishContext_garbagePadding_kept() throws Exception {
        byte[] body = ioctl("EstablishContext DR_CONTROL_REQ body").bytes();
        ByteBuffer.wrap(body).order(ByteOrder.LITTLE_ENDIAN).putInt(4, body.length - 32);
        DeviceControlRequest r = (DeviceControlRequest) PduAssert.roundTrip(withHeader(body),
                Direction.SERVER_TO_CLIENT);
        assertThat(Hex.spaced(r.padding())).isEqualTo("00 00 00 00 2E 2E 00 00 00 00 00 00 02 00 00 00 00 00 00 00");
    }

    @Test
    void teleportReturns_asControlResponses_roundTrip() throws Exception {
        List<VectorBlock> returns = IOCTLS.stream().filter(b -> b.name().endsWith("_Return (OutputBuffer)")).toList();
        assertThat(returns).hasSize(15);
        for (VectorBlock b : returns) {
            Fields f = b.parsedFields();
            assertThat(f.intValue("OutputBufferLength")).as(b.name()).isEqualTo(b.bytes().length);
            DeviceControlResponse rsp = new DeviceControlResponse(
                    new IoCompletionHeader(1, f.intValue("CompletionId"), f.intValue("IoStatus")), b.bytes());
            checkResponse(rsp);
        }
    }

    @Test
    void logonTraceReturns_asControlResponses_roundTrip() throws Exception {
        List<VectorBlock> returns = VectorFile.parse(Vectors.file("windows-logon-trace.txt")).stream()
                .filter(b -> b.name().contains("_Return") && b.hex().isPresent()).toList();
        assertThat(returns).hasSizeGreaterThan(100);
        for (VectorBlock b : returns) {
            checkResponse(new DeviceControlResponse(new IoCompletionHeader(1, 1, NtStatus.STATUS_SUCCESS), b.bytes()));
        }
    }

    private static void checkResponse(DeviceControlResponse rsp) throws DecodeException {
        byte[] wire = rsp.encode();
        DeviceIoCompletion raw = (DeviceIoCompletion) PduAssert.roundTrip(wire, Direction.CLIENT_TO_SERVER);
        assertThat(raw.asControlResponse()).isEqualTo(rsp);
        assertThat(wire).hasSize(20 + rsp.outputBuffer().length);
    }
}
