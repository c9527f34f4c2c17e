package dev.scbridge.ca;

/**
 * A user identity value that must not go into a certificate: names the field and the problem. The message never
 * repeats the offending input verbatim (it may hold control or bidi characters); it names code points as
 * {@code U+XXXX} with their index instead.
 */
public final class InvalidIdentityException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /** The identity field that was rejected. */
    public enum Field {
        /** The Windows logon name (the part of the UPN before {@code @}, and the subject CN). */
        USER("user"),
        /** The Active Directory DNS domain (the UPN suffix). */
        DOMAIN("domain"),
        /** The user principal name {@code user@domain} as a whole. */
        UPN("UPN"),
        /** The account's security identifier. */
        SID("SID");

        private final String label;

        Field(String label) {
            this.label = label;
        }

        /** How messages name the field. */
        public String label() {
            return label;
        }
    }

    /** Why the value was rejected; one constant per rule, so tests and callers need not parse messages. */
    public enum Problem {
        MISSING,
        EMPTY,
        TOO_LONG,
        /** Unicode category Cc (C0/C1 controls, NUL, DEL). */
        CONTROL_CHARACTER,
        /** Unicode category Cf: bidi overrides and isolates, zero-width characters, soft hyphen. */
        FORMAT_CHARACTER,
        /** Unicode categories Zl and Zp. */
        LINE_OR_PARAGRAPH_SEPARATOR,
        /** An unpaired surrogate or an unassigned code point: no stable meaning, may not encode as UTF-8. */
        INVALID_CODE_POINT,
        /** One of the characters Windows logon names exclude. */
        FORBIDDEN_CHARACTER,
        ONLY_DOTS_OR_SPACES,
        LEADING_OR_TRAILING_SPACE,
        EMPTY_LABEL,
        LABEL_TOO_LONG,
        LABEL_STARTS_OR_ENDS_WITH_HYPHEN,
        NOT_LETTER_DIGIT_HYPHEN,
        SINGLE_LABEL,
        NUMERIC_TOP_LEVEL_LABEL,
        SYNTAX,
        REVISION,
        NUMBER_OUT_OF_RANGE,
        LEADING_ZERO,
        SUB_AUTHORITY_COUNT,
        NOT_A_DOMAIN_ACCOUNT
    }

    private final Field field;
    private final Problem problem;

    public InvalidIdentityException(Field field, Problem problem, String detail) {
        super("invalid " + field.label() + ": " + detail);
        this.field = field;
        this.problem = problem;
    }

    public Field field() {
        return field;
    }

    public Problem problem() {
        return problem;
    }
}
