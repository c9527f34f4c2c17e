package dev.scbridge.rdp.trace;

import java.util.List;
import java.util.Optional;

/**
 * One block of a vector file ({@code shared/vectors/README.md}, "Block format"):
 * {@code # name:}, {@code # source:}, optional {@code # direction:}, {@code # note:} lines, {@code fields:}
 * lines and at most one {@code hex:} line whose size matched {@code # length:}.
 *
 * @param source     the block's {@code # source:} text (empty for bare hex files)
 * @param lineNumber 1-based line of the block's first line in its file
 */
public record VectorBlock(String name, String source, Optional<String> direction, List<String> notes,
        List<String> fields, Optional<byte[]> hex, int lineNumber) {

    public VectorBlock {
        notes = List.copyOf(notes);
        fields = List.copyOf(fields);
        hex = hex.map(byte[]::clone);
    }

    @Override
    public Optional<byte[]> hex() {
        return hex.map(byte[]::clone);
    }

    /** The hex bytes, or a {@link VectorFormatException} naming the block if it has none. */
    public byte[] bytes() {
        return hex().orElseThrow(() -> new VectorFormatException(name, lineNumber, "block has no hex: line"));
    }

    /** The {@code fields:} lines parsed as {@code key=value} facts. */
    public Fields parsedFields() {
        return FieldParser.parse(fields);
    }

    @Override
    public String toString() {
        return "VectorBlock[" + name + " @" + lineNumber + (hex.isPresent() ? ", " + hex.get().length + " bytes" : "")
                + "]";
    }
}
