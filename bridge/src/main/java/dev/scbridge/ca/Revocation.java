package dev.scbridge.ca;

import java.math.BigInteger;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Objects;

/**
 * One revoked certificate as a CRL lists it (RFC 5280 5.1.2.6): its serial number and when it was revoked. No
 * reason code: "unspecified" is to be left out (RFC 5280 5.3.1), and a session certificate has no other.
 *
 * @param serial    the certificate's serial number: positive, at most {@value #MAX_SERIAL_BYTES} octets
 * @param revokedAt when it was revoked, in whole seconds (as the CRL encodes it)
 */
public record Revocation(BigInteger serial, Instant revokedAt) {
    /** RFC 5280 4.1.2.2: "Conforming CAs MUST NOT use serialNumber values longer than 20 octets." */
    public static final int MAX_SERIAL_BYTES = 20;

    public Revocation {
        checkSerial(serial);
        Objects.requireNonNull(revokedAt, "revokedAt");
        revokedAt = revokedAt.truncatedTo(ChronoUnit.SECONDS);
    }

    /** The serial in upper-case hex, as {@code openssl x509 -serial} prints it. */
    public String serialHex() {
        return hex(serial);
    }

    static String hex(BigInteger serial) {
        String h = serial.toString(16).toUpperCase(Locale.ROOT);
        return h.length() % 2 == 0 ? h : "0" + h;
    }

    /**
     * Reads a serial as admins copy it: hex digits, optionally with {@code 0x} in front and {@code :} or spaces
     * between bytes ({@code openssl x509 -serial}, {@code -text}, {@code certutil} all print hex).
     *
     * @throws IllegalArgumentException not hex, zero, or longer than 20 octets
     */
    public static BigInteger parseSerial(String text) {
        Objects.requireNonNull(text, "serial");
        String t = text.strip();
        if (t.startsWith("0x") || t.startsWith("0X")) {
            t = t.substring(2);
        }
        StringBuilder digits = new StringBuilder();
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (c == ':' || c == ' ') {
                continue;
            }
            if (Character.digit(c, 16) < 0 || c > 0x7F) {
                throw new IllegalArgumentException("serial is not hex: " + IdentityRules.describe(c) + " at index " + i);
            }
            digits.append(c);
        }
        if (digits.length() == 0) {
            throw new IllegalArgumentException("serial is empty (expected hex, e.g. 4F1A...)");
        }
        if (digits.length() > 2 * MAX_SERIAL_BYTES + 2) {
            throw new IllegalArgumentException("serial has " + digits.length() + " hex digits (at most "
                    + 2 * MAX_SERIAL_BYTES + ")");
        }
        BigInteger serial = new BigInteger(digits.toString(), 16);
        checkSerial(serial);
        return serial;
    }

    private static void checkSerial(BigInteger serial) {
        Objects.requireNonNull(serial, "serial");
        if (serial.signum() <= 0) {
            throw new IllegalArgumentException("serial must be positive (RFC 5280 4.1.2.2)");
        }
        // The DER INTEGER of a positive number may need a leading zero octet; RFC 5280 counts the encoded octets.
        int octets = serial.bitLength() / 8 + 1;
        if (octets > MAX_SERIAL_BYTES) {
            throw new IllegalArgumentException("serial is " + octets + " octets encoded (at most "
                    + MAX_SERIAL_BYTES + ", RFC 5280 4.1.2.2)");
        }
    }
}
