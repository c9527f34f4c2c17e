package dev.scbridge.pcsc.piv;

import dev.scbridge.apdu.ResponseApdu;
import dev.scbridge.apdu.StatusWord;

/**
 * The card answered with a status word other than 9000 (ISO/IEC 7816-4 5.1.3; SP 800-73-4 Part 2 status tables).
 * The subclasses name the status words a PIV host acts on; any other word arrives as this class. The response is
 * kept (its data is never printed: {@link ResponseApdu#toString()} shows only length and status).
 */
public sealed class StatusWordException extends PivException
        permits WrongPinException, PinBlockedException, SecurityStatusNotSatisfiedException, NotFoundException,
        IncorrectDataException, UnsupportedInstructionException {
    private static final long serialVersionUID = 1L;

    private final transient ResponseApdu response;
    private final int sw;

    /** @param operation what was attempted, e.g. "VERIFY PIN"; the message adds the status word and its meaning */
    public StatusWordException(String operation, ResponseApdu response) {
        super(operation + ": " + StatusWord.describe(response.sw()), null);
        this.response = response;
        this.sw = response.sw();
    }

    /** The status word, e.g. {@code 0x6982}. */
    public int sw() {
        return sw;
    }

    /** The whole response the card sent. */
    public ResponseApdu response() {
        return response;
    }
}
