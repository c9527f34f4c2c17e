package dev.scbridge.pcsc.piv;

/** The card said 9000 but its response body was not what SP 800-73-4 (or the YubiKey docs) describe. */
public final class BadResponseException extends PivException {
    private static final long serialVersionUID = 1L;

    public BadResponseException(String message) {
        super(message, null);
    }

    public BadResponseException(String message, Throwable cause) {
        super(message, cause);
    }
}
