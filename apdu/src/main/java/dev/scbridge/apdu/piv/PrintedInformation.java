package dev.scbridge.apdu.piv;

import dev.scbridge.apdu.DecodeException;
import java.util.Optional;

/**
 * Printed Information (object 5FC109, read needs the PIN), SP 800-73-4 Part 1, section "Printed Information" and Appendix A, table
 * "Printed Information" (ContainerID 0x3001). All values are ASCII text.
 *
 * <pre>
 *  01 name                          0..125     05 agency card serial number  0..20
 *  02 employee affiliation          0..20      06 issuer identification      0..15
 *  04 expiration date "YYYYMMMDD"   9          07 organization affiliation 1 0..20 (O)
 *                                              08 organization affiliation 2 0..20 (O)
 *                                              FE error detection code       0
 * </pre>
 *
 * Note: ykman stores its PIN-protected management key in this object ({@code 88 {89 key}}), which is not
 * Printed Information and does not decode as such.
 */
public record PrintedInformation(String name, String employeeAffiliation, String expirationDate,
                                 String agencyCardSerialNumber, String issuerIdentification,
                                 Optional<String> organizationAffiliation1, Optional<String> organizationAffiliation2)
        implements PivDataObject {
    /** SP 800-73-4 Part 1 Appendix A, Printed Information table "Max. Bytes" column. */
    public static final int MAX_NAME_LENGTH = 125;
    public static final int MAX_EMPLOYEE_AFFILIATION_LENGTH = 20;
    public static final int EXPIRATION_DATE_LENGTH = 9;
    public static final int MAX_SERIAL_NUMBER_LENGTH = 20;
    public static final int MAX_ISSUER_IDENTIFICATION_LENGTH = 15;
    public static final int MAX_ORGANIZATION_AFFILIATION_LENGTH = 20;

    private static final String OBJECT = "Printed Information";

    public PrintedInformation {
        Args.text(name, "name", 0, MAX_NAME_LENGTH);
        Args.text(employeeAffiliation, "employee affiliation", 0, MAX_EMPLOYEE_AFFILIATION_LENGTH);
        Args.text(expirationDate, "expiration date", EXPIRATION_DATE_LENGTH, EXPIRATION_DATE_LENGTH);
        Args.text(agencyCardSerialNumber, "agency card serial number", 0, MAX_SERIAL_NUMBER_LENGTH);
        Args.text(issuerIdentification, "issuer identification", 0, MAX_ISSUER_IDENTIFICATION_LENGTH);
        organizationAffiliation1 = Args.optionalText(organizationAffiliation1, "organization affiliation line 1", 0,
                MAX_ORGANIZATION_AFFILIATION_LENGTH);
        organizationAffiliation2 = Args.optionalText(organizationAffiliation2, "organization affiliation line 2", 0,
                MAX_ORGANIZATION_AFFILIATION_LENGTH);
    }

    /** Decodes the content of the {@code 53} wrapper. */
    public static PrintedInformation decode(byte[] value) throws DecodeException {
        Elements e = Elements.parse(OBJECT, value, 0x01, 0x02, 0x04, 0x05, 0x06, 0x07, 0x08, 0xFE);
        String name = text(e, 0x01, "name", 0, MAX_NAME_LENGTH, true);
        String affiliation = text(e, 0x02, "employee affiliation", 0, MAX_EMPLOYEE_AFFILIATION_LENGTH, true);
        String expiry = text(e, 0x04, "expiration date", EXPIRATION_DATE_LENGTH, EXPIRATION_DATE_LENGTH, true);
        String serial = text(e, 0x05, "agency card serial number", 0, MAX_SERIAL_NUMBER_LENGTH, true);
        String issuer = text(e, 0x06, "issuer identification", 0, MAX_ISSUER_IDENTIFICATION_LENGTH, true);
        String org1 = text(e, 0x07, "organization affiliation line 1", 0, MAX_ORGANIZATION_AFFILIATION_LENGTH, false);
        String org2 = text(e, 0x08, "organization affiliation line 2", 0, MAX_ORGANIZATION_AFFILIATION_LENGTH, false);
        e.emptyIfPresent(0xFE, "error detection code");
        return new PrintedInformation(name, affiliation, expiry, serial, issuer, Optional.ofNullable(org1),
                Optional.ofNullable(org2));
    }

    private static String text(Elements e, int tag, String field, int min, int max, boolean required)
            throws DecodeException {
        byte[] v = required ? e.required(tag, field, min, max) : e.optional(tag, field, min, max);
        return e.text(tag, field, v);
    }

    /** The content of the {@code 53} wrapper, elements in table order. */
    @Override
    public byte[] encode() {
        return new Elements.Writer()
                .addText(0x01, name)                                   // 2|3 + 0..125
                .addText(0x02, employeeAffiliation)                    // 2 + 0..20
                .addText(0x04, expirationDate)                         // 11
                .addText(0x05, agencyCardSerialNumber)                 // 2 + 0..20
                .addText(0x06, issuerIdentification)                   // 2 + 0..15
                .addText(0x07, organizationAffiliation1.orElse(null))  // 2 + 0..20
                .addText(0x08, organizationAffiliation2.orElse(null))  // 2 + 0..20
                .empty(0xFE)                                           // 2
                .toByteArray();
    }
}
