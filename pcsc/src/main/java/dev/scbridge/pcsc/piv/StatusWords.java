package dev.scbridge.pcsc.piv;

import dev.scbridge.apdu.ResponseApdu;
import dev.scbridge.apdu.StatusWord;

/**
 * Maps a card's status word to the typed exception a PIV host acts on (SP 800-73-4 Part 2, the status-word tables
 * of sections 3.1-3.3; YubiKey PIV docs for 6A80/6A88 on key commands). One table, used by every operation.
 */
final class StatusWords {
    private StatusWords() {
    }

    /** Returns quietly on 9000; otherwise throws the exception that names the status word's meaning. */
    static void requireSuccess(String operation, ResponseApdu r) throws StatusWordException {
        if (!r.isSuccess()) {
            throw toException(operation, r);
        }
    }

    static StatusWordException toException(String operation, ResponseApdu r) {
        int sw = r.sw();
        if (StatusWord.isVerifyFailed(sw)) {
            return new WrongPinException(operation, r);
        }
        switch (sw) {
            case StatusWord.AUTH_METHOD_BLOCKED:
                return new PinBlockedException(operation, r);
            case StatusWord.SECURITY_STATUS_NOT_SATISFIED:
                return new SecurityStatusNotSatisfiedException(operation, r);
            case StatusWord.FILE_NOT_FOUND:
            case StatusWord.REFERENCE_DATA_NOT_FOUND:
                return new NotFoundException(operation, r);
            case StatusWord.INCORRECT_DATA:
                return new IncorrectDataException(operation, r);
            case StatusWord.INS_NOT_SUPPORTED:
                return new UnsupportedInstructionException(operation, r);
            default:
                return new StatusWordException(operation, r);
        }
    }
}
