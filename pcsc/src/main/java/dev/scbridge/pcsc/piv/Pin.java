package dev.scbridge.pcsc.piv;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import javax.security.auth.Destroyable;

/**
 * A PIN or PUK, SP 800-73-4 Part 2, 2.4.3 (reference data up to 8 bytes, padded with FF). The value is held as
 * UTF-8 bytes (a YubiKey accepts any ASCII PIN; NIST PINs are digits), never printed, and wiped by
 * {@link #destroy()}. The card enforces its own length and character rules; this type only refuses what cannot be
 * encoded (empty, or over 8 bytes).
 */
public final class Pin implements Destroyable {
    /** VERIFY data is always 8 bytes (SP 800-73-4 Part 2, 3.2.1). */
    public static final int ENCODED_LENGTH = 8;
    private static final byte PAD = (byte) 0xFF;

    private final byte[] value;
    private boolean destroyed;

    private Pin(byte[] value) {
        if (value.length == 0 || value.length > ENCODED_LENGTH) {
            Arrays.fill(value, (byte) 0);
            throw new IllegalArgumentException("a PIN or PUK is 1 to 8 bytes (got " + value.length + ")");
        }
        this.value = value;
    }

    /** A PIN from characters (the caller may wipe {@code chars} afterwards). */
    public static Pin of(char[] chars) {
        ByteBuffer b = StandardCharsets.UTF_8.encode(CharBuffer.wrap(chars));
        byte[] bytes = new byte[b.remaining()];
        b.get(bytes);
        if (b.hasArray()) {
            Arrays.fill(b.array(), (byte) 0);
        }
        return new Pin(bytes);
    }

    /** A PIN from a string: for defaults and tests; strings cannot be wiped. */
    public static Pin of(String text) {
        return new Pin(text.getBytes(StandardCharsets.UTF_8));
    }

    /** The YubiKey factory PIN 123456 (facts/piv.md 8; Yubico PIN/PUK/management key defaults). */
    public static Pin defaultPin() {
        return of("123456");
    }

    /** The YubiKey factory PUK 12345678. */
    public static Pin defaultPuk() {
        return of("12345678");
    }

    /** The 8 bytes VERIFY sends: the value padded with FF. The caller wipes the returned array. */
    byte[] padded() {
        if (destroyed) {
            throw new IllegalStateException("PIN was destroyed");
        }
        byte[] out = new byte[ENCODED_LENGTH];
        Arrays.fill(out, PAD);
        System.arraycopy(value, 0, out, 0, value.length);
        return out;
    }

    public int length() {
        return value.length;
    }

    @Override
    public void destroy() {
        Arrays.fill(value, (byte) 0);
        destroyed = true;
    }

    @Override
    public boolean isDestroyed() {
        return destroyed;
    }

    @Override
    public String toString() {
        return "Pin[redacted]";
    }
}
