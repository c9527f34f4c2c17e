package dev.scbridge.rdp.efs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scbridge.apdu.DecodeException;
import dev.scbridge.rdp.trace.VectorBlock;
import dev.scbridge.rdp.trace.VectorFile;
import dev.scbridge.rdp.trace.Vectors;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Every truncation and a fixed-seed set of byte mutations of real PDUs either decode to a PDU that re-encodes to
 * the same bytes or throw DecodeException; nothing else may escape (facts: style.md convention 5).
 */
class MutationRobustnessTest {
    private static final int MUTATIONS_PER_PDU = 400;

    private static List<byte[]> seeds() {
        List<byte[]> out = new ArrayList<>();
        for (VectorBlock b : VectorFile.parse(Vectors.file("rdpefs-device.txt"))) {
            b.hex().ifPresent(out::add);
        }
        for (VectorBlock b : VectorFile.parse(Vectors.file("rdpesc-ioctls.txt"))) {
            if (b.name().contains("DR_CONTROL_REQ body")) {
                out.add(ControlVectorsTest.withHeader(b.bytes()));
            } else if (b.name().endsWith("_Return (OutputBuffer)")) {
                out.add(new DeviceControlResponse(new IoCompletionHeader(1, 1, 0), b.bytes()).encode());
            }
        }
        out.add(DeviceListAnnounce.smartCard(1).encode());
        out.add(ClientCoreCapabilityResponse.forSmartCard(13).encode());
        out.add(new DeviceListRemove(List.of(1)).encode());
        out.add(new ServerDeviceAnnounceResponse(1, 0).encode());
        return out;
    }

    @Test
    void truncationsAndMutations_onlyDecodeException() {
        Random random = new Random(0x5CB1D6E);
        int decoded = 0;
        for (byte[] seed : seeds()) {
            for (int n = 0; n <= seed.length; n++) {
                decoded += tryAll(java.util.Arrays.copyOf(seed, n));
            }
            for (int i = 0; i < MUTATIONS_PER_PDU; i++) {
                byte[] m = seed.clone();
                int flips = 1 + random.nextInt(3);
                for (int f = 0; f < flips; f++) {
                    m[random.nextInt(m.length)] = (byte) random.nextInt(256);
                }
                decoded += tryAll(m);
            }
        }
        assertThat(decoded).isPositive();
    }

    private static int tryAll(byte[] wire) {
        int ok = 0;
        for (Direction d : Direction.values()) {
            try {
                RdpdrPdu pdu = RdpdrPdu.decode(wire, d);
                assertThat(pdu.encode()).isEqualTo(wire);
                ok++;
                if (pdu instanceof DeviceIoCompletion c) {
                    views(c);
                }
            } catch (DecodeException expected) {
                assertThat(expected.offset()).isBetween(0, wire.length);
            }
        }
        return ok;
    }

    private static void views(DeviceIoCompletion c) {
        try {
            assertThat(c.asControlResponse().encode()).isEqualTo(c.encode());
        } catch (DecodeException expected) {
            // fine
        }
        try {
            assertThat(c.asCreateResponse().encode()).isEqualTo(c.encode());
        } catch (DecodeException expected) {
            // fine
        }
        try {
            assertThat(c.asCloseResponse().encode()).isEqualTo(c.encode());
        } catch (DecodeException expected) {
            // fine
        }
    }
}
