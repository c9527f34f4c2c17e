package dev.scbridge.card;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A PIN or PUK with its retry counter, SP 800-73-4 Part 2 3.2.1 VERIFY / 3.2.2 CHANGE REFERENCE DATA.
 * Values are kept as the 8-byte reference data: 6-8 characters padded with FF. Comparisons are constant-time.
 */
final class ReferenceData {
    /** PIN and PUK reference data are 8 bytes on the wire (SP 800-73-4 Part 2 3.2.1). */
    static final int LENGTH = 8;
    static final int MIN_CHARS = 6;
    /** YubiKey limits: 1-255 tries (Yubico .NET SDK set-pin-retries). */
    static final int MAX_RETRIES = 255;

    private final Kind kind;
    private Secret value;
    private int retriesTotal;
    private int retriesLeft;
    private boolean isDefault;

    enum Kind {
        /** PIN: 6-8 ASCII digits (SP 800-73-4 Part 2 3.2.1; OpenSC refuses anything else). */
        PIN,
        /** PUK: 6-8 bytes, any value but FF (YubiKey accepts this range; SP 800-73-4 allows any 8 bytes). */
        PUK
    }

    ReferenceData(Kind kind, byte[] padded, int retries, boolean isDefault) {
        if (!isWellFormed(kind, padded)) {
            throw new IllegalArgumentException(kind + " must be 6-8 " + (kind == Kind.PIN ? "digits" : "bytes"));
        }
        if (retries < 1 || retries > MAX_RETRIES) {
            throw new IllegalArgumentException("retries " + retries + " out of range 1.." + MAX_RETRIES);
        }
        this.kind = kind;
        this.value = Secret.of(padded);
        this.retriesTotal = retries;
        this.retriesLeft = retries;
        this.isDefault = isDefault;
    }

    /** Reference data from a text value (e.g. "123456"), padded with FF. */
    static byte[] pad(String text) {
        byte[] raw = text.getBytes(StandardCharsets.US_ASCII);
        if (raw.length > LENGTH) {
            throw new IllegalArgumentException("more than " + LENGTH + " characters");
        }
        byte[] out = Arrays.copyOf(raw, LENGTH);
        Arrays.fill(out, raw.length, LENGTH, (byte) 0xFF);
        Arrays.fill(raw, (byte) 0);
        return out;
    }

    /** 6-8 meaningful bytes, then only FF padding; PIN characters must be digits. */
    static boolean isWellFormed(Kind kind, byte[] padded) {
        if (padded.length != LENGTH) {
            return false;
        }
        int n = 0;
        while (n < LENGTH && padded[n] != (byte) 0xFF) {
            n++;
        }
        for (int i = n; i < LENGTH; i++) {
            if (padded[i] != (byte) 0xFF) {
                return false;
            }
        }
        if (n < MIN_CHARS) {
            return false;
        }
        if (kind == Kind.PIN) {
            for (int i = 0; i < n; i++) {
                if (padded[i] < '0' || padded[i] > '9') {
                    return false;
                }
            }
        }
        return true;
    }

    Kind kind() {
        return kind;
    }

    boolean isBlocked() {
        return retriesLeft == 0;
    }

    int retriesLeft() {
        return retriesLeft;
    }

    int retriesTotal() {
        return retriesTotal;
    }

    boolean isDefault() {
        return isDefault;
    }

    /**
     * Checks {@code candidate}: a match restores the counter, a mismatch (any 8 bytes, well-formed or not, as
     * ykman's reset relies on) costs one try. Callers check {@link #isBlocked()} first.
     */
    boolean check(byte[] candidate) {
        boolean ok = value.matches(candidate);
        if (ok) {
            retriesLeft = retriesTotal;
        } else if (retriesLeft > 0) {
            retriesLeft--;
        }
        return ok;
    }

    void change(byte[] padded, boolean nowDefault) {
        if (!isWellFormed(kind, padded)) {
            throw new IllegalArgumentException("malformed " + kind);
        }
        value.wipe();
        value = Secret.of(padded);
        retriesLeft = retriesTotal;
        isDefault = nowDefault;
    }

    /** SET PIN RETRIES: a new counter (the value itself is reset by the caller). */
    void setRetries(int retries) {
        if (retries < 1 || retries > MAX_RETRIES) {
            throw new IllegalArgumentException("retries out of range");
        }
        retriesTotal = retries;
        retriesLeft = retries;
    }

    /** For the state file only. */
    byte[] valueForStorage() {
        return value.bytes();
    }

    void restoreCounters(int total, int left) {
        if (total < 1 || total > MAX_RETRIES || left < 0 || left > total) {
            throw new IllegalArgumentException("bad retry counters " + left + "/" + total);
        }
        retriesTotal = total;
        retriesLeft = left;
    }

    void wipe() {
        value.wipe();
    }

    @Override
    public String toString() {
        return kind + "[redacted, " + retriesLeft + "/" + retriesTotal + " tries]";
    }
}
