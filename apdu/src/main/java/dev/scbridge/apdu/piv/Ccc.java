package dev.scbridge.apdu.piv;

import dev.scbridge.apdu.DecodeException;
import dev.scbridge.apdu.Hex;
import java.util.Arrays;

/**
 * Card Capability Container (object 5FC107), SP 800-73-4 Part 1 Appendix A, table "Card Capability Container"
 * (ContainerID 0xDB00).
 *
 * <pre>
 *  F0 card identifier      0 or 21    F5 data model number   1 (10)   FA redirection tag     0
 *  F1 container version    0 or 1     F6 access control rule 0 or 17  FB capability tuples   0
 *  F2 grammar version      0 or 1     F7 card APDUs          0        FC status tuples       0
 *  F3 applications URL     0..128     E3 extended URL (O)    0..48    FD next CCC            0
 *  F4 PKCS#15              0 or 1     B4 sec. object buf (O) 0..48    FE error detection     0
 * </pre>
 *
 * F0..F6 must be present; the always-empty F7, FA..FD and FE may be left out on decode and are always written.
 * E3 and B4 are the optional, deprecated elements SP 800-73-4 still allows (-5 removed them).
 *
 * @param extendedApplicationCardUrl E3, null when absent
 * @param securityObjectBuffer B4, null when absent
 */
public record Ccc(byte[] cardIdentifier, byte[] containerVersion, byte[] grammarVersion,
                  byte[] applicationsCardUrl, byte[] pkcs15, int dataModelNumber, byte[] accessControlRuleTable,
                  byte[] extendedApplicationCardUrl, byte[] securityObjectBuffer) implements PivDataObject {
    /** SP 800-73-4 Part 1 Appendix A, CCC table "Max. Bytes" column. */
    public static final int CARD_IDENTIFIER_LENGTH = 21;
    public static final int MAX_CARD_URL_LENGTH = 128;
    public static final int ACCESS_CONTROL_RULE_TABLE_LENGTH = 17;
    /** E3 and B4, SP 800-73-4 Part 1 CCC table (both deprecated, optional). */
    public static final int MAX_EXTENDED_URL_LENGTH = 48;
    public static final int MAX_SECURITY_OBJECT_BUFFER_LENGTH = 48;
    /** "The PIV data model number is 0x10" (SP 800-73-4 Part 1 Appendix A). */
    public static final int PIV_DATA_MODEL = 0x10;
    /** yubico-piv-tool util.c CCC_TMPL: GSC-IS RID A0 00 00 01 16, manufacturer FF, card type 02, 14 random bytes. */
    public static final int YUBICO_RANDOM_LENGTH = 14;

    private static final String OBJECT = "CCC";
    private static final byte[] YUBICO_CARD_ID_PREFIX = {(byte) 0xA0, 0x00, 0x00, 0x01, 0x16, (byte) 0xFF, 0x02};
    /** yubico-piv-tool writes version 21 for both F1 and F2. */
    private static final int YUBICO_VERSION = 0x21;

    public Ccc {
        cardIdentifier = Args.bytesOf(cardIdentifier, "card identifier", 0, CARD_IDENTIFIER_LENGTH);
        containerVersion = Args.bytesOf(containerVersion, "container version", 0, 1);
        grammarVersion = Args.bytesOf(grammarVersion, "grammar version", 0, 1);
        applicationsCardUrl = Args.bytes(applicationsCardUrl, "applications CardURL", 0, MAX_CARD_URL_LENGTH);
        pkcs15 = Args.bytesOf(pkcs15, "PKCS#15", 0, 1);
        if (dataModelNumber != PIV_DATA_MODEL) {
            throw new IllegalArgumentException(String.format("data model %02X (expected: 10)", dataModelNumber));
        }
        accessControlRuleTable = Args.bytesOf(accessControlRuleTable, "access control rule table", 0,
                ACCESS_CONTROL_RULE_TABLE_LENGTH);
        extendedApplicationCardUrl = Args.optionalBytes(extendedApplicationCardUrl, "extended application CardURL",
                0, MAX_EXTENDED_URL_LENGTH);
        securityObjectBuffer = Args.optionalBytes(securityObjectBuffer, "security object buffer", 0,
                MAX_SECURITY_OBJECT_BUFFER_LENGTH);
    }

    /** The 51-byte CCC yubico-piv-tool and ykman write ({@code F0 15 A0 00 00 01 16 FF 02 <14 random> F1 01 21 ...}). */
    public static Ccc yubicoStyle(byte[] random14) {
        byte[] r = Args.bytes(random14, "random card identifier bytes", YUBICO_RANDOM_LENGTH, YUBICO_RANDOM_LENGTH);
        byte[] id = Arrays.copyOf(YUBICO_CARD_ID_PREFIX, CARD_IDENTIFIER_LENGTH);
        System.arraycopy(r, 0, id, YUBICO_CARD_ID_PREFIX.length, YUBICO_RANDOM_LENGTH);
        return new Ccc(id, new byte[] {YUBICO_VERSION}, new byte[] {YUBICO_VERSION}, new byte[0], new byte[] {0},
                PIV_DATA_MODEL, new byte[0], null, null);
    }

    /** Decodes the content of the {@code 53} wrapper. */
    public static Ccc decode(byte[] value) throws DecodeException {
        Elements e = Elements.parse(OBJECT, value, 0xF0, 0xF1, 0xF2, 0xF3, 0xF4, 0xF5, 0xF6, 0xF7, 0xFA, 0xFB, 0xFC,
                0xFD, 0xE3, 0xB4, 0xFE);
        byte[] id = e.fixed(0xF0, "card identifier", CARD_IDENTIFIER_LENGTH, true);
        byte[] cv = e.fixed(0xF1, "container version", 1, true);
        byte[] gv = e.fixed(0xF2, "grammar version", 1, true);
        byte[] url = e.required(0xF3, "applications CardURL", 0, MAX_CARD_URL_LENGTH);
        byte[] p15 = e.fixed(0xF4, "PKCS#15", 1, true);
        byte[] model = e.fixed(0xF5, "data model number", 1, false);
        if ((model[0] & 0xFF) != PIV_DATA_MODEL) {
            throw e.error(0xF5, "data model number", String.format("%02X (expected: 10)", model[0] & 0xFF));
        }
        byte[] acr = e.fixed(0xF6, "access control rule table", ACCESS_CONTROL_RULE_TABLE_LENGTH, true);
        e.emptyIfPresent(0xF7, "card APDUs");
        e.emptyIfPresent(0xFA, "redirection tag");
        e.emptyIfPresent(0xFB, "capability tuples");
        e.emptyIfPresent(0xFC, "status tuples");
        e.emptyIfPresent(0xFD, "next CCC");
        byte[] ext = e.optional(0xE3, "extended application CardURL", 0, MAX_EXTENDED_URL_LENGTH);
        byte[] sob = e.optional(0xB4, "security object buffer", 0, MAX_SECURITY_OBJECT_BUFFER_LENGTH);
        e.emptyIfPresent(0xFE, "error detection code");
        return new Ccc(id, cv, gv, url, p15, PIV_DATA_MODEL, acr, ext, sob);
    }

    /** The content of the {@code 53} wrapper, elements in table order. */
    @Override
    public byte[] encode() {
        return new Elements.Writer()
                .add(0xF0, cardIdentifier)           // 2 + 0|21
                .add(0xF1, containerVersion)         // 2 + 0|1
                .add(0xF2, grammarVersion)           // 2 + 0|1
                .add(0xF3, applicationsCardUrl)      // 2|3 + 0..128
                .add(0xF4, pkcs15)                   // 2 + 0|1
                .add(0xF5, dataModelNumber)          // 3
                .add(0xF6, accessControlRuleTable)   // 2 + 0|17
                .empty(0xF7).empty(0xFA).empty(0xFB).empty(0xFC).empty(0xFD) // 5 x 2
                .addIfPresent(0xE3, extendedApplicationCardUrl)
                .addIfPresent(0xB4, securityObjectBuffer)
                .empty(0xFE)                         // 2
                .toByteArray();
    }

    @Override
    public byte[] cardIdentifier() {
        return cardIdentifier.clone();
    }

    @Override
    public byte[] containerVersion() {
        return containerVersion.clone();
    }

    @Override
    public byte[] grammarVersion() {
        return grammarVersion.clone();
    }

    @Override
    public byte[] applicationsCardUrl() {
        return applicationsCardUrl.clone();
    }

    @Override
    public byte[] pkcs15() {
        return pkcs15.clone();
    }

    @Override
    public byte[] accessControlRuleTable() {
        return accessControlRuleTable.clone();
    }

    @Override
    public byte[] extendedApplicationCardUrl() {
        return Args.copy(extendedApplicationCardUrl);
    }

    @Override
    public byte[] securityObjectBuffer() {
        return Args.copy(securityObjectBuffer);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Ccc c && Arrays.equals(c.cardIdentifier, cardIdentifier)
                && Arrays.equals(c.containerVersion, containerVersion) && Arrays.equals(c.grammarVersion, grammarVersion)
                && Arrays.equals(c.applicationsCardUrl, applicationsCardUrl) && Arrays.equals(c.pkcs15, pkcs15)
                && c.dataModelNumber == dataModelNumber
                && Arrays.equals(c.accessControlRuleTable, accessControlRuleTable)
                && Arrays.equals(c.extendedApplicationCardUrl, extendedApplicationCardUrl)
                && Arrays.equals(c.securityObjectBuffer, securityObjectBuffer);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(cardIdentifier) * 31 + Arrays.hashCode(applicationsCardUrl);
    }

    @Override
    public String toString() {
        return "Ccc[cardIdentifier=" + Hex.plain(cardIdentifier) + "]";
    }
}
