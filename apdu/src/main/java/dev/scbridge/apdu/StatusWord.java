package dev.scbridge.apdu;

/**
 * ISO/IEC 7816-4 status words (SW1 SW2) as {@code int}s, with the names PIV hosts print.
 * Sources: ISO/IEC 7816-4 5.1.3; SP 800-73-4 Part 2 status-word tables; YubiKey PIV docs.
 */
public final class StatusWord {
    public static final int SUCCESS = 0x9000;
    /** 61xx: xx more bytes available with GET RESPONSE (00 = 256 or more). */
    public static final int BYTES_REMAINING = 0x6100;
    /** 63Cx: verification failed, x tries left. */
    public static final int VERIFY_FAILED = 0x63C0;
    public static final int MEMORY_FAILURE = 0x6581;
    public static final int WRONG_LENGTH = 0x6700;
    public static final int LAST_COMMAND_OF_CHAIN_EXPECTED = 0x6883;
    public static final int COMMAND_CHAINING_NOT_SUPPORTED = 0x6884;
    public static final int SECURITY_STATUS_NOT_SATISFIED = 0x6982;
    public static final int AUTH_METHOD_BLOCKED = 0x6983;
    public static final int REFERENCE_DATA_NOT_USABLE = 0x6984;
    public static final int CONDITIONS_NOT_SATISFIED = 0x6985;
    public static final int INCORRECT_DATA = 0x6A80;
    public static final int FUNCTION_NOT_SUPPORTED = 0x6A81;
    public static final int FILE_NOT_FOUND = 0x6A82;
    public static final int NOT_ENOUGH_MEMORY = 0x6A84;
    public static final int INCORRECT_P1P2 = 0x6A86;
    public static final int REFERENCE_DATA_NOT_FOUND = 0x6A88;
    public static final int WRONG_P1P2 = 0x6B00;
    /** 6Cxx: wrong Le, xx is the exact length available. */
    public static final int WRONG_LE = 0x6C00;
    public static final int INS_NOT_SUPPORTED = 0x6D00;
    public static final int CLA_NOT_SUPPORTED = 0x6E00;
    public static final int NO_PRECISE_DIAGNOSIS = 0x6F00;

    private StatusWord() {
    }

    public static int sw1(int sw) {
        return (sw >>> 8) & 0xFF;
    }

    public static int sw2(int sw) {
        return sw & 0xFF;
    }

    public static boolean isSuccess(int sw) {
        return sw == SUCCESS;
    }

    /** 61xx. */
    public static boolean hasMoreData(int sw) {
        return sw1(sw) == 0x61;
    }

    /** 63Cx. */
    public static boolean isVerifyFailed(int sw) {
        return (sw & 0xFFF0) == VERIFY_FAILED;
    }

    /** Tries left carried by a 63Cx status word; IllegalArgumentException for any other word. */
    public static int retriesLeft(int sw) {
        if (!isVerifyFailed(sw)) {
            throw new IllegalArgumentException("not a 63Cx status word: " + hex(sw));
        }
        return sw & 0x0F;
    }

    /** 63Cx for {@code retries} tries left; more than 15 is reported as 63CF (YubiKey behaviour). */
    public static int verifyFailed(int retries) {
        return VERIFY_FAILED | Math.min(Math.max(retries, 0), 15);
    }

    /** 61xx announcing {@code remaining} bytes (256 or more becomes 6100). */
    public static int bytesRemaining(int remaining) {
        return BYTES_REMAINING | (remaining >= 256 ? 0 : remaining);
    }

    public static String hex(int sw) {
        return String.format("%04X", sw & 0xFFFF);
    }

    /** {@code "6982 security status not satisfied"}, {@code "63C2 verification failed, 2 tries left"}. */
    public static String describe(int sw) {
        return hex(sw) + " " + meaning(sw);
    }

    /** The meaning alone, lower case. */
    public static String meaning(int sw) {
        switch (sw1(sw)) {
            case 0x61:
                return sw2(sw) == 0 ? "256 or more bytes available" : sw2(sw) + " more bytes available";
            case 0x6C:
                return "wrong Le, " + sw2(sw) + " bytes available";
            case 0x63:
                if (isVerifyFailed(sw)) {
                    int n = retriesLeft(sw);
                    return "verification failed, " + n + (n == 1 ? " try left" : " tries left");
                }
                return "warning, non-volatile memory changed";
            default:
                break;
        }
        switch (sw) {
            case SUCCESS: return "success";
            case MEMORY_FAILURE: return "memory failure";
            case WRONG_LENGTH: return "wrong length";
            case LAST_COMMAND_OF_CHAIN_EXPECTED: return "last command of the chain expected";
            case COMMAND_CHAINING_NOT_SUPPORTED: return "command chaining not supported";
            case SECURITY_STATUS_NOT_SATISFIED: return "security status not satisfied";
            case AUTH_METHOD_BLOCKED: return "authentication method blocked";
            case REFERENCE_DATA_NOT_USABLE: return "reference data not usable";
            case CONDITIONS_NOT_SATISFIED: return "conditions of use not satisfied";
            case INCORRECT_DATA: return "incorrect parameters in the data field";
            case FUNCTION_NOT_SUPPORTED: return "function not supported";
            case FILE_NOT_FOUND: return "file or application not found";
            case NOT_ENOUGH_MEMORY: return "not enough memory space in the file";
            case INCORRECT_P1P2: return "incorrect parameters P1-P2";
            case REFERENCE_DATA_NOT_FOUND: return "referenced data or reference data not found";
            case WRONG_P1P2: return "wrong parameters P1-P2";
            case INS_NOT_SUPPORTED: return "instruction code not supported or invalid";
            case CLA_NOT_SUPPORTED: return "class not supported";
            case NO_PRECISE_DIAGNOSIS: return "no precise diagnosis";
            default: return "unknown status";
        }
    }
}
