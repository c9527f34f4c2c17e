package dev.scbridge.pcsc.piv;

/**
 * A PIV operation the card refused or answered with something unusable. Subclasses say which by meaning: a status
 * word (SP 800-73-4 Part 2, 3 and Table 6; the YubiKey PIV extensions) or a malformed body with 9000.
 * Transport failures stay {@link java.io.IOException}s.
 */
public abstract sealed class PivException extends Exception permits StatusWordException, BadResponseException {
    private static final long serialVersionUID = 1L;

    PivException(String message, Throwable cause) {
        super(message, cause);
    }
}
