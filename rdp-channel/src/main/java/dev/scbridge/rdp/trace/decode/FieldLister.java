package dev.scbridge.rdp.trace.decode;

import dev.scbridge.apdu.DecodeException;
import dev.scbridge.apdu.Hex;
import dev.scbridge.pcsc.Scard;
import dev.scbridge.pcsc.ScardError;
import dev.scbridge.rdp.efs.MajorFunction;
import dev.scbridge.rdp.efs.NtStatus;
import dev.scbridge.rdp.esc.Ioctl;
import dev.scbridge.rdp.esc.Msz;
import dev.scbridge.rdp.esc.ReaderStateCommon;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Consumer;

/**
 * Lists a decoded record field by field, one {@code name = value} line each, by walking its
 * {@link RecordComponent}s: nested records and lists recurse with deeper indentation, {@code byte[]} prints as
 * hex (wrapped), {@code int} as decimal and hex, strings quoted. Some field names get a symbolic value as well:
 * {@code returnCode} by SCARD_* name, {@code ioStatus}/{@code resultCode} by NTSTATUS name, reader states of a
 * {@link ReaderStateCommon} by SCARD_STATE_* names, {@code ioControlCode} by IOCTL name, and multi-strings
 * ({@code msz*}) as their list of strings.
 */
public final class FieldLister {
    /** Hex bytes per output line; 32 keeps a line under 110 characters at the deepest indentation used. */
    static final int HEX_BYTES_PER_LINE = 32;
    private static final String INDENT = "  ";

    private final Consumer<String> out;
    private final boolean wide;

    /**
     * @param out  receives each line
     * @param wide whether multi-strings without their own {@code wide} flag are UTF-16LE (the W IOCTLs)
     */
    public FieldLister(Consumer<String> out, boolean wide) {
        this.out = out;
        this.wide = wide;
    }

    /** Lists every component of {@code record} at {@code depth} levels of indentation. */
    public void list(Record record, int depth) {
        for (RecordComponent c : record.getClass().getRecordComponents()) {
            field(record, c.getName(), read(record, c), depth);
        }
    }

    private static Object read(Record record, RecordComponent c) {
        try {
            c.getAccessor().setAccessible(true);
            return c.getAccessor().invoke(record);
        } catch (IllegalAccessException | InvocationTargetException | RuntimeException e) {
            return "<unreadable: " + e + ">";
        }
    }

    private void field(Record owner, String name, Object value, int depth) {
        String pad = INDENT.repeat(depth);
        if (value instanceof Optional<?> o) {
            if (o.isEmpty()) {
                out.accept(pad + name + " = (absent)");
                return;
            }
            value = o.get();
        }
        if (value instanceof OptionalInt o) {
            out.accept(pad + name + " = " + (o.isPresent() ? intValue(owner, name, o.getAsInt()) : "(absent)"));
        } else if (value instanceof Record r) {
            out.accept(pad + name + ":");
            list(r, depth + 1);
        } else if (value instanceof List<?> list) {
            out.accept(pad + name + " = " + list.size() + (list.size() == 1 ? " item" : " items"));
            for (int i = 0; i < list.size(); i++) {
                field(owner, name + "[" + i + "]", list.get(i), depth + 1);
            }
        } else if (value instanceof byte[] bytes) {
            bytes(owner, name, bytes, pad);
        } else if (value instanceof Integer i) {
            out.accept(pad + name + " = " + intValue(owner, name, i));
        } else if (value instanceof Long l) {
            out.accept(pad + name + " = " + l + String.format(" (0x%X)", l));
        } else if (value instanceof String s) {
            out.accept(pad + name + " = " + quote(s));
        } else if (value instanceof Enum<?> e) {
            out.accept(pad + name + " = " + e.name());
        } else {
            out.accept(pad + name + " = " + value);
        }
    }

    private static String intValue(Record owner, String name, int v) {
        String hex = String.format("0x%08X", v);
        String symbol = switch (name) {
            case "returnCode" -> ScardError.fromCode(v).map(ScardError::scardName).orElse(null);
            case "ioStatus", "resultCode" -> NtStatus.name(v).startsWith("0x") ? null : NtStatus.name(v);
            case "ioControlCode" -> Ioctl.fromCode(v).map(Ioctl::constantName).orElse(null);
            case "majorFunction" -> MajorFunction.fromCode(v).map(Enum::name).orElse(null);
            case "currentState", "eventState" ->
                    owner instanceof ReaderStateCommon ? Scard.describeReaderState(v) : null;
            default -> null;
        };
        if (symbol != null) {
            return symbol + " (" + hex + ")";
        }
        return Integer.toUnsignedString(v) + " (" + hex + ")";
    }

    private void bytes(Record owner, String name, byte[] bytes, String pad) {
        if (bytes.length == 0) {
            out.accept(pad + name + " = (0 bytes)");
            return;
        }
        if (bytes.length <= HEX_BYTES_PER_LINE) {
            out.accept(pad + name + " = " + Hex.spaced(bytes) + " (" + bytes.length + " bytes)");
        } else {
            out.accept(pad + name + " = (" + bytes.length + " bytes)");
            for (int at = 0; at < bytes.length; at += HEX_BYTES_PER_LINE) {
                byte[] line = Arrays.copyOfRange(bytes, at, Math.min(bytes.length, at + HEX_BYTES_PER_LINE));
                out.accept(pad + INDENT + String.format("%04X: ", at) + Hex.spaced(line));
            }
        }
        if (name.startsWith("msz")) {
            multiString(owner, name, bytes, pad);
        }
    }

    private void multiString(Record owner, String name, byte[] bytes, String pad) {
        boolean w = ownWideFlag(owner).orElse(wide);
        try {
            List<String> names = Msz.decode(name, bytes, w);
            out.accept(pad + INDENT + "as " + (w ? "UTF-16LE" : "8-bit") + " multi-string: "
                    + String.join(", ", names.stream().map(FieldLister::quote).toList()));
        } catch (DecodeException | RuntimeException e) {
            out.accept(pad + INDENT + "(not a " + (w ? "UTF-16LE" : "8-bit") + " multi-string)");
        }
    }

    private static Optional<Boolean> ownWideFlag(Record owner) {
        for (RecordComponent c : owner.getClass().getRecordComponents()) {
            if (c.getName().equals("wide") && read(owner, c) instanceof Boolean b) {
                return Optional.of(b);
            }
        }
        return Optional.empty();
    }

    /** A string in double quotes with control characters and quotes escaped. */
    public static String quote(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char ch : s.toCharArray()) {
            if (ch == '"' || ch == '\\') {
                b.append('\\').append(ch);
            } else if (ch < 0x20 || ch == 0x7F) {
                b.append(String.format("\\u%04X", (int) ch));
            } else {
                b.append(ch);
            }
        }
        return b.append('"').toString();
    }
}
