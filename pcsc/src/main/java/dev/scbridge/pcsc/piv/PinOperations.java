package dev.scbridge.pcsc.piv;

import dev.scbridge.apdu.CommandApdu;
import dev.scbridge.apdu.ResponseApdu;
import dev.scbridge.apdu.StatusWord;
import dev.scbridge.apdu.piv.PivKeyRef;
import dev.scbridge.apdu.piv.Pivs;

import java.io.IOException;
import java.util.Arrays;

/**
 * PIN and PUK commands: VERIFY (SP 800-73-4 Part 2, 3.2.1), CHANGE REFERENCE DATA (3.2.2) and RESET RETRY COUNTER
 * (3.2.3). A wrong value throws {@link WrongPinException} with the tries left, a blocked one
 * {@link PinBlockedException}. Padded PIN bytes are wiped after each command.
 */
public final class PinOperations {
    /** Retry counters are one byte (YubiKey SET PIN RETRIES takes 1-255), so blocking needs at most 255 tries. */
    static final int MAX_BLOCK_ATTEMPTS = 255;
    private static final int P1_VERIFY = 0x00;
    private static final int P1_RESET_STATUS = 0xFF;

    private final PivSession session;

    PinOperations(PivSession session) {
        this.session = session;
    }

    /** VERIFY the application PIN ({@code 00 20 00 80 08 <PIN FF-padded>}). */
    public void verifyPin(Pin pin) throws IOException, PivException {
        verify(PivKeyRef.PIN, pin);
    }

    /** VERIFY a PIN or PUK reference (80 or 81). */
    public void verify(PivKeyRef reference, Pin pin) throws IOException, PivException {
        checkReference(reference);
        byte[] data = pin.padded();
        try {
            session.send("VERIFY " + reference.name(),
                    new CommandApdu(0x00, Pivs.INS_VERIFY, P1_VERIFY, reference.code(), data));
        } finally {
            Arrays.fill(data, (byte) 0);
        }
    }

    /** VERIFY with no data: verified, tries left, or blocked, without spending a try. */
    public PinStatus status(PivKeyRef reference) throws IOException, PivException {
        checkReference(reference);
        ResponseApdu r = session.transmit(new CommandApdu(0x00, Pivs.INS_VERIFY, P1_VERIFY, reference.code()));
        if (r.isSuccess()) {
            return new PinStatus(true, false, PinStatus.UNKNOWN);
        }
        if (StatusWord.isVerifyFailed(r.sw())) {
            int left = StatusWord.retriesLeft(r.sw());
            return new PinStatus(false, left == 0, left);
        }
        if (r.sw() == StatusWord.AUTH_METHOD_BLOCKED) {
            return new PinStatus(false, true, 0);
        }
        throw StatusWords.toException("VERIFY " + reference.name() + " status", r);
    }

    /** VERIFY P1=FF: clears the PIN's verified status (YubiKey 5.4.3+, SP 800-73-4 Part 2, 3.2.1). */
    public void logout() throws IOException, PivException {
        session.send("VERIFY reset", new CommandApdu(0x00, Pivs.INS_VERIFY, P1_RESET_STATUS, PivKeyRef.PIN.code()));
    }

    /** CHANGE REFERENCE DATA for the PIN ({@code 00 24 00 80 10 old new}). */
    public void changePin(Pin oldPin, Pin newPin) throws IOException, PivException {
        change(Pivs.INS_CHANGE_REFERENCE_DATA, PivKeyRef.PIN, "CHANGE PIN", oldPin, newPin);
    }

    /** CHANGE REFERENCE DATA for the PUK ({@code 00 24 00 81 10 old new}). */
    public void changePuk(Pin oldPuk, Pin newPuk) throws IOException, PivException {
        change(Pivs.INS_CHANGE_REFERENCE_DATA, PivKeyRef.PUK, "CHANGE PUK", oldPuk, newPuk);
    }

    /** RESET RETRY COUNTER: unblocks the PIN with the PUK ({@code 00 2C 00 80 10 PUK newPIN}). */
    public void unblockPin(Pin puk, Pin newPin) throws IOException, PivException {
        change(Pivs.INS_RESET_RETRY_COUNTER, PivKeyRef.PIN, "UNBLOCK PIN", puk, newPin);
    }

    /**
     * Spends every PIN try with a value no PIN can have (8 x FF), as ykman and yubikit do before a reset.
     * Returns when the card says 6983 or 63C0.
     */
    public void blockPin() throws IOException, PivException {
        block("block PIN", new CommandApdu(0x00, Pivs.INS_VERIFY, P1_VERIFY, PivKeyRef.PIN.code(), padding(8)));
    }

    /** Spends every PUK try with RESET RETRY COUNTER and FF values (ykman {@code _block_puk}). */
    public void blockPuk() throws IOException, PivException {
        block("block PUK", new CommandApdu(0x00, Pivs.INS_RESET_RETRY_COUNTER, 0x00, PivKeyRef.PIN.code(),
                padding(16)));
    }

    private void block(String operation, CommandApdu wrong) throws IOException, PivException {
        for (int i = 0; i < MAX_BLOCK_ATTEMPTS; i++) {
            ResponseApdu r = session.transmit(wrong);
            if (r.sw() == StatusWord.AUTH_METHOD_BLOCKED || r.sw() == StatusWord.verifyFailed(0)) {
                return;
            }
            if (!StatusWord.isVerifyFailed(r.sw())) {
                throw StatusWords.toException(operation, r);
            }
        }
        throw new BadResponseException(operation + ": still not blocked after " + MAX_BLOCK_ATTEMPTS + " tries");
    }

    private void change(int ins, PivKeyRef reference, String operation, Pin current, Pin next)
            throws IOException, PivException {
        byte[] a = current.padded();
        byte[] b = next.padded();
        byte[] data = new byte[a.length + b.length];
        System.arraycopy(a, 0, data, 0, a.length);
        System.arraycopy(b, 0, data, a.length, b.length);
        try {
            session.send(operation, new CommandApdu(0x00, ins, 0x00, reference.code(), data));
        } finally {
            Arrays.fill(a, (byte) 0);
            Arrays.fill(b, (byte) 0);
            Arrays.fill(data, (byte) 0);
        }
    }

    private static byte[] padding(int n) {
        byte[] out = new byte[n];
        Arrays.fill(out, (byte) 0xFF);
        return out;
    }

    private static void checkReference(PivKeyRef reference) {
        if (reference != PivKeyRef.PIN && reference != PivKeyRef.PUK) {
            throw new IllegalArgumentException(reference + " is not a PIN or PUK reference");
        }
    }
}
