package dev.scbridge.ca;

import dev.scbridge.ca.InvalidIdentityException.Field;
import dev.scbridge.ca.InvalidIdentityException.Problem;

/**
 * The checks a user name and a domain pass before they may go into a certificate's subject and UPN.
 *
 * <p>Logon names follow Microsoft's naming rules for user accounts ("Naming conventions in Active Directory for
 * computers, domains, sites, and OUs"; sAMAccountName): none of {@code " / \ [ ] : ; | = , + * ? < >}, not only
 * periods or spaces. We also exclude {@code @} (it separates the UPN's parts, so it would let a name pose as another
 * domain's), every Cc/Cf/Zl/Zp character (controls, bidi overrides, zero-width characters: they make one name look
 * like another in logs and dialogs), unpaired surrogates and unassigned code points, and leading or trailing spaces.
 *
 * <p>Domains are DNS names (RFC 1035 2.3.1 "preferred name syntax", RFC 1123 2.1): letters, digits and hyphens,
 * labels of 1..63 characters that neither start nor end with a hyphen, at most 253 characters, at least two labels
 * (Active Directory's DNS domain names), and a top-level label that is not all digits (RFC 3696 section 2).
 */
final class IdentityRules {
    /** RFC 5280 Appendix A ub-common-name: the user name is also the subject CN. Counted in code points. */
    static final int MAX_USER_LENGTH = 64;
    /** RFC 1035 2.3.4: 255 octets on the wire, so 253 characters of dotted text without the root dot. */
    static final int MAX_DOMAIN_LENGTH = 253;
    /** RFC 1035 2.3.4. */
    static final int MAX_LABEL_LENGTH = 63;
    /** Active Directory schema: userPrincipalName has rangeUpper 1024. */
    static final int MAX_UPN_LENGTH = 1024;
    /** Microsoft's excluded logon-name characters, plus {@code @}. */
    static final String FORBIDDEN_USER_CHARACTERS = "\"/\\[]:;|=,+*?<>@";

    private IdentityRules() {
    }

    static void checkUser(String user) {
        Field f = Field.USER;
        if (user == null) {
            throw new InvalidIdentityException(f, Problem.MISSING, "missing");
        }
        if (user.isEmpty()) {
            throw new InvalidIdentityException(f, Problem.EMPTY, "empty");
        }
        checkCodePoints(f, user);
        int length = user.codePointCount(0, user.length());
        if (length > MAX_USER_LENGTH) {
            throw new InvalidIdentityException(f, Problem.TOO_LONG,
                    length + " characters (max " + MAX_USER_LENGTH + ")");
        }
        for (int i = 0; i < user.length(); i++) {
            char c = user.charAt(i);
            if (FORBIDDEN_USER_CHARACTERS.indexOf(c) >= 0) {
                throw new InvalidIdentityException(f, Problem.FORBIDDEN_CHARACTER,
                        "'" + c + "' at index " + i + " is not allowed in a Windows logon name (none of "
                                + FORBIDDEN_USER_CHARACTERS + ")");
            }
        }
        if (user.codePoints().allMatch(cp -> cp == '.' || Character.isSpaceChar(cp))) {
            throw new InvalidIdentityException(f, Problem.ONLY_DOTS_OR_SPACES, "only periods or spaces");
        }
        if (Character.isSpaceChar(user.codePointAt(0))
                || Character.isSpaceChar(user.codePointBefore(user.length()))) {
            throw new InvalidIdentityException(f, Problem.LEADING_OR_TRAILING_SPACE, "leading or trailing space");
        }
    }

    static void checkDomain(String domain) {
        Field f = Field.DOMAIN;
        if (domain == null) {
            throw new InvalidIdentityException(f, Problem.MISSING, "missing");
        }
        if (domain.isEmpty()) {
            throw new InvalidIdentityException(f, Problem.EMPTY, "empty");
        }
        checkCodePoints(f, domain);
        if (domain.length() > MAX_DOMAIN_LENGTH) {
            throw new InvalidIdentityException(f, Problem.TOO_LONG,
                    domain.length() + " characters (max " + MAX_DOMAIN_LENGTH + ")");
        }
        for (int i = 0; i < domain.length(); i++) {
            char c = domain.charAt(i);
            if (!isLdh(c) && c != '.') {
                throw new InvalidIdentityException(f, Problem.NOT_LETTER_DIGIT_HYPHEN,
                        describe(c) + " at index " + i + " (a DNS name has only ASCII letters, digits, '-' and '.')");
            }
        }
        String[] labels = domain.split("\\.", -1);
        for (int n = 0; n < labels.length; n++) {
            String label = labels[n];
            if (label.isEmpty()) {
                throw new InvalidIdentityException(f, Problem.EMPTY_LABEL, "empty label " + (n + 1)
                        + " (leading, trailing or doubled '.')");
            }
            if (label.length() > MAX_LABEL_LENGTH) {
                throw new InvalidIdentityException(f, Problem.LABEL_TOO_LONG, "label " + (n + 1) + " is "
                        + label.length() + " characters (max " + MAX_LABEL_LENGTH + ")");
            }
            if (label.startsWith("-") || label.endsWith("-")) {
                throw new InvalidIdentityException(f, Problem.LABEL_STARTS_OR_ENDS_WITH_HYPHEN,
                        "label " + (n + 1) + " starts or ends with '-'");
            }
        }
        if (labels.length < 2) {
            throw new InvalidIdentityException(f, Problem.SINGLE_LABEL,
                    "a single label; an Active Directory DNS domain has at least two (e.g. corp.example.com)");
        }
        if (labels[labels.length - 1].chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new InvalidIdentityException(f, Problem.NUMERIC_TOP_LEVEL_LABEL,
                    "the top-level label is all digits (an IP address is not a domain)");
        }
    }

    static void checkUpn(String upn) {
        if (upn.length() > MAX_UPN_LENGTH) {
            throw new InvalidIdentityException(Field.UPN, Problem.TOO_LONG,
                    upn.length() + " characters (max " + MAX_UPN_LENGTH + ")");
        }
    }

    /** Rejects Cc, Cf, Zl, Zp, unpaired surrogates and unassigned code points anywhere in {@code s}. */
    static void checkCodePoints(Field f, String s) {
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            switch (Character.getType(cp)) {
                case Character.CONTROL:
                    throw new InvalidIdentityException(f, Problem.CONTROL_CHARACTER,
                            "control character " + u(cp) + " at index " + i);
                case Character.FORMAT:
                    throw new InvalidIdentityException(f, Problem.FORMAT_CHARACTER,
                            "format character " + u(cp) + " (bidi or invisible) at index " + i);
                case Character.LINE_SEPARATOR:
                case Character.PARAGRAPH_SEPARATOR:
                    throw new InvalidIdentityException(f, Problem.LINE_OR_PARAGRAPH_SEPARATOR,
                            "line or paragraph separator " + u(cp) + " at index " + i);
                case Character.SURROGATE:
                    throw new InvalidIdentityException(f, Problem.INVALID_CODE_POINT,
                            "unpaired surrogate " + u(cp) + " at index " + i);
                case Character.UNASSIGNED:
                    throw new InvalidIdentityException(f, Problem.INVALID_CODE_POINT,
                            "unassigned code point " + u(cp) + " at index " + i);
                default:
                    break;
            }
            i += Character.charCount(cp);
        }
    }

    private static boolean isLdh(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
    }

    /** A printable ASCII character as itself in quotes, anything else as U+XXXX. */
    static String describe(int cp) {
        return cp > 0x20 && cp < 0x7F ? "'" + (char) cp + "'" : u(cp);
    }

    static String u(int cp) {
        return String.format("U+%04X", cp);
    }
}
