package dev.scbridge.apdu;

/**
 * Bad bytes from the wire: names the field that was wrong, why, and the byte offset where it was found.
 * Every reader of wire data throws this and nothing else (never an IndexOutOfBoundsException).
 */
public final class DecodeException extends Exception {
    private static final long serialVersionUID = 1L;

    private final String field;
    private final String reason;
    private final int offset;

    public DecodeException(String field, String reason, int offset) {
        super(field + ": " + reason + " (at offset " + offset + ")");
        this.field = field;
        this.reason = reason;
        this.offset = offset;
    }

    /** The wire field that could not be decoded, e.g. {@code "Lc"} or {@code "tag"}. */
    public String field() {
        return field;
    }

    /** Why, with actual and expected values where they help. */
    public String reason() {
        return reason;
    }

    /** Byte offset of the bad field in the input that was given to the decoder. */
    public int offset() {
        return offset;
    }
}
