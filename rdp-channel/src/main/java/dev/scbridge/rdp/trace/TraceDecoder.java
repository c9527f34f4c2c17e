package dev.scbridge.rdp.trace;

import dev.scbridge.apdu.DecodeException;
import dev.scbridge.rdp.efs.DeviceControlRequest;
import dev.scbridge.rdp.efs.DeviceControlResponse;
import dev.scbridge.rdp.efs.DeviceIoCompletion;
import dev.scbridge.rdp.efs.Direction;
import dev.scbridge.rdp.efs.RdpdrPdu;
import dev.scbridge.rdp.esc.EscCodecs;
import dev.scbridge.rdp.esc.EscMessage;
import dev.scbridge.rdp.esc.Ioctl;
import dev.scbridge.rdp.trace.decode.ByteDiff;
import dev.scbridge.rdp.trace.decode.FieldLister;
import dev.scbridge.rdp.trace.decode.Placement;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Decodes vector blocks (shared/vectors/README.md "Block format") or bare hex (one RDPDR PDU per line) into a
 * field-by-field report: which MS-RDPESC / MS-RDPEFS structure each block holds ({@link Placement}), every field,
 * and with {@code check} whether re-encoding gives back the same bytes. DR_CONTROL_REQ InputBuffers are decoded as
 * the {@code *_Call} their IoControlCode names; a DR_CONTROL_RSP is decoded as the {@code *_Return} of the request
 * with the same CompletionId seen earlier in the same input. Nothing here throws on bad input: every problem is a
 * report line and a count.
 */
public final class TraceDecoder {
    /** DR_DEVICE_IOREQUEST put in front of a bare DR_CONTROL_REQ body: DeviceId 1, FileId 1, CompletionId 0. */
    private static final byte[] SYNTHETIC_IOREQUEST_HEADER = {
        0x72, 0x44, 0x52, 0x49, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0x0E, 0, 0, 0, 0, 0, 0, 0};
    /** MS-RPCE 2.2.6.1 common type header (version 1, little-endian, length 8, filler 0xCCCCCCCC). */
    private static final byte[] COMMON_TYPE_HEADER = {1, 0x10, 8, 0, (byte) 0xCC, (byte) 0xCC, (byte) 0xCC,
        (byte) 0xCC};
    private static final String I1 = "  ";
    private static final String I2 = "    ";

    private final boolean check;
    private final List<String> lines = new ArrayList<>();
    /** IOCTL of each DR_CONTROL_REQ seen, by CompletionId, to decode the matching DR_CONTROL_RSP. */
    private final Map<Integer, Ioctl> pending = new HashMap<>();
    private int decoded;
    private int reencoded;
    private int failed;
    private int skipped;

    private TraceDecoder(boolean check) {
        this.check = check;
    }

    /**
     * The report of one decode run.
     *
     * @param lines     the report, without the summary line
     * @param decoded   blocks that decoded
     * @param reencoded decoded blocks whose re-encoding was byte-identical (0 unless checked)
     * @param failed    blocks that did not decode, or (when checked) did not re-encode identically
     * @param skipped   blocks without bytes or that name nothing this decoder knows
     */
    public record Result(List<String> lines, int decoded, int reencoded, int failed, int skipped) {
        public Result {
            lines = List.copyOf(lines);
        }

        /** {@code decoded N, re-encoded identically M, failed F, skipped S}. */
        public String summary() {
            return "decoded " + decoded + ", re-encoded identically " + reencoded + ", failed " + failed
                    + ", skipped " + skipped;
        }

        /** This report followed by {@code other}'s, counts added. */
        public Result plus(Result other) {
            List<String> all = new ArrayList<>(lines);
            all.addAll(other.lines);
            return new Result(all, decoded + other.decoded, reencoded + other.reencoded, failed + other.failed,
                    skipped + other.skipped);
        }

        /** An empty report, for folding several inputs with {@link #plus}. */
        public static Result empty() {
            return new Result(List.of(), 0, 0, 0, 0);
        }
    }

    /** Decodes a vector file or a bare-hex file. */
    public static Result decode(Path file, boolean check) {
        return decode(VectorFile.parse(file), check);
    }

    /**
     * Decodes text in either format.
     *
     * @throws VectorFormatException if the text is neither well-formed blocks nor hex lines
     */
    public static Result decode(String text, String sourceName, boolean check) {
        return decode(VectorFile.parse(text, sourceName), check);
    }

    /** Decodes blocks in order (a response is matched to an earlier request by CompletionId). */
    public static Result decode(List<VectorBlock> blocks, boolean check) {
        TraceDecoder d = new TraceDecoder(check);
        for (VectorBlock b : blocks) {
            d.block(b);
        }
        return new Result(d.lines, d.decoded, d.reencoded, d.failed, d.skipped);
    }

    private void block(VectorBlock b) {
        lines.add("== " + b.name() + " (line " + b.lineNumber() + ")");
        Placement p = Placement.of(b);
        if (p instanceof Placement.Skip s) {
            skipped++;
            lines.add(I1 + "skipped: " + s.reason());
            return;
        }
        byte[] bytes = b.bytes();
        try {
            Optional<String> difference;
            if (p instanceof Placement.EscBody e) {
                difference = escBody(e, bytes);
            } else if (p instanceof Placement.Pdu pdu) {
                difference = pdu(pdu.direction(), bytes);
            } else {
                difference = controlRequestBody(bytes);
            }
            decoded++;
            if (!check) {
                return;
            }
            if (difference.isEmpty()) {
                reencoded++;
                lines.add(I1 + "check: re-encoded identically (" + bytes.length + " bytes)");
            } else {
                failed++;
                lines.add(I1 + "FAILED check: re-encoding differs: " + difference.get());
            }
        } catch (DecodeException e) {
            failed++;
            lines.add(I1 + "FAILED decode: field " + e.field() + ": " + e.reason() + " (at offset " + e.offset()
                    + ")");
        }
    }

    private Optional<String> escBody(Placement.EscBody e, byte[] bytes) throws DecodeException {
        byte[] wire = e.bare() ? withRpceHeaders(bytes) : bytes;
        if (e.bare()) {
            lines.add(I1 + "(bare NDR object: decoded with MS-RPCE 2.2.6 headers and padding added)");
        }
        EscMessage m = e.call() ? EscCodecs.decodeCall(e.ioctl(), wire) : EscCodecs.decodeReturn(e.ioctl(), wire);
        return message(m, e.ioctl(), wire, I1);
    }

    private Optional<String> controlRequestBody(byte[] body) throws DecodeException {
        lines.add(I1 + "(DR_CONTROL_REQ from OutputBufferLength on: decoded behind a synthetic DR_DEVICE_IOREQUEST "
                + "DeviceId 1 FileId 1 CompletionId 0)");
        byte[] wire = new byte[SYNTHETIC_IOREQUEST_HEADER.length + body.length];
        System.arraycopy(SYNTHETIC_IOREQUEST_HEADER, 0, wire, 0, SYNTHETIC_IOREQUEST_HEADER.length);
        System.arraycopy(body, 0, wire, SYNTHETIC_IOREQUEST_HEADER.length, body.length);
        try {
            return pdu(Optional.of(Direction.SERVER_TO_CLIENT), wire);
        } catch (DecodeException e) {
            throw new DecodeException(e.field(), e.reason() + " [offset given within the block's bytes]",
                    e.offset() - SYNTHETIC_IOREQUEST_HEADER.length);
        }
    }

    private Optional<String> pdu(Optional<Direction> direction, byte[] bytes) throws DecodeException {
        RdpdrPdu pdu;
        if (direction.isPresent()) {
            pdu = RdpdrPdu.decode(bytes, direction.get());
        } else {
            pdu = decodeEitherWay(bytes);
        }
        lines.add(I1 + pdu.name() + " (" + pdu.specSection() + "), sent " + describe(pdu.direction()));
        new FieldLister(lines::add, true).list((Record) pdu, 2);
        Optional<String> difference = ByteDiff.describe(bytes, pdu.encode());
        Optional<String> inner = Optional.empty();
        if (pdu instanceof DeviceControlRequest req) {
            inner = controlRequestInput(req);
        } else if (pdu instanceof DeviceIoCompletion c) {
            inner = completion(c);
        }
        return difference.isPresent() ? difference : inner.map(d -> "in the nested structure: " + d);
    }

    private static RdpdrPdu decodeEitherWay(byte[] bytes) throws DecodeException {
        try {
            return RdpdrPdu.decodeFromServer(bytes);
        } catch (DecodeException fromServer) {
            try {
                return RdpdrPdu.decodeFromClient(bytes);
            } catch (DecodeException fromClient) {
                DecodeException further = fromClient.offset() > fromServer.offset() ? fromClient : fromServer;
                Direction d = further == fromClient ? Direction.CLIENT_TO_SERVER : Direction.SERVER_TO_CLIENT;
                throw new DecodeException(further.field(), further.reason() + " [as sent " + describe(d)
                        + "; it decodes neither way]", further.offset());
            }
        }
    }

    private Optional<String> controlRequestInput(DeviceControlRequest req) throws DecodeException {
        Optional<Ioctl> ioctl = Ioctl.fromCode(req.ioControlCode());
        if (ioctl.isEmpty()) {
            lines.add(I1 + String.format("InputBuffer: IoControlCode 0x%08X is not an MS-RDPESC IOCTL",
                    req.ioControlCode()));
            return Optional.empty();
        }
        pending.put(req.header().completionId(), ioctl.get());
        lines.add(I1 + "InputBuffer as " + ioctl.get().constantName() + ":");
        byte[] input = req.inputBuffer();
        return message(EscCodecs.decodeCall(ioctl.get(), input), ioctl.get(), input, I2);
    }

    private Optional<String> completion(DeviceIoCompletion c) throws DecodeException {
        Ioctl ioctl = pending.remove(c.header().completionId());
        if (ioctl == null) {
            lines.add(I1 + "(no earlier DR_CONTROL_REQ with this CompletionId: body left raw)");
            return Optional.empty();
        }
        DeviceControlResponse rsp = c.asControlResponse();
        lines.add(I1 + "as " + rsp.name() + " (" + rsp.specSection() + ") answering " + ioctl.constantName() + ":");
        new FieldLister(lines::add, ioctl.wide()).list(rsp, 2);
        byte[] output = rsp.outputBuffer();
        if (output.length == 0) {
            return Optional.empty();
        }
        lines.add(I1 + "OutputBuffer:");
        return message(EscCodecs.decodeReturn(ioctl, output), ioctl, output, I2);
    }

    private Optional<String> message(EscMessage m, Ioctl ioctl, byte[] original, String indent) {
        lines.add(indent + m.structureName() + " (" + m.specSection() + ") for " + ioctl.constantName());
        new FieldLister(lines::add, ioctl.wide()).list((Record) m, indent.length() / 2 + 1);
        return ByteDiff.describe(original, m.toBytes());
    }

    /** MS-RPCE 2.2.6 headers around a bare object, padded to 8 as {@link EscMessage#toBytes} writes it. */
    private static byte[] withRpceHeaders(byte[] object) {
        int padded = (object.length + 7) & ~7;
        return ByteBuffer.allocate(16 + padded).order(ByteOrder.LITTLE_ENDIAN).put(COMMON_TYPE_HEADER)
                .putInt(padded).putInt(0).put(object).array();
    }

    private static String describe(Direction d) {
        return d == Direction.SERVER_TO_CLIENT ? "server->client" : "client->server";
    }
}
