package dev.scbridge.ca;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The CA's revocation state on disk: the next CRL number and the revoked serials. A line-oriented text file an
 * admin can read (and diff), parsed strictly: anything unexpected is an error naming the line.
 *
 * <pre>
 * scbridge-ca-revocations 1
 * next-crl-number 4
 * revoked 4F1A...C3 2026-11-23T23:15:00Z
 * </pre>
 */
final class RevocationState {
    static final String HEADER = "scbridge-ca-revocations 1";
    /**
     * Session certificates live minutes, so revocations are rare; a CRL this long (about 2 MB) means something else
     * is wrong, and every relying party would download it.
     */
    static final int MAX_REVOCATIONS = 50_000;
    /** Header, number, and the longest entries with room to spare. */
    static final int MAX_FILE_BYTES = 128 + MAX_REVOCATIONS * 80;
    /** RFC 5280 5.2.3: CRL numbers up to 20 octets. */
    private static final BigInteger MAX_CRL_NUMBER = BigInteger.ONE.shiftLeft(159).subtract(BigInteger.ONE);

    private final BigInteger nextCrlNumber;
    private final Map<BigInteger, Revocation> revoked;

    private RevocationState(BigInteger nextCrlNumber, Map<BigInteger, Revocation> revoked) {
        this.nextCrlNumber = nextCrlNumber;
        this.revoked = revoked;
    }

    /** A new CA's state: no revocations; the first CRL is number 1. */
    static RevocationState empty() {
        return new RevocationState(BigInteger.ONE, new LinkedHashMap<>());
    }

    BigInteger nextCrlNumber() {
        return nextCrlNumber;
    }

    List<Revocation> revoked() {
        return Collections.unmodifiableList(new ArrayList<>(revoked.values()));
    }

    Revocation find(BigInteger serial) {
        return revoked.get(serial);
    }

    /** This state with the next CRL number taken. */
    RevocationState withCrlNumberUsed() {
        if (nextCrlNumber.compareTo(MAX_CRL_NUMBER) >= 0) {
            throw new IllegalStateException("CRL numbers exhausted (RFC 5280 5.2.3 allows 20 octets)");
        }
        return new RevocationState(nextCrlNumber.add(BigInteger.ONE), revoked);
    }

    /** This state with {@code r} added (the caller checked it is not there yet). */
    RevocationState with(Revocation r) {
        if (revoked.size() >= MAX_REVOCATIONS) {
            throw new IllegalStateException("already " + MAX_REVOCATIONS + " revocations, the most a CA here keeps");
        }
        Map<BigInteger, Revocation> copy = new LinkedHashMap<>(revoked);
        copy.put(r.serial(), r);
        return new RevocationState(nextCrlNumber, copy);
    }

    byte[] format() {
        StringBuilder b = new StringBuilder(HEADER).append('\n');
        b.append("next-crl-number ").append(nextCrlNumber).append('\n');
        for (Revocation r : revoked.values()) {
            b.append("revoked ").append(r.serialHex()).append(' ').append(r.revokedAt()).append('\n');
        }
        return b.toString().getBytes(StandardCharsets.US_ASCII);
    }

    static RevocationState parse(Path file, byte[] bytes) throws CaStoreException {
        String text = new String(bytes, StandardCharsets.US_ASCII);
        String[] lines = text.split("\n", -1);
        if (lines.length < 3 || !lines[lines.length - 1].isEmpty()) {
            throw corrupt(file, 0, "truncated (expected a header, next-crl-number and a final newline)");
        }
        if (!lines[0].equals(HEADER)) {
            throw corrupt(file, 1, "expected '" + HEADER + "'");
        }
        BigInteger number = parseCrlNumber(file, lines[1]);
        Map<BigInteger, Revocation> revoked = new LinkedHashMap<>();
        for (int i = 2; i < lines.length - 1; i++) {
            String[] f = lines[i].split(" ", -1);
            if (f.length != 3 || !f[0].equals("revoked")) {
                throw corrupt(file, i + 1, "expected 'revoked <serial hex> <ISO-8601 instant>'");
            }
            Revocation r;
            try {
                r = new Revocation(Revocation.parseSerial(f[1]), Instant.parse(f[2]));
            } catch (IllegalArgumentException | DateTimeParseException e) {
                throw corrupt(file, i + 1, e.getMessage());
            }
            if (revoked.put(r.serial(), r) != null) {
                throw corrupt(file, i + 1, "serial " + r.serialHex() + " listed twice");
            }
            if (revoked.size() > MAX_REVOCATIONS) {
                throw corrupt(file, i + 1, "more than " + MAX_REVOCATIONS + " revocations");
            }
        }
        return new RevocationState(number, revoked);
    }

    private static BigInteger parseCrlNumber(Path file, String line) throws CaStoreException {
        String prefix = "next-crl-number ";
        if (!line.startsWith(prefix)) {
            throw corrupt(file, 2, "expected 'next-crl-number <n>'");
        }
        String digits = line.substring(prefix.length());
        if (digits.isEmpty() || digits.length() > 49 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw corrupt(file, 2, "CRL number is not a decimal number");
        }
        BigInteger n = new BigInteger(digits);
        if (n.signum() <= 0 || n.compareTo(MAX_CRL_NUMBER) > 0) {
            throw corrupt(file, 2, "CRL number out of range 1..2^159-1");
        }
        return n;
    }

    private static CaStoreException corrupt(Path file, int line, String message) {
        return new CaStoreException(CaStoreException.Reason.CORRUPT, file,
                (line > 0 ? "line " + line + ": " : "") + message, null);
    }
}
