package dev.scbridge.rdp.scard;

import dev.scbridge.pcsc.ScardError;

import java.util.List;
import java.util.Objects;

/**
 * A finished SCardGetStatusChange (MS-RDPESC 2.2.3.5 GetStatusChange_Return): {@code returnCode} is
 * {@code SCARD_S_SUCCESS} or {@code SCARD_E_TIMEOUT}, and both carry every entry's state in call order (FreeRDP keeps
 * the states for a timeout, facts/rdp.md 3.1). Other failures complete the future exceptionally instead.
 */
public record StatusChangeResult(int returnCode, List<dev.scbridge.pcsc.ReaderState> states) {
    public StatusChangeResult {
        Objects.requireNonNull(states, "states");
        states = List.copyOf(states);
        if (returnCode != ScardError.S_SUCCESS.code() && returnCode != ScardError.E_TIMEOUT.code()) {
            throw new IllegalArgumentException(String.format("return code 0x%08X", returnCode));
        }
    }

    static StatusChangeResult success(List<dev.scbridge.pcsc.ReaderState> states) {
        return new StatusChangeResult(ScardError.S_SUCCESS.code(), states);
    }

    static StatusChangeResult timeout(List<dev.scbridge.pcsc.ReaderState> states) {
        return new StatusChangeResult(ScardError.E_TIMEOUT.code(), states);
    }

    /** True for SCARD_E_TIMEOUT. */
    public boolean timedOut() {
        return returnCode == ScardError.E_TIMEOUT.code();
    }
}
