package dev.scbridge.rdp.trace;

/** A vector file that does not follow the block format of {@code shared/vectors/README.md}; names file and line. */
public final class VectorFormatException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String source;
    private final int lineNumber;

    public VectorFormatException(String source, int lineNumber, String reason) {
        super(source + ":" + lineNumber + ": " + reason);
        this.source = source;
        this.lineNumber = lineNumber;
    }

    public String source() {
        return source;
    }

    /** 1-based line of the offending text. */
    public int lineNumber() {
        return lineNumber;
    }
}
