package dev.scbridge.rdp.efs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scbridge.apdu.DecodeException;
import dev.scbridge.apdu.Hex;

/** One helper that checks encode, decode and size from one (value, bytes) pair. */
final class PduAssert {
    private PduAssert() {
    }

    static RdpdrPdu roundTrip(byte[] wire, Direction sentBy) throws DecodeException {
        RdpdrPdu pdu = RdpdrPdu.decode(wire, sentBy);
        assertThat(Hex.spaced(pdu.encode())).as("re-encode of %s", pdu.name()).isEqualTo(Hex.spaced(wire));
        assertThat(pdu.size()).isEqualTo(wire.length);
        assertThat(pdu.direction()).isEqualTo(sentBy);
        assertThat(pdu.specSection()).startsWith("MS-RDPEFS 2.2.");
        return pdu;
    }

    static void encodesAs(RdpdrPdu pdu, String hex) throws DecodeException {
        byte[] wire = Hex.decode(hex);
        assertThat(Hex.spaced(pdu.encode())).isEqualTo(Hex.spaced(wire));
        assertThat(pdu.size()).isEqualTo(wire.length);
        RdpdrPdu decoded = RdpdrPdu.decode(wire, pdu.direction());
        if (!(decoded instanceof DeviceIoCompletion) || pdu instanceof DeviceIoCompletion) {
            assertThat(decoded).isEqualTo(pdu);
        }
    }

    static DecodeException rejects(String hex, Direction sentBy, String field) {
        return rejects(Hex.decode(hex), sentBy, field);
    }

    static DecodeException rejects(byte[] wire, Direction sentBy, String field) {
        Throwable[] caught = new Throwable[1];
        assertThatThrownBy(() -> RdpdrPdu.decode(wire, sentBy)).isInstanceOfSatisfying(DecodeException.class,
                e -> {
                    assertThat(e.field()).as(e.getMessage()).isEqualTo(field);
                    assertThat(e.offset()).isBetween(0, wire.length);
                    caught[0] = e;
                });
        return (DecodeException) caught[0];
    }
}
