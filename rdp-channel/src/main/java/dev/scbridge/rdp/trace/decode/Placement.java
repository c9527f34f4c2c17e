package dev.scbridge.rdp.trace.decode;

import dev.scbridge.rdp.efs.Component;
import dev.scbridge.rdp.efs.Direction;
import dev.scbridge.rdp.esc.Ioctl;
import dev.scbridge.rdp.trace.VectorBlock;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a vector block's bytes are, judged from its {@code # name:} and {@code # direction:} lines
 * (shared/vectors/README.md "Block format"):
 * <ul>
 * <li>first word {@code <Ioctl>_Call} / {@code <Ioctl>_Return} (MS-RDPESC name, any case): that IOCTL's
 * type-serialized NDR body, unless the name says {@code DR_CONTROL_REQ body} (then the 32-byte DR_CONTROL_REQ
 * fields after DR_DEVICE_IOREQUEST, then the InputBuffer, as xrdp dumped them) or {@code without RPCE headers}
 * (then the bare NDR object);</li>
 * <li>a {@code host->card}/{@code card->host} direction: an APDU, not ours;</li>
 * <li>otherwise a whole RDPDR PDU sent in the block's direction; with no direction, only bytes that start with a
 * known RDPDR Component are taken as a PDU (tried as sent by the server, then by the client).</li>
 * </ul>
 * Bare-hex files (blocks without a source) are PDUs line by line, whatever their first bytes.
 */
public sealed interface Placement {
    /** A {@code *_Call} or {@code *_Return} NDR body; {@code bare} if it lacks the MS-RPCE 2.2.6 headers. */
    record EscBody(Ioctl ioctl, boolean call, boolean bare) implements Placement {
    }

    /** DR_CONTROL_REQ from OutputBufferLength on (MS-RDPEFS 2.2.1.4.5 without its DR_DEVICE_IOREQUEST). */
    record ControlRequestBody() implements Placement {
    }

    /** A whole RDPDR PDU; an empty direction means "try server, then client". */
    record Pdu(Optional<Direction> direction) implements Placement {
    }

    /** Not something this decoder can place. */
    record Skip(String reason) implements Placement {
    }

    Pattern STRUCTURE = Pattern.compile("^([A-Za-z]+)_(Call|Return)\\b", Pattern.CASE_INSENSITIVE);

    /**
     * MS-RDPESC structure names that are not IOCTL names, each mapped to one IOCTL that carries it (every IOCTL
     * sharing a structure decodes it the same way, so the choice does not change the result).
     */
    Map<String, Ioctl> STRUCTURE_ALIASES = Map.of(
            "context", Ioctl.RELEASE_CONTEXT,
            "long", Ioctl.RELEASE_CONTEXT,
            "hcardanddisposition", Ioctl.DISCONNECT,
            "contextandstringa", Ioctl.INTRODUCE_READER_GROUP_A,
            "contextandstringw", Ioctl.INTRODUCE_READER_GROUP_W,
            "contextandtwostringa", Ioctl.INTRODUCE_READER_A,
            "contextandtwostringw", Ioctl.INTRODUCE_READER_W);

    static Placement of(VectorBlock block) {
        if (block.hex().isEmpty()) {
            return new Skip("no hex: line");
        }
        String name = block.name().strip();
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.contains("dr_control_req body")) {
            return new ControlRequestBody();
        }
        Matcher m = STRUCTURE.matcher(name);
        if (m.find()) {
            String prefix = m.group(1).toLowerCase(Locale.ROOT);
            Optional<Ioctl> ioctl = Ioctl.fromName(prefix).or(() -> Optional.ofNullable(STRUCTURE_ALIASES.get(prefix)));
            if (ioctl.isPresent()) {
                return new EscBody(ioctl.get(), m.group(2).equalsIgnoreCase("Call"),
                        lower.contains("without rpce header"));
            }
        }
        Optional<String> direction = block.direction().map(d -> d.replace(" ", "").toLowerCase(Locale.ROOT));
        if (direction.isPresent()) {
            return switch (direction.get()) {
                case "server->client" -> new Pdu(Optional.of(Direction.SERVER_TO_CLIENT));
                case "client->server" -> new Pdu(Optional.of(Direction.CLIENT_TO_SERVER));
                case "host->card", "card->host" -> new Skip("APDU (" + direction.get() + "), not RDP");
                default -> new Skip("unknown direction '" + block.direction().get() + "'");
            };
        }
        if (block.source().isEmpty() || startsWithComponent(block.bytes())) {
            return new Pdu(Optional.empty());
        }
        return new Skip("name names no MS-RDPESC structure and the bytes do not start with an RDPDR Component");
    }

    private static boolean startsWithComponent(byte[] b) {
        if (b.length < 2) {
            return false;
        }
        int code = (b[0] & 0xFF) | (b[1] & 0xFF) << 8;
        for (Component c : Component.values()) {
            if (c.code() == code) {
                return true;
            }
        }
        return false;
    }
}
