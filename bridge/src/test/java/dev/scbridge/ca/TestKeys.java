package dev.scbridge.ca;

import java.security.KeyPair;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/** Keys and clocks shared by the CA tests: key generation is the slow part, so each key is made once. */
final class TestKeys {
    static final SecureRandom RANDOM = new SecureRandom();
    /** Fractional seconds on purpose: certificates hold whole seconds. */
    static final Instant NOW = Instant.parse("2025-03-01T12:00:00.789Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    static final KeyPair USER_RSA = CaKeyType.RSA_2048.generate(RANDOM);
    static final KeyPair USER_P256 = CaKeyType.P256.generate(RANDOM);

    private TestKeys() {
    }
}
