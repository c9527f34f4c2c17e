package dev.scbridge.cli;

import dev.scbridge.apdu.ApduTransport;

/**
 * Where the {@code piv} commands get a card: a reader chosen by name (yubico-piv-tool {@code -r}: a
 * case-insensitive part of the name), opened as an {@link ApduTransport}. The PC/SC model is one implementation
 * ({@link PivPcscOpener}); tests use an in-process card.
 */
@FunctionalInterface
interface PivCardOpener {
    /**
     * Opens the card in the reader whose name contains {@code readerName} (any reader with a card when null).
     *
     * @throws CliFailure no such reader, no card, or the reader could not be opened (exit 1)
     */
    OpenCard open(String readerName) throws CliFailure;

    /** A connected card; closing it disconnects (leaving the card powered). */
    interface OpenCard extends AutoCloseable {
        String readerName();

        ApduTransport transport();

        @Override
        void close();
    }

    /** An open card with nothing to release. */
    static OpenCard of(String readerName, ApduTransport transport) {
        return new OpenCard() {
            @Override
            public String readerName() {
                return readerName;
            }

            @Override
            public ApduTransport transport() {
                return transport;
            }

            @Override
            public void close() {
            }
        };
    }
}
