package dev.scbridge.pcsc.virtual;

import dev.scbridge.card.CardEdge;
import dev.scbridge.pcsc.Scard;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * One in-process reader slot and the card in it. All fields are guarded by {@link VirtualPcsc#lock}.
 * {@code insertions} identifies the card that is in (a handle bound to an older insertion sees
 * {@code SCARD_W_REMOVED_CARD}); {@code resets} counts resets and power-offs (a handle that did not cause the
 * latest one sees {@code SCARD_W_RESET_CARD} until it reconnects).
 */
final class VirtualReader {
    /** Readers answer T=1 only: the virtual PIV card's ATR announces T=1 (TD1 = 0x81). */
    static final int SUPPORTED_PROTOCOLS = Scard.PROTOCOL_T1;

    final String name;
    final int index;
    CardEdge card;
    boolean powered;
    /** The protocol negotiated since the last power-up, or UNDEFINED. */
    int protocol;
    /** Insert/remove events, reported in the high word of the reader state (16 bits, wraps). */
    int eventCounter;
    long insertions;
    long resets;
    boolean attached = true;
    final List<VirtualCardHandle> handles = new ArrayList<>();
    VirtualCardHandle transactionOwner;
    int transactionDepth;
    final ArrayDeque<TransactionWaiter> transactionWaiters = new ArrayDeque<>();

    record TransactionWaiter(VirtualCardHandle handle, CompletableFuture<Void> future) {
    }

    VirtualReader(String name, int index) {
        this.name = name;
        this.index = index;
    }

    boolean hasCard() {
        return card != null;
    }

    /** The reader's state flags and event count, as SCardGetStatusChange reports them (MS-RDPESC 2.2.7). */
    int eventState() {
        int flags;
        if (card == null) {
            flags = Scard.STATE_EMPTY;
        } else {
            flags = Scard.STATE_PRESENT;
            boolean exclusive = false;
            boolean inUse = false;
            for (VirtualCardHandle h : handles) {
                inUse = true;
                exclusive |= h.shareMode == Scard.SHARE_EXCLUSIVE;
            }
            if (exclusive) {
                flags |= Scard.STATE_EXCLUSIVE;
            } else if (inUse) {
                flags |= Scard.STATE_INUSE;
            }
            if (!powered) {
                flags |= Scard.STATE_UNPOWERED;
            }
        }
        return flags | ((eventCounter & 0xFFFF) << Scard.EVENT_COUNT_SHIFT);
    }

    byte[] atr() {
        return card == null ? new byte[0] : card.atr();
    }
}
