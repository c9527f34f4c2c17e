package dev.scbridge.bridge;

/**
 * The card did not do what Windows' logon needs: a status word, a malformed answer, a certificate Windows would not
 * offer, a signature that does not verify, a chain that does not reach the CA. The message is one line meant for a
 * person, naming the step.
 */
public final class LogonFailedException extends Exception {
    private static final long serialVersionUID = 1L;

    public LogonFailedException(String message) {
        super(message);
    }

    public LogonFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
