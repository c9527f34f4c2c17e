package dev.scbridge.ca;

import dev.scbridge.ca.InvalidIdentityException.Field;
import dev.scbridge.ca.InvalidIdentityException.Problem;

import java.nio.charset.StandardCharsets;

/**
 * The security identifier of an Active Directory user account, in its canonical string form, as it goes into the
 * SID extension for strong certificate mapping (KB5014754; {@link SidExtension}).
 *
 * <p>Syntax, MS-DTYP 2.4.2.1 "SID String Format Syntax": {@code S-1-<IdentifierAuthority>(-<SubAuthority>){1,15}},
 * with the authority a 48-bit number and each sub-authority a 32-bit unsigned number. We accept only the canonical
 * form Windows prints (upper-case {@code S}, decimal, no leading zeros) so the string in the certificate is byte for
 * byte the one AD holds, and only domain accounts, {@code S-1-5-21-<a>-<b>-<c>-<rid>}: a certificate must never map to
 * a well-known SID such as {@code S-1-5-18} (LocalSystem) or {@code S-1-5-32-544} (BUILTIN\Administrators).
 *
 * @param value the canonical SID string, e.g. {@code S-1-5-21-1004336348-1177238915-682003330-512}
 */
public record WindowsSid(String value) {
    /** MS-DTYP 2.4.2: SubAuthorityCount is at most 15. */
    public static final int MAX_SUB_AUTHORITIES = 15;
    /** MS-DTYP 2.4.1: IdentifierAuthority is 6 bytes. */
    public static final long MAX_AUTHORITY = (1L << 48) - 1;
    /** MS-DTYP 2.4.2: each SubAuthority is a 32-bit unsigned integer. */
    public static final long MAX_SUB_AUTHORITY = 0xFFFF_FFFFL;
    /** SECURITY_NT_AUTHORITY (MS-DTYP 2.4.1.1). */
    public static final long NT_AUTHORITY = 5;
    /** SECURITY_NT_NON_UNIQUE, the first sub-authority of every domain SID (MS-DTYP 2.4.2.4). */
    public static final long NT_NON_UNIQUE = 21;
    /** 21, three domain sub-authorities, the RID. */
    public static final int DOMAIN_ACCOUNT_SUB_AUTHORITIES = 5;
    /** "S-1-" + 15 digits + 15 x ("-" + 10 digits): no canonical SID is longer. */
    static final int MAX_LENGTH = 4 + 15 + MAX_SUB_AUTHORITIES * 11;

    public WindowsSid {
        check(value);
    }

    /** Checking factory: {@link InvalidIdentityException} (field SID) says which rule failed. */
    public static WindowsSid parse(String text) {
        return new WindowsSid(text);
    }

    /** The relative identifier: the last sub-authority (500 = Administrator, 1000+ = ordinary accounts). */
    public long rid() {
        return Long.parseLong(value.substring(value.lastIndexOf('-') + 1));
    }

    /** The ASCII bytes the SID extension carries. */
    public byte[] ascii() {
        return value.getBytes(StandardCharsets.US_ASCII);
    }

    @Override
    public String toString() {
        return value;
    }

    private static void check(String s) {
        Field f = Field.SID;
        if (s == null) {
            throw new InvalidIdentityException(f, Problem.MISSING, "missing");
        }
        if (s.isEmpty()) {
            throw new InvalidIdentityException(f, Problem.EMPTY, "empty");
        }
        if (s.length() > MAX_LENGTH) {
            throw new InvalidIdentityException(f, Problem.TOO_LONG, s.length() + " characters (max " + MAX_LENGTH + ")");
        }
        IdentityRules.checkCodePoints(f, s);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(c >= '0' && c <= '9') && c != '-' && !(i == 0 && c == 'S')) {
                throw new InvalidIdentityException(f, Problem.SYNTAX, IdentityRules.describe(c) + " at index " + i
                        + " (expected S-1-<authority>-<sub-authority>..., decimal)");
            }
        }
        if (!s.startsWith("S-")) {
            throw new InvalidIdentityException(f, Problem.SYNTAX, "does not start with \"S-\"");
        }
        String[] parts = s.substring(2).split("-", -1);
        for (int i = 0; i < parts.length; i++) {
            if (parts[i].isEmpty()) {
                throw new InvalidIdentityException(f, Problem.SYNTAX, "empty number in part " + (i + 1));
            }
            if (parts[i].length() > 1 && parts[i].charAt(0) == '0') {
                throw new InvalidIdentityException(f, Problem.LEADING_ZERO,
                        "part " + (i + 1) + " has a leading zero (not the canonical form)");
            }
        }
        if (!parts[0].equals("1")) {
            throw new InvalidIdentityException(f, Problem.REVISION, "revision " + parts[0] + " (only 1 exists)");
        }
        if (parts.length < 2) {
            throw new InvalidIdentityException(f, Problem.SYNTAX, "no identifier authority");
        }
        long authority = number(parts[1], MAX_AUTHORITY, "identifier authority");
        int subCount = parts.length - 2;
        if (subCount < 1 || subCount > MAX_SUB_AUTHORITIES) {
            throw new InvalidIdentityException(f, Problem.SUB_AUTHORITY_COUNT,
                    subCount + " sub-authorities (expected 1.." + MAX_SUB_AUTHORITIES + ")");
        }
        long first = 0;
        for (int i = 2; i < parts.length; i++) {
            long v = number(parts[i], MAX_SUB_AUTHORITY, "sub-authority " + (i - 1));
            if (i == 2) {
                first = v;
            }
        }
        if (authority != NT_AUTHORITY || first != NT_NON_UNIQUE || subCount != DOMAIN_ACCOUNT_SUB_AUTHORITIES) {
            throw new InvalidIdentityException(f, Problem.NOT_A_DOMAIN_ACCOUNT,
                    "not a domain account SID (expected S-1-5-21-<a>-<b>-<c>-<rid>)");
        }
    }

    private static long number(String digits, long max, String what) {
        // At most 15 digits fit a long without overflow and exceed any 48-bit value.
        if (digits.length() > 15 || Long.parseLong(digits) > max) {
            throw new InvalidIdentityException(Field.SID, Problem.NUMBER_OUT_OF_RANGE,
                    what + " exceeds " + max);
        }
        return Long.parseLong(digits);
    }
}
