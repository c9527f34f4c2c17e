package dev.scbridge.card;

/** Internal: ends a command with a status word. Never leaves the card (PivCard turns it into a response). */
final class SwException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int sw;

    SwException(int sw) {
        super(null, null, false, false);
        this.sw = sw;
    }

    int sw() {
        return sw;
    }

    @Override
    public String getMessage() {
        return dev.scbridge.apdu.StatusWord.describe(sw);
    }
}
