package dev.scbridge.ca;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A CA directory ({@link CaStore}) could not be read or written. The message names the file and says what is wrong
 * with it in one line; {@link #reason()} says what kind of trouble it is, for callers that react differently to a
 * wrong passphrase than to a damaged file.
 */
public final class CaStoreException extends Exception {
    private static final long serialVersionUID = 1L;

    /** What went wrong. */
    public enum Reason {
        /** The key file decrypts with neither this passphrase nor any other: wrong passphrase or altered file. */
        WRONG_PASSPHRASE,
        /** A file is there but is not what the CA wrote (truncated, edited, another tool's format). */
        CORRUPT,
        /** A file the CA needs is missing: the directory is not a CA, or not a complete one. */
        MISSING,
        /** {@code init} found a CA (or other files) where it would write one; nothing is overwritten. */
        EXISTS,
        /** The operating system refused a read or write (permissions, disk full). */
        IO
    }

    private final Reason reason;
    private final transient Path file;

    CaStoreException(Reason reason, Path file, String message, Throwable cause) {
        super(file + ": " + message, cause);
        this.reason = Objects.requireNonNull(reason, "reason");
        this.file = file;
    }

    public Reason reason() {
        return reason;
    }

    /** The file (or directory) the message is about. */
    public Path file() {
        return file;
    }
}
