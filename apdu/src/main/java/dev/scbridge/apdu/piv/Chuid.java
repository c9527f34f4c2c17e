package dev.scbridge.apdu.piv;

import dev.scbridge.apdu.DecodeException;
import dev.scbridge.apdu.Hex;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Arrays;

/**
 * Card Holder Unique Identifier (object 5FC102), SP 800-73-4 Part 1 Appendix A, table "Card Holder Unique Identifier"
 * (ContainerID 0x3000).
 *
 * <pre>
 *  EE buffer length (deprecated, O)  2       34 GUID                    16
 *  30 FASC-N                        25       35 expiration date         8   "YYYYMMDD", ASCII digits
 *  32 organizational id (depr., O)   4       36 cardholder UUID (O)     16
 *  33 DUNS (deprecated, O)           9       3E issuer asymmetric sig.  0..2816 (CMS SignedData, may be empty)
 *                                            FE error detection code    0
 * </pre>
 *
 * Windows uses the GUID as the card's cache identifier, so a CHUID must be unique per card and change when the card's
 * contents change (yubico-piv-tool doc/YubiKey_PIV_introduction.adoc).
 *
 * @param cardholderUuid 36, null when absent
 * @param organizationalIdentifier 32, null when absent
 * @param duns 33, null when absent
 * @param bufferLength EE, null when absent
 */
public record Chuid(byte[] fascN, byte[] guid, LocalDate expirationDate, byte[] cardholderUuid, byte[] issuerSignature,
                    byte[] organizationalIdentifier, byte[] duns, byte[] bufferLength) implements PivDataObject {
    /** SP 800-73-4 Part 1 Appendix A, CHUID table "Max. Bytes" column. */
    public static final int FASCN_LENGTH = 25;
    public static final int GUID_LENGTH = 16;
    public static final int EXPIRATION_DATE_LENGTH = 8;
    public static final int UUID_LENGTH = 16;
    public static final int MAX_SIGNATURE_LENGTH = 2816;
    public static final int ORGANIZATIONAL_IDENTIFIER_LENGTH = 4;
    public static final int DUNS_LENGTH = 9;
    public static final int BUFFER_LENGTH_LENGTH = 2;

    private static final String OBJECT = "CHUID";
    /** yubico-piv-tool util.c CHUID_TMPL: a non-government FASC-N (agency 9999) that OpenSC recognises. */
    private static final byte[] YUBICO_FASCN = Hex.decode("D4E739DA739CED39CE739D836858210842108421C84210C3EB");
    /** yubico-piv-tool's fixed expiration date. */
    private static final LocalDate YUBICO_EXPIRATION = LocalDate.of(2030, 1, 1);

    public Chuid {
        fascN = Args.bytes(fascN, "FASC-N", FASCN_LENGTH, FASCN_LENGTH);
        guid = Args.bytes(guid, "GUID", GUID_LENGTH, GUID_LENGTH);
        if (expirationDate == null || expirationDate.getYear() < 0 || expirationDate.getYear() > 9999) {
            throw new IllegalArgumentException("expiration date " + expirationDate + " cannot be written as YYYYMMDD");
        }
        cardholderUuid = Args.optionalBytes(cardholderUuid, "cardholder UUID", UUID_LENGTH, UUID_LENGTH);
        issuerSignature = Args.bytes(issuerSignature, "issuer asymmetric signature", 0, MAX_SIGNATURE_LENGTH);
        organizationalIdentifier = Args.optionalBytes(organizationalIdentifier, "organizational identifier",
                ORGANIZATIONAL_IDENTIFIER_LENGTH, ORGANIZATIONAL_IDENTIFIER_LENGTH);
        duns = Args.optionalBytes(duns, "DUNS", DUNS_LENGTH, DUNS_LENGTH);
        bufferLength = Args.optionalBytes(bufferLength, "buffer length", BUFFER_LENGTH_LENGTH, BUFFER_LENGTH_LENGTH);
    }

    /** A CHUID with the mandatory elements only (no deprecated elements, no cardholder UUID). */
    public Chuid(byte[] fascN, byte[] guid, LocalDate expirationDate, byte[] issuerSignature) {
        this(fascN, guid, expirationDate, null, issuerSignature, null, null, null);
    }

    /**
     * The 59-byte CHUID yubico-piv-tool writes: its fixed FASC-N, a random GUID, expiry 2030-01-01, an empty
     * signature and LRC ({@code 30 19 <FASC-N> 34 10 <GUID> 35 08 "20300101" 3E 00 FE 00}).
     */
    public static Chuid generate(SecureRandom random) {
        byte[] guid = new byte[GUID_LENGTH];
        random.nextBytes(guid);
        return new Chuid(YUBICO_FASCN, guid, YUBICO_EXPIRATION, new byte[0]);
    }

    /** Decodes the content of the {@code 53} wrapper. */
    public static Chuid decode(byte[] value) throws DecodeException {
        Elements e = Elements.parse(OBJECT, value, 0xEE, 0x30, 0x32, 0x33, 0x34, 0x35, 0x36, 0x3E, 0xFE);
        byte[] buffer = e.optional(0xEE, "buffer length", BUFFER_LENGTH_LENGTH, BUFFER_LENGTH_LENGTH);
        byte[] fascN = e.required(0x30, "FASC-N", FASCN_LENGTH, FASCN_LENGTH);
        byte[] org = e.optional(0x32, "organizational identifier", ORGANIZATIONAL_IDENTIFIER_LENGTH,
                ORGANIZATIONAL_IDENTIFIER_LENGTH);
        byte[] duns = e.optional(0x33, "DUNS", DUNS_LENGTH, DUNS_LENGTH);
        byte[] guid = e.required(0x34, "GUID", GUID_LENGTH, GUID_LENGTH);
        byte[] date = e.required(0x35, "expiration date", EXPIRATION_DATE_LENGTH, EXPIRATION_DATE_LENGTH);
        LocalDate expiry = parseDate(e, date);
        byte[] uuid = e.optional(0x36, "cardholder UUID", UUID_LENGTH, UUID_LENGTH);
        byte[] sig = e.required(0x3E, "issuer asymmetric signature", 0, MAX_SIGNATURE_LENGTH);
        e.emptyIfPresent(0xFE, "error detection code");
        return new Chuid(fascN, guid, expiry, uuid, sig, org, duns, buffer);
    }

    private static LocalDate parseDate(Elements e, byte[] date) throws DecodeException {
        int[] n = new int[date.length];
        for (int i = 0; i < date.length; i++) {
            if (date[i] < '0' || date[i] > '9') {
                throw e.error(0x35, "expiration date", "not 8 ASCII digits YYYYMMDD");
            }
            n[i] = date[i] - '0';
        }
        int year = n[0] * 1000 + n[1] * 100 + n[2] * 10 + n[3];
        try {
            return LocalDate.of(year, n[4] * 10 + n[5], n[6] * 10 + n[7]);
        } catch (DateTimeException bad) {
            throw e.error(0x35, "expiration date", "\"" + new String(date, StandardCharsets.US_ASCII)
                    + "\" is not a calendar date");
        }
    }

    /** The content of the {@code 53} wrapper, elements in table order. */
    @Override
    public byte[] encode() {
        String date = String.format("%04d%02d%02d", expirationDate.getYear(), expirationDate.getMonthValue(),
                expirationDate.getDayOfMonth());
        return new Elements.Writer()
                .addIfPresent(0xEE, bufferLength)                 // 4
                .add(0x30, fascN)                                 // 27
                .addIfPresent(0x32, organizationalIdentifier)     // 6
                .addIfPresent(0x33, duns)                         // 11
                .add(0x34, guid)                                  // 18
                .add(0x35, date.getBytes(StandardCharsets.US_ASCII)) // 10
                .addIfPresent(0x36, cardholderUuid)               // 18
                .add(0x3E, issuerSignature)                       // 2..2820
                .empty(0xFE)                                      // 2
                .toByteArray();
    }

    @Override
    public byte[] fascN() {
        return fascN.clone();
    }

    @Override
    public byte[] guid() {
        return guid.clone();
    }

    @Override
    public byte[] cardholderUuid() {
        return Args.copy(cardholderUuid);
    }

    @Override
    public byte[] issuerSignature() {
        return issuerSignature.clone();
    }

    @Override
    public byte[] organizationalIdentifier() {
        return Args.copy(organizationalIdentifier);
    }

    @Override
    public byte[] duns() {
        return Args.copy(duns);
    }

    @Override
    public byte[] bufferLength() {
        return Args.copy(bufferLength);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Chuid c && Arrays.equals(c.fascN, fascN) && Arrays.equals(c.guid, guid)
                && c.expirationDate.equals(expirationDate) && Arrays.equals(c.cardholderUuid, cardholderUuid)
                && Arrays.equals(c.issuerSignature, issuerSignature)
                && Arrays.equals(c.organizationalIdentifier, organizationalIdentifier) && Arrays.equals(c.duns, duns)
                && Arrays.equals(c.bufferLength, bufferLength);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(guid) * 31 + expirationDate.hashCode();
    }

    @Override
    public String toString() {
        return "Chuid[guid=" + Hex.plain(guid) + ", expires " + expirationDate + ", signature "
                + issuerSignature.length + " bytes]";
    }
}
