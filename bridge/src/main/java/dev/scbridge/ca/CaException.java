package dev.scbridge.ca;

/**
 * The CA could not sign: the signer failed (a key store, token or remote signer refused or is unreachable) or
 * produced something that does not encode. Bad input is never this: that is an {@link IllegalArgumentException}.
 */
public final class CaException extends Exception {
    private static final long serialVersionUID = 1L;

    public CaException(String message, Throwable cause) {
        super(message, cause);
    }
}
