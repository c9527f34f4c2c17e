package dev.scbridge.rdp.esc;

import dev.scbridge.apdu.DecodeException;
import dev.scbridge.apdu.Hex;
import dev.scbridge.rdp.ndr.NdrReader;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EscCommonTest {
    // rdpesc-ioctls.txt "EstablishContext_Return (OutputBuffer)", Teleport, accepted by Windows
    private static final String ESTABLISH_RETURN =
            "01100800CCCCCCCC18000000000000000000000004000000000002000400000001000000" + "00000000";

    @Test
    void establishContextReturnMatchesTheWindowsAcceptedBytes() throws DecodeException {
        EstablishContextReturn ret = new EstablishContextReturn(0, new RedirContext(new byte[] {1, 0, 0, 0}));
        assertThat(Hex.plain(ret.toBytes())).isEqualTo(ESTABLISH_RETURN);
        assertThat(ret.size()).isEqualTo(40);
        assertThat(EstablishContextReturn.decode(NdrReader.typeSerialized(Hex.decode(ESTABLISH_RETURN))))
                .isEqualTo(ret);
    }

    @Test
    void longReturnMatchesAccessStartedEventReturn() {
        assertThat(Hex.plain(new LongReturn(0).toBytes()))
                .isEqualTo("01100800CCCCCCCC080000000000000000000000" + "00000000");
    }

    @Test
    void emptyContextWithNonNullPointerIsRejected() {
        // cbContext 0 but pbContext referent 0x00020000
        byte[] b = Hex.decode("01100800CCCCCCCC08000000000000000000000000000200");
        assertThatThrownBy(() -> ContextCall.decode(NdrReader.typeSerialized(b)))
                .isInstanceOf(DecodeException.class).hasMessageContaining("pbContext");
    }

    @Test
    void ioctlCodesAndNames() {
        assertThat(Ioctl.GET_STATUS_CHANGE_W.code()).isEqualTo(0x000900A4);
        assertThat(Ioctl.GET_DEVICE_TYPE_ID.code()).isEqualTo(0x00090108);
        assertThat(Ioctl.fromName("LISTREADERSW")).contains(Ioctl.LIST_READERS_W);
        assertThat(Ioctl.fromCode(0x000900E0)).contains(Ioctl.ACCESS_STARTED_EVENT);
        assertThat(Ioctl.fromCode(0x00090000)).isEmpty();
        assertThat(Ioctl.LIST_READERS_W.wide()).isTrue();
        assertThat(Ioctl.LIST_READERS_A.wide()).isFalse();
        assertThat(Ioctl.RELEASE_STARTED_EVENT.wide()).isFalse();
    }

    @Test
    void multistringsRoundTrip() throws DecodeException {
        byte[] teleport = Msz.encode(java.util.List.of("Teleport"), true);
        assertThat(teleport).hasSize(20);
        assertThat(Msz.decode("msz", teleport, true)).containsExactly("Teleport");
        assertThat(Msz.decode("msz", new byte[0], true)).isEmpty();
        assertThatThrownBy(() -> Msz.decode("msz", new byte[] {'A', 0, 'B'}, false))
                .hasMessageContaining("not NUL-terminated");
    }

    @Test
    void textTheRecordCannotHoldIsADecodeErrorNotACrash() {
        // ConnectW_Call with szReader "A\0B" (found by RdpFuzzTest.escCall): NDR carries it, a reader name cannot
        byte[] b = Hex.decode("01100800CCCCCCCC28000000000000000000020000000000000000000200000003000000"
                + "04000000000000000400000041000000420000000000000000000000");
        assertThatThrownBy(() -> EscCodecs.decodeCall(Ioctl.CONNECT_W, java.util.Arrays.copyOf(b, 56)))
                .isInstanceOf(DecodeException.class).hasMessageContaining("ConnectW call");
    }
}
