package dev.scbridge.apdu;

import java.io.ByteArrayOutputStream;

/**
 * Card side of command chaining (ISO/IEC 7816-4 5.1.1.1): collects the pieces of a chain (CLA b5 set on all but the
 * last) into one command. Pieces must keep INS, P1 and P2; any piece size is accepted (Windows sends 240-byte pieces,
 * yubico-piv-tool 255). The assembled data is bounded by {@link CommandApdu#MAX_DATA_LENGTH}.
 *
 * <p>Not thread-safe: one per card, used under the card's serialization.
 */
public final class ChainAssembler {
    /** What the card should do with one incoming piece. */
    public sealed interface Step {
        /** An intermediate piece was stored: answer 9000. */
        record More() implements Step {
        }

        /** The chain (or a lone command) is complete: execute it. */
        record Complete(CommandApdu command) implements Step {
        }

        /** The piece breaks the chain: answer this status word; the chain is discarded. */
        record Reject(int sw) implements Step {
        }
    }

    private static final Step MORE = new Step.More();

    private ByteArrayOutputStream pending;
    private int cla;
    private int ins;
    private int p1;
    private int p2;

    /** Feeds one command. */
    public Step accept(CommandApdu piece) {
        boolean chained = piece.isChained();
        if (pending != null && (piece.ins() != ins || piece.p1() != p1 || piece.p2() != p2
                || (piece.cla() & ~CommandApdu.CLA_CHAINING) != (cla & ~CommandApdu.CLA_CHAINING))) {
            reset();
            // A different command in the middle of a chain: the chain is abandoned (SP 800-73-4 Part 2:
            // an interrupted chain rolls back) and the new command is processed on its own.
            if (!chained) {
                return new Step.Complete(piece);
            }
        }
        if (pending == null && !chained) {
            return new Step.Complete(piece);
        }
        if (pending == null) {
            pending = new ByteArrayOutputStream();
            cla = piece.cla();
            ins = piece.ins();
            p1 = piece.p1();
            p2 = piece.p2();
        }
        if (pending.size() + piece.nc() > CommandApdu.MAX_DATA_LENGTH) {
            reset();
            return new Step.Reject(StatusWord.WRONG_LENGTH);
        }
        pending.writeBytes(piece.data());
        if (chained) {
            return MORE;
        }
        CommandApdu whole = new CommandApdu(piece.cla(), ins, p1, p2, pending.toByteArray(), piece.ne());
        reset();
        return new Step.Complete(whole);
    }

    /** True while a chain is open. */
    public boolean inChain() {
        return pending != null;
    }

    /** Drops any partial chain (card reset, another application selected). */
    public void reset() {
        pending = null;
    }
}
