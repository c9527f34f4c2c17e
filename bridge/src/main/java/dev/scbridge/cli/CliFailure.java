package dev.scbridge.cli;

/** An anticipated runtime failure (card, CA, I/O): its message is the whole story, printed as one line, exit 1. */
final class CliFailure extends Exception {
    private static final long serialVersionUID = 1L;

    CliFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
