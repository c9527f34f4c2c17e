package dev.scbridge.hwtests.piv;

import dev.scbridge.apdu.ResponseApdu;
import dev.scbridge.apdu.StatusWord;
import java.io.IOException;

/**
 * Puts a card back to its factory state through APDUs alone, as ykman's {@code piv reset} does (facts/piv.md 4, 6):
 * block the PIN with wrong VERIFYs of 8 x FF, block the PUK with wrong RESET RETRY COUNTERs of FF..FF, then RESET
 * (INS FB). Transports whose card cannot simply be rebuilt (vpcd with a saved card, a YubiKey) use this in
 * {@link PivConformanceSuite#factoryDefaultCard()}. Keys, certificates and objects are erased; the F9 attestation
 * key and certificate stay; PIN, PUK and management key return to their defaults with 3 tries each.
 */
public final class FactoryReset {
    /** More tries than SET PIN RETRIES can set (255): a card that never blocks fails instead of looping. */
    private static final int MAX_TRIES = 256;
    private static final String WRONG_PIN = "00 20 00 80 08 FF FF FF FF FF FF FF FF";
    private static final String WRONG_PUK = "00 2C 00 80 10 FF FF FF FF FF FF FF FF FF FF FF FF FF FF FF FF";

    private FactoryReset() {
    }

    /** Resets {@code card} and returns it, selected and warm-reset. */
    public static CardUnderTest apply(CardUnderTest card) throws IOException {
        PivHost host = new PivHost(card);
        host.select();
        blockPinAndPuk(host);
        host.expect(host.raw("00 FB 00 00"), StatusWord.SUCCESS, "RESET");
        card.reset();
        return card;
    }

    /** Each wrong try must count down (63Cx) until 6983. */
    static void blockPinAndPuk(PivHost host) {
        block(host, WRONG_PIN, "PIN");
        block(host, WRONG_PUK, "PUK");
    }

    private static void block(PivHost host, String wrongTry, String what) {
        int previous = Integer.MAX_VALUE;
        for (int i = 0; i < MAX_TRIES; i++) {
            ResponseApdu r = host.raw(wrongTry);
            if (r.sw() == StatusWord.AUTH_METHOD_BLOCKED) {
                return;
            }
            if (!StatusWord.isVerifyFailed(r.sw()) || StatusWord.retriesLeft(r.sw()) > previous) {
                throw new AssertionError(host.description() + ": blocking the " + what + " got "
                        + StatusWord.describe(r.sw()) + " (expected a 63Cx count-down, then 6983)");
            }
            previous = StatusWord.retriesLeft(r.sw());
        }
        throw new AssertionError(host.description() + ": the " + what + " never blocked");
    }
}
