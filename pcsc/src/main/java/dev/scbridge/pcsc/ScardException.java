package dev.scbridge.pcsc;

import java.util.Optional;

/**
 * A WinSCard call failed with an {@code SCARD_*} return code (Windows' value, MS-RDPESC 2.2.8). The code is kept
 * as an {@code int} so that a native library's unknown code survives unchanged.
 */
public final class ScardException extends Exception {
    private final int code;

    public ScardException(ScardError error) {
        this(error.code(), null);
    }

    public ScardException(ScardError error, String detail) {
        this(error.code(), detail);
    }

    public ScardException(int code, String detail) {
        super(describe(code, detail));
        this.code = code;
    }

    /** The {@code SCARD_*} code, Windows numbering. */
    public int code() {
        return code;
    }

    /** The named error, empty for a code WinSCard does not define. */
    public Optional<ScardError> error() {
        return ScardError.fromCode(code);
    }

    /** True if this exception carries that error. */
    public boolean is(ScardError error) {
        return code == error.code();
    }

    /** {@code SCARD_E_TIMEOUT}, or {@code SCARD_0x...} for an unknown code. */
    public String scardName() {
        return error().map(ScardError::scardName).orElse(String.format("SCARD_0x%08X", code));
    }

    /** What the code means, in a few words. */
    public String meaning() {
        return error().map(ScardError::meaning).orElse("unknown PC/SC error");
    }

    private static String describe(int code, String detail) {
        String name = ScardError.fromCode(code).map(ScardError::scardName).orElse("SCARD_?");
        String meaning = ScardError.fromCode(code).map(ScardError::meaning).orElse("unknown PC/SC error");
        String base = String.format("%s (0x%08X): %s", name, code, meaning);
        return detail == null ? base : base + "; " + detail;
    }
}
