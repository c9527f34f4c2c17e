package dev.scbridge.cli;

import dev.scbridge.pcsc.piv.BadResponseException;
import dev.scbridge.pcsc.piv.IncorrectDataException;
import dev.scbridge.pcsc.piv.NotFoundException;
import dev.scbridge.pcsc.piv.PinBlockedException;
import dev.scbridge.pcsc.piv.PivException;
import dev.scbridge.pcsc.piv.SecurityStatusNotSatisfiedException;
import dev.scbridge.pcsc.piv.StatusWordException;
import dev.scbridge.pcsc.piv.UnsupportedInstructionException;
import dev.scbridge.pcsc.piv.WrongPinException;

/**
 * One line that says what a card's answer means to the person at the keyboard ("wrong PIN, 2 tries left"), in the
 * words ykman and yubico-piv-tool use. The status word follows in parentheses for whoever debugs it.
 */
final class PivErrors {
    private PivErrors() {
    }

    /** @param secret "PIN" or "PUK": what a 63Cx / 6983 in this command is about */
    static String describe(PivException e, String secret) {
        if (e instanceof WrongPinException w) {
            int n = w.retriesLeft();
            return n == 0 ? "wrong " + secret + ", no tries left: the " + secret + " is now blocked"
                    : "wrong " + secret + ", " + n + (n == 1 ? " try left" : " tries left");
        }
        if (e instanceof PinBlockedException) {
            return "PIN".equals(secret)
                    ? "the PIN is blocked; unblock it with 'scbridge piv unblock-pin' (6983)"
                    : "the " + secret + " is blocked; only 'scbridge piv reset' can recover the card (6983)";
        }
        if (e instanceof SecurityStatusNotSatisfiedException s) {
            return "not allowed without the PIN or the management key (" + sw(s) + ")";
        }
        if (e instanceof NotFoundException s) {
            return "not found on the card: " + operation(s) + " (" + sw(s) + ")";
        }
        if (e instanceof IncorrectDataException s) {
            return "the card refused the data (empty slot or wrong key type?): " + operation(s) + " (" + sw(s) + ")";
        }
        if (e instanceof UnsupportedInstructionException s) {
            return "the card does not support this command: " + operation(s) + " (" + sw(s) + ")";
        }
        if (e instanceof StatusWordException s) {
            if (s.sw() == 0x6985) {
                return "conditions of use not satisfied: " + operation(s) + " (6985)";
            }
            return "card error: " + s.getMessage();
        }
        if (e instanceof BadResponseException) {
            return "unexpected answer from the card: " + e.getMessage();
        }
        return e.getMessage();
    }

    private static String sw(StatusWordException e) {
        return String.format("%04X", e.sw());
    }

    /** "GET DATA 5FC10A" out of "GET DATA 5FC10A: 6A82 file or application not found". */
    private static String operation(StatusWordException e) {
        String m = e.getMessage();
        int colon = m.lastIndexOf(": ");
        return colon < 0 ? m : m.substring(0, colon);
    }
}
