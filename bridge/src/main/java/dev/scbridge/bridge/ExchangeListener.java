package dev.scbridge.bridge;

/** Receives a played exchange as it happens: each APDU, and notes on what the host learned from the answers. */
public interface ExchangeListener {
    /** Ignores everything (benchmarks). */
    ExchangeListener NONE = new ExchangeListener() {
        @Override
        public void apdu(ExchangeStep step) {
        }
    };

    void apdu(ExchangeStep step);

    /** A fact established from the answers, e.g. the certificate's subject. Never a secret. */
    default void note(String text) {
    }
}
