package dev.scbridge.card;

import java.security.MessageDigest;
import java.util.Arrays;

/**
 * Secret bytes (a PIN, PUK or management key): never printed, compared in constant time, wiped on request.
 * Access to the bytes is package-private: secrets do not leave the card package.
 */
public final class Secret {
    private final byte[] bytes;

    private Secret(byte[] bytes) {
        this.bytes = bytes;
    }

    /** Copies {@code bytes}; the caller may wipe its own copy afterwards. */
    public static Secret of(byte[] bytes) {
        return new Secret(bytes.clone());
    }

    byte[] bytes() {
        return bytes.clone();
    }

    public int length() {
        return bytes.length;
    }

    /** Constant-time comparison (MessageDigest.isEqual does not exit early on the first difference). */
    public boolean matches(byte[] candidate) {
        return MessageDigest.isEqual(bytes, candidate);
    }

    public boolean sameAs(Secret other) {
        return MessageDigest.isEqual(bytes, other.bytes);
    }

    /** Overwrites the bytes with zeros; the secret is unusable afterwards. */
    public void wipe() {
        Arrays.fill(bytes, (byte) 0);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Secret s && sameAs(s);
    }

    @Override
    public int hashCode() {
        return 0; // no information about the value leaks through hashing
    }

    @Override
    public String toString() {
        return "Secret[redacted]";
    }
}
