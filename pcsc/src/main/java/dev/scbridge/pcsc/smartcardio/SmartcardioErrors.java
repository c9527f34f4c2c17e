package dev.scbridge.pcsc.smartcardio;

import dev.scbridge.pcsc.ScardError;
import dev.scbridge.pcsc.ScardException;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * javax.smartcardio reports PC/SC errors as {@link javax.smartcardio.CardException}s whose message (or cause's)
 * names the code ("SCARD_E_NO_READERS_AVAILABLE" in SunPCSC and jnasmartcardio); the numeric code is not public
 * API. The name is looked up; anything else becomes {@code SCARD_F_UNKNOWN_ERROR}.
 */
final class SmartcardioErrors {
    private static final Pattern NAME = Pattern.compile("SCARD_([EWFP]_[A-Z_]+)");

    private SmartcardioErrors() {
    }

    static ScardException translate(Exception e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = t.getMessage();
            if (m == null) {
                continue;
            }
            Matcher matcher = NAME.matcher(m);
            while (matcher.find()) {
                try {
                    return new ScardException(ScardError.valueOf(matcher.group(1)), e.toString());
                } catch (IllegalArgumentException notOurs) {
                    // a name WinSCard does not define: keep looking
                }
            }
        }
        if (e instanceof IllegalStateException) {
            return new ScardException(ScardError.E_INVALID_HANDLE, e.toString());
        }
        if (e instanceof IllegalArgumentException) {
            return new ScardException(ScardError.E_INVALID_PARAMETER, e.toString());
        }
        return new ScardException(ScardError.F_UNKNOWN_ERROR, e.toString());
    }
}
