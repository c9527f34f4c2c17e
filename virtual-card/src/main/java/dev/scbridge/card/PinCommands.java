package dev.scbridge.card;

import dev.scbridge.apdu.CommandApdu;
import dev.scbridge.apdu.StatusWord;
import dev.scbridge.apdu.piv.PivKeyRef;
import java.util.Arrays;

/**
 * PIN and PUK commands: VERIFY (SP 800-73-4 Part 2 3.2.1), CHANGE REFERENCE DATA (3.2.2), RESET RETRY COUNTER
 * (3.2.3), and the YubiKey SET PIN RETRIES (INS FA) and RESET (INS FB). Status words as facts/piv.md section 4.
 */
final class PinCommands {
    private final PivCard card;

    PinCommands(PivCard card) {
        this.card = card;
    }

    private ReferenceData reference(int p2) {
        if (p2 == PivKeyRef.PIN.code()) {
            return card.state.pin;
        }
        if (p2 == PivKeyRef.PUK.code()) {
            return card.state.puk;
        }
        // 00 (global PIN) and everything else: not verifiable here.
        throw new SwException(StatusWord.REFERENCE_DATA_NOT_FOUND);
    }

    byte[] verify(CommandApdu c) {
        if (c.p1() != 0x00 && c.p1() != 0xFF) {
            throw new SwException(StatusWord.INCORRECT_P1P2);
        }
        ReferenceData ref = reference(c.p2());
        boolean isPin = ref == card.state.pin;
        if (c.p1() == 0xFF) {
            // Reset the security status of this reference; the counter is unchanged.
            if (c.nc() != 0) {
                throw new SwException(StatusWord.WRONG_LENGTH);
            }
            if (isPin) {
                card.status.pinVerified = false;
                card.status.pinJustVerified = false;
            }
            return new byte[0];
        }
        if (c.nc() == 0) {
            // Status query: 9000 when verified, else 63Cx (6983 when blocked); the counter is unchanged.
            if (ref.isBlocked()) {
                throw new SwException(StatusWord.AUTH_METHOD_BLOCKED);
            }
            if (isPin && card.status.pinVerified) {
                return new byte[0];
            }
            throw new SwException(StatusWord.verifyFailed(ref.retriesLeft()));
        }
        if (c.nc() != ReferenceData.LENGTH) {
            throw new SwException(StatusWord.INCORRECT_DATA);
        }
        if (ref.isBlocked()) {
            throw new SwException(StatusWord.AUTH_METHOD_BLOCKED);
        }
        byte[] candidate = c.data();
        boolean ok = ref.check(candidate);
        Arrays.fill(candidate, (byte) 0);
        if (!ok) {
            if (isPin) {
                card.status.pinVerified = false;
                card.status.pinJustVerified = false;
            }
            throw new SwException(StatusWord.verifyFailed(ref.retriesLeft()));
        }
        if (isPin) {
            card.status.pinVerified = true;
            card.status.pinJustVerified = true;
        }
        return new byte[0];
    }

    byte[] changeReferenceData(CommandApdu c) {
        if (c.p1() != 0x00) {
            throw new SwException(StatusWord.INCORRECT_P1P2);
        }
        ReferenceData ref = reference(c.p2());
        if (c.nc() != 2 * ReferenceData.LENGTH) {
            throw new SwException(StatusWord.INCORRECT_DATA);
        }
        if (ref.isBlocked()) {
            throw new SwException(StatusWord.AUTH_METHOD_BLOCKED);
        }
        byte[] d = c.data();
        byte[] old = Arrays.copyOfRange(d, 0, ReferenceData.LENGTH);
        byte[] fresh = Arrays.copyOfRange(d, ReferenceData.LENGTH, d.length);
        Arrays.fill(d, (byte) 0);
        try {
            if (!ref.check(old)) {
                throw new SwException(StatusWord.verifyFailed(ref.retriesLeft()));
            }
            if (!ReferenceData.isWellFormed(ref.kind(), fresh)) {
                // YubiKey: a new PIN/PUK that fails the length or format rules is 6985 (Yubico .NET SDK change-ref).
                throw new SwException(StatusWord.CONDITIONS_NOT_SATISFIED);
            }
            ref.change(fresh, false);
            return new byte[0];
        } finally {
            Arrays.fill(old, (byte) 0);
            Arrays.fill(fresh, (byte) 0);
        }
    }

    byte[] resetRetryCounter(CommandApdu c) {
        if (c.p1() != 0x00) {
            throw new SwException(StatusWord.INCORRECT_P1P2);
        }
        if (c.p2() != PivKeyRef.PIN.code()) {
            throw new SwException(StatusWord.REFERENCE_DATA_NOT_FOUND);
        }
        if (c.nc() != 2 * ReferenceData.LENGTH) {
            throw new SwException(StatusWord.INCORRECT_DATA);
        }
        ReferenceData puk = card.state.puk;
        if (puk.isBlocked()) {
            throw new SwException(StatusWord.AUTH_METHOD_BLOCKED);
        }
        byte[] d = c.data();
        byte[] pukValue = Arrays.copyOfRange(d, 0, ReferenceData.LENGTH);
        byte[] newPin = Arrays.copyOfRange(d, ReferenceData.LENGTH, d.length);
        Arrays.fill(d, (byte) 0);
        try {
            if (!puk.check(pukValue)) {
                throw new SwException(StatusWord.verifyFailed(puk.retriesLeft()));
            }
            if (!ReferenceData.isWellFormed(ReferenceData.Kind.PIN, newPin)) {
                throw new SwException(StatusWord.INCORRECT_DATA);
            }
            card.state.pin.change(newPin, false);
            card.status.pinVerified = false;
            return new byte[0];
        } finally {
            Arrays.fill(pukValue, (byte) 0);
            Arrays.fill(newPin, (byte) 0);
        }
    }

    /**
     * YubiKey SET PIN RETRIES (INS FA): P1 PIN tries, P2 PUK tries (1-255); needs the management key and a verified
     * PIN; PIN and PUK return to their defaults (Yubico .NET SDK set-pin-retries).
     */
    byte[] setPinRetries(CommandApdu c) {
        if (c.nc() != 0) {
            throw new SwException(StatusWord.WRONG_LENGTH);
        }
        if (!card.status.adminAuthenticated || !card.status.pinVerified) {
            throw new SwException(StatusWord.SECURITY_STATUS_NOT_SATISFIED);
        }
        if (c.p1() < 1 || c.p2() < 1) {
            throw new SwException(StatusWord.INCORRECT_P1P2);
        }
        card.state.resetCredentials(c.p1(), c.p2());
        card.status.pinVerified = false;
        card.status.pinJustVerified = false;
        return new byte[0];
    }

    /**
     * YubiKey RESET (INS FB): only when both PIN and PUK are blocked (else 6985); erases keys, certificates and
     * objects and restores the default PIN, PUK and management key (Yubico .NET SDK reset-piv).
     */
    byte[] reset(CommandApdu c) {
        PivCard.requireNoData(c);
        if (!card.state.pin.isBlocked() || !card.state.puk.isBlocked()) {
            throw new SwException(StatusWord.CONDITIONS_NOT_SATISFIED);
        }
        card.state.factoryReset();
        card.status.clear();
        return new byte[0];
    }
}
