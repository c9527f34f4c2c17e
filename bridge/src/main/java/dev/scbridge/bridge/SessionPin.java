package dev.scbridge.bridge;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * A session's card PIN: random digits the gateway hands to Windows in the Client Info PDU (flags
 * PASSWORD_IS_SC_PIN | AUTOLOGON) and Windows sends back in VERIFY. Never printed; {@link #reveal()} is the one way
 * to read it, and {@link #wipe()} clears it when the session ends.
 *
 * <p>Eight digits, the most a PIV PIN holds (SP 800-73-4 Part 2, VERIFY: 6..8 bytes, digits 0x30..0x39), give
 * 10^8 values against the card's retry counter; the recorded Windows logon VERIFYs exactly such a PIN.
 */
public final class SessionPin {
    /** SP 800-73-4 Part 2: the PIN reference data is at most 8 bytes. */
    public static final int MAX_LENGTH = 8;
    /** SP 800-73-4 Part 2: at least 6 digits. */
    public static final int MIN_LENGTH = 6;
    /** The VERIFY data field is always 8 bytes, padded with FF. */
    private static final byte PAD = (byte) 0xFF;

    private final byte[] digits;
    private volatile boolean wiped;

    private SessionPin(byte[] digits) {
        this.digits = digits;
    }

    /** Eight uniformly random decimal digits. */
    public static SessionPin random(SecureRandom random) {
        byte[] d = new byte[MAX_LENGTH];
        for (int i = 0; i < d.length; i++) {
            d[i] = (byte) ('0' + random.nextInt(10));
        }
        return new SessionPin(d);
    }

    /** A PIN of 6..8 ASCII digits (tests, fixed PINs for lab cards). */
    public static SessionPin of(String digits) {
        if (digits == null || digits.length() < MIN_LENGTH || digits.length() > MAX_LENGTH
                || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException("a PIN is " + MIN_LENGTH + " to " + MAX_LENGTH + " digits");
        }
        return new SessionPin(digits.getBytes(StandardCharsets.US_ASCII));
    }

    public int length() {
        return digits.length;
    }

    /** The digits, for the card and the Client Info PDU only. Throws after {@link #wipe()}. */
    public String reveal() {
        checkNotWiped();
        return new String(digits, StandardCharsets.US_ASCII);
    }

    /** The 8-byte VERIFY data field: the ASCII digits, padded with FF (SP 800-73-4 Part 2, VERIFY). */
    public byte[] verifyData() {
        checkNotWiped();
        byte[] out = Arrays.copyOf(digits, MAX_LENGTH);
        Arrays.fill(out, digits.length, MAX_LENGTH, PAD);
        return out;
    }

    /** Overwrites the digits; later reads throw IllegalStateException. */
    public void wipe() {
        wiped = true;
        Arrays.fill(digits, (byte) 0);
    }

    private void checkNotWiped() {
        if (wiped) {
            throw new IllegalStateException("the session PIN was wiped");
        }
    }

    @Override
    public String toString() {
        return "SessionPin[" + digits.length + " digits, redacted]";
    }
}
