package dev.scbridge.rdp.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.scbridge.apdu.DecodeException;
import dev.scbridge.card.PivCard;
import dev.scbridge.pcsc.virtual.VirtualPcsc;
import dev.scbridge.rdp.RdpdrSmartCardChannel;
import dev.scbridge.rdp.efs.CapabilitySet;
import dev.scbridge.rdp.efs.CapabilityType;
import dev.scbridge.rdp.efs.DeviceControlRequest;
import dev.scbridge.rdp.efs.DeviceIoCompletion;
import dev.scbridge.rdp.efs.GeneralCapabilitySet;
import dev.scbridge.rdp.efs.HeaderOnlyCapabilitySet;
import dev.scbridge.rdp.efs.NtStatus;
import dev.scbridge.rdp.efs.RdpdrPdu;
import dev.scbridge.rdp.efs.ServerAnnounce;
import dev.scbridge.rdp.efs.ServerClientIdConfirm;
import dev.scbridge.rdp.efs.ServerCoreCapabilityRequest;
import dev.scbridge.rdp.efs.ServerDeviceAnnounceResponse;
import dev.scbridge.rdp.esc.EscCall;
import dev.scbridge.rdp.esc.EscCodecs;
import dev.scbridge.rdp.esc.EscMessage;
import dev.scbridge.rdp.esc.EscReturn;
import dev.scbridge.rdp.esc.Ioctl;
import dev.scbridge.rdp.scard.ReaderFilter;
import dev.scbridge.rdp.scard.ScardService;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.OptionalInt;

/**
 * Fuzz targets for the RDP channel (design.md tier 5): the RDPDR PDU codec both ways, every MS-RDPESC call and
 * return decoder, and the whole {@link RdpdrSmartCardChannel} over a virtual PIV card. In a normal build they run
 * on their seeds (src/test/resources/dev/scbridge/rdp/fuzz/RdpFuzzTestInputs/&lt;method&gt;, built from
 * shared/vectors); scripts/fuzz.sh fuzzes each one.
 */
class RdpFuzzTest {
    /** Most fuzzed PDUs fed to one channel: enough to reach handle-based IOCTLs, small enough to stay fast. */
    private static final int MAX_PDUS = 24;
    /** A PDU from the server is answered by at most this many PDUs (Client ID Confirm: capabilities + devices). */
    private static final int MAX_OUTPUTS_PER_INPUT = 2;

    /** Decoding a server PDU throws nothing but DecodeException; what decodes re-encodes to the same bytes. */
    @FuzzTest
    void rdpdrFromServer(byte[] data) {
        RdpdrPdu pdu = decodeExact(data, true);
        if (pdu instanceof DeviceControlRequest req) {
            Ioctl.fromCode(req.ioControlCode()).ifPresent(i -> callRoundTrip(i, req.inputBuffer()));
        }
    }

    /** Likewise for client PDUs, and a completion's body read as each typed response. */
    @FuzzTest
    void rdpdrFromClient(byte[] data) {
        RdpdrPdu pdu = decodeExact(data, false);
        if (pdu instanceof DeviceIoCompletion c) {
            try {
                reencodes(c.asControlResponse(), data);
            } catch (DecodeException rejected) {
                // not a control response: fine
            }
            try {
                reencodes(c.asCreateResponse(), data);
            } catch (DecodeException rejected) {
                // not a create response
            }
            try {
                reencodes(c.asCloseResponse(), data);
            } catch (DecodeException rejected) {
                // not a close response
            }
        }
    }

    /** First byte: IOCTL function number (MS-RDPESC 3.1.4); the rest: its call's input buffer. */
    @FuzzTest
    void escCall(byte[] data) {
        if (data.length > 0) {
            callRoundTrip(ioctl(data[0]), Arrays.copyOfRange(data, 1, data.length));
        }
    }

    /** First byte: IOCTL function number; the rest: its return's output buffer. */
    @FuzzTest
    void escReturn(byte[] data) {
        if (data.length == 0) {
            return;
        }
        Ioctl ioctl = ioctl(data[0]);
        byte[] body = Arrays.copyOfRange(data, 1, data.length);
        EscReturn ret;
        try {
            ret = EscCodecs.decodeReturn(ioctl, body);
        } catch (DecodeException rejected) {
            return;
        }
        byte[] encoded = ret.toBytes();
        EscReturn again;
        try {
            again = EscCodecs.decodeReturn(ioctl, encoded);
        } catch (DecodeException e) {
            throw new AssertionError(ioctl + ": re-encoded " + ret + " does not decode: " + e.getMessage(), e);
        }
        sameAgain(ioctl, ret, again, encoded);
    }

    /**
     * A handshake, then fuzzed PDUs into a channel over a virtual PIV card: nothing throws, every PDU the channel
     * sends decodes as a client PDU, and it sends a bounded number of them. Input: records of
     * {@code kind u8 | length u16 LE | bytes}; an even kind sends the bytes as a PDU, an odd kind sends them as the
     * InputBuffer of a DR_CONTROL_REQ for IOCTL function {@code kind >> 1}.
     */
    @FuzzTest
    void channel(byte[] data) {
        VirtualPcsc pcsc = new VirtualPcsc();
        pcsc.addReader("Teleport");
        pcsc.insertCard("Teleport", PivCard.builder().build());
        List<byte[]> sent = Collections.synchronizedList(new ArrayList<>());
        List<String> bad = Collections.synchronizedList(new ArrayList<>());
        RdpdrSmartCardChannel channel = RdpdrSmartCardChannel.builder()
                .services(() -> new ScardService(pcsc, ReaderFilter.only("Teleport")))
                .output(pdu -> {
                    sent.add(pdu);
                    try {
                        RdpdrPdu.decodeFromClient(pdu);
                    } catch (DecodeException e) {
                        bad.add(e.getMessage() + " in " + hex(pdu));
                    }
                })
                .build();
        int fed = 0;
        try {
            for (byte[] pdu : handshake()) {
                channel.receive(pdu);
                fed++;
            }
            int at = 0;
            int completionId = 100;
            while (at + 3 <= data.length && fed < MAX_PDUS + handshake().size()) {
                int kind = data[at] & 0xFF;
                int length = (data[at + 1] & 0xFF) | (data[at + 2] & 0xFF) << 8;
                byte[] bytes = Arrays.copyOfRange(data, at + 3, Math.min(data.length, at + 3 + length));
                at += 3 + bytes.length;
                byte[] pdu = (kind & 1) == 0 ? bytes : DeviceControlRequest.of(1, 1, completionId++,
                        2048, ioctl((byte) (kind >> 1)).code(), bytes).encode();
                channel.receive(pdu);
                fed++;
            }
        } finally {
            channel.close();
        }
        if (!bad.isEmpty()) {
            throw new AssertionError("channel sent PDUs that do not decode: " + bad);
        }
        if (sent.size() > MAX_OUTPUTS_PER_INPUT * fed) {
            throw new AssertionError(sent.size() + " PDUs sent for " + fed + " received");
        }
    }

    private static RdpdrPdu decodeExact(byte[] data, boolean fromServer) {
        RdpdrPdu pdu;
        try {
            pdu = fromServer ? RdpdrPdu.decodeFromServer(data) : RdpdrPdu.decodeFromClient(data);
        } catch (DecodeException rejected) {
            return null;
        }
        reencodes(pdu, data);
        if (pdu.size() != data.length) {
            throw new AssertionError(pdu.name() + ": size() " + pdu.size() + " for " + data.length + " bytes");
        }
        return pdu;
    }

    private static void reencodes(RdpdrPdu pdu, byte[] data) {
        if (!Arrays.equals(pdu.encode(), data)) {
            throw new AssertionError(pdu.name() + " does not re-encode identically: " + pdu + "\n in:  " + hex(data)
                    + "\n out: " + hex(pdu.encode()));
        }
    }

    private static void callRoundTrip(Ioctl ioctl, byte[] input) {
        EscCall call;
        try {
            call = EscCodecs.decodeCall(ioctl, input);
        } catch (DecodeException rejected) {
            return;
        }
        byte[] encoded = call.toBytes();
        EscCall again;
        try {
            again = EscCodecs.decodeCall(ioctl, encoded);
        } catch (DecodeException e) {
            throw new AssertionError(ioctl + ": re-encoded " + call + " does not decode: " + e.getMessage()
                    + "\n in:  " + hex(input) + "\n out: " + hex(encoded), e);
        }
        sameAgain(ioctl, call, again, encoded);
    }

    private static void sameAgain(Ioctl ioctl, EscMessage first, EscMessage again, byte[] encoded) {
        if (!again.equals(first)) {
            throw new AssertionError(ioctl + ": decode(encode(x)) != x: " + first + " vs " + again);
        }
        if (!Arrays.equals(again.toBytes(), encoded)) {
            throw new AssertionError(ioctl + ": encoding is not stable for " + first);
        }
    }

    /** The IOCTL with this function number, or (for numbers MS-RDPESC does not use) one picked by it. */
    static Ioctl ioctl(byte function) {
        int f = function & 0xFF;
        return Ioctl.fromCode(0x0009_0000 | f << 2).orElse(Ioctl.values()[f % Ioctl.values().length]);
    }

    /** Server side of the handshake with a Windows Server's values (as RdpHost sends them), device reply last. */
    private static List<byte[]> handshake() {
        List<CapabilitySet> caps = List.of(
                new GeneralCapabilitySet(GeneralCapabilitySet.GENERAL_CAPABILITY_VERSION_02, 2, 0, 1, 0x000D, 0xFFFF,
                        0, 7, 0, 0, OptionalInt.of(2)),
                new HeaderOnlyCapabilitySet(CapabilityType.CAP_SMARTCARD_TYPE, 1));
        return List.of(new ServerAnnounce(1, 0x000D, 3).encode(),
                new ServerCoreCapabilityRequest(0, caps).encode(),
                new ServerClientIdConfirm(1, 0x000D, 3).encode(),
                new ServerDeviceAnnounceResponse(1, NtStatus.STATUS_SUCCESS).encode());
    }

    private static String hex(byte[] b) {
        StringBuilder s = new StringBuilder();
        for (byte x : b) {
            s.append(String.format("%02X", x));
        }
        return s.toString();
    }
}
