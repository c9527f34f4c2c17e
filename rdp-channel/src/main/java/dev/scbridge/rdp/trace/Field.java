package dev.scbridge.rdp.trace;

import java.util.Optional;

/**
 * One fact from a {@code fields:} line.
 *
 * @param key        the name before {@code =}, e.g. {@code "dwCurrentState"} or {@code "ioSendPci.dwProtocol"};
 *                   empty for a quoted string that stands alone (a reader name in a reader-state list)
 * @param raw        the value exactly as written, without the quotes of a quoted string
 * @param kind       how the value was written
 * @param qualifier  text in parentheses between key and {@code =}: {@code "C-APDU"} in
 *                   {@code pbSendBuffer (C-APDU)=00 A4}
 * @param annotation text in parentheses right after the value: {@code "SCARD_STATE_EMPTY"} in
 *                   {@code dwCurrentState=0x00000010 (SCARD_STATE_EMPTY)}
 * @param line       index of the {@code fields:} line within its block, 0-based
 */
public record Field(String key, String raw, Kind kind, Optional<String> qualifier, Optional<String> annotation,
        int line) {

    /** How a value was written. */
    public enum Kind {
        /** {@code "..."}; no escapes are processed ({@code "\\?PnP?\Notification"} is kept verbatim). */
        QUOTED,
        /** Two or more space-separated hex bytes: {@code 00 A4 04 00}. */
        HEX_BYTES,
        /** {@code {0x00,0x00,0x01,0xea}}. */
        BRACED,
        /** Anything else up to white space, {@code ,} {@code ;} or an unmatched {@code )}. */
        TOKEN
    }

    /** True if this field is named {@code name}, or ends in {@code "." + name} ({@code Transmit_Call.hCard}). */
    public boolean matches(String name) {
        return key.equals(name) || key.endsWith("." + name);
    }
}
