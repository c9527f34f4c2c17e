package dev.scbridge.pcsc.virtual;

import dev.scbridge.pcsc.CardHandle;
import dev.scbridge.pcsc.PcscContext;
import dev.scbridge.pcsc.Scard;
import dev.scbridge.pcsc.ScardError;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletableFuture;

import static dev.scbridge.pcsc.virtual.VirtualTestSupport.READER;
import static dev.scbridge.pcsc.virtual.VirtualTestSupport.SELECT_PIV;
import static dev.scbridge.pcsc.virtual.VirtualTestSupport.assertFailsWith;
import static dev.scbridge.pcsc.virtual.VirtualTestSupport.assertScard;
import static dev.scbridge.pcsc.virtual.VirtualTestSupport.await;
import static org.assertj.core.api.Assertions.assertThat;

/** Transactions (SCARD_IOCTL_BEGINTRANSACTION, ENDTRANSACTION) and dispositions (2.2.2.15-16) on the virtual card. */
class VirtualTransactionTest {
    private final VirtualPcsc pcsc = new VirtualPcsc();
    private final FakeCard card = new FakeCard();
    private CardHandle a;
    private CardHandle b;

    @BeforeEach
    void setUp() throws Exception {
        pcsc.addReader(READER);
        pcsc.insertCard(READER, card);
        PcscContext ctx1 = pcsc.establishContext(Scard.SCOPE_USER);
        PcscContext ctx2 = pcsc.establishContext(Scard.SCOPE_USER);
        a = ctx1.connect(READER, Scard.SHARE_SHARED, Scard.PROTOCOL_T1);
        b = ctx2.connect(READER, Scard.SHARE_SHARED, Scard.PROTOCOL_T1);
    }

    @Test
    void transaction_excludesOtherHandles_untilEnd() throws Exception {
        await(a.beginTransactionAsync());
        a.transmit(SELECT_PIV);
        assertScard(ScardError.E_SHARING_VIOLATION, () -> b.transmit(SELECT_PIV));
        assertScard(ScardError.E_SHARING_VIOLATION, () -> b.control(Scard.IOCTL_GET_FEATURE_REQUEST_WINDOWS, new byte[0]));
        CompletableFuture<Void> waiting = b.beginTransactionAsync();
        assertThat(waiting).isNotDone();
        a.endTransaction(Scard.LEAVE_CARD);
        await(waiting);
        b.transmit(SELECT_PIV);
        assertScard(ScardError.E_SHARING_VIOLATION, () -> a.transmit(SELECT_PIV));
        b.endTransaction(Scard.LEAVE_CARD);
        a.transmit(SELECT_PIV);
    }

    @Test
    void nestedTransaction_countsOnSameHandle() throws Exception {
        await(a.beginTransactionAsync());
        await(a.beginTransactionAsync());
        a.endTransaction(Scard.LEAVE_CARD);
        assertScard(ScardError.E_SHARING_VIOLATION, () -> b.transmit(SELECT_PIV));
        a.endTransaction(Scard.LEAVE_CARD);
        b.transmit(SELECT_PIV);
    }

    @Test
    void endWithoutBegin_notTransacted() {
        assertScard(ScardError.E_NOT_TRANSACTED, () -> a.endTransaction(Scard.LEAVE_CARD));
        assertScard(ScardError.E_INVALID_VALUE, () -> a.endTransaction(4));
    }

    @Test
    void holderDisconnects_nextWaiterGetsIt() throws Exception {
        await(a.beginTransactionAsync());
        CompletableFuture<Void> waiting = b.beginTransactionAsync();
        a.disconnect(Scard.LEAVE_CARD);
        await(waiting);
        b.transmit(SELECT_PIV);
    }

    @Test
    void cardRemoved_waiterFails_removedCard() throws Exception {
        await(a.beginTransactionAsync());
        CompletableFuture<Void> waiting = b.beginTransactionAsync();
        pcsc.removeCard(READER);
        assertFailsWith(ScardError.W_REMOVED_CARD, waiting);
    }

    @Test
    void exclusiveConnect_refusedDuringTransaction() throws Exception {
        b.disconnect(Scard.LEAVE_CARD);
        await(a.beginTransactionAsync());
        assertScard(ScardError.E_SHARING_VIOLATION,
                () -> pcsc.establishContext().connect(READER, Scard.SHARE_EXCLUSIVE, Scard.PROTOCOL_T1));
    }

    @Test
    void endTransactionReset_resetsCard_otherHandleSeesResetUntilReconnect() throws Exception {
        await(a.beginTransactionAsync());
        a.endTransaction(Scard.RESET_CARD);
        assertThat(card.resets).isEqualTo(1);
        a.transmit(SELECT_PIV); // the handle that reset is not told about its own reset
        assertScard(ScardError.W_RESET_CARD, () -> b.transmit(SELECT_PIV));
        assertScard(ScardError.W_RESET_CARD, b::status);
        assertThat(b.reconnect(Scard.SHARE_SHARED, Scard.PROTOCOL_T1, Scard.LEAVE_CARD)).isEqualTo(Scard.PROTOCOL_T1);
        b.transmit(SELECT_PIV);
    }

    @Test
    void disconnectReset_resetsCard() throws Exception {
        a.disconnect(Scard.RESET_CARD);
        assertThat(card.resets).isEqualTo(1);
        assertScard(ScardError.W_RESET_CARD, () -> b.transmit(SELECT_PIV));
    }

    @Test
    void disconnectUnpower_powersOff_readerUnpowered_untilNextConnect() throws Exception {
        b.disconnect(Scard.LEAVE_CARD);
        a.disconnect(Scard.UNPOWER_CARD);
        assertThat(card.powerOffs).isEqualTo(1);
        PcscContext ctx = pcsc.establishContext();
        int state = ctx.getStatusChangeBlocking(java.util.List.of(dev.scbridge.pcsc.ReaderState.of(READER, 0)), 0)
                .get(0).eventState();
        assertThat(state & Scard.STATE_UNPOWERED).isNotZero();
        CardHandle c = ctx.connect(READER, Scard.SHARE_SHARED, Scard.PROTOCOL_T1);
        assertThat(c.status().state()).isEqualTo(Scard.CARD_SPECIFIC);
    }

    @Test
    void endTransactionUnpower_holderTransmitPowersAgain() throws Exception {
        await(a.beginTransactionAsync());
        a.endTransaction(Scard.UNPOWER_CARD);
        assertThat(card.powerOffs).isEqualTo(1);
        assertThat(a.status().state()).isEqualTo(Scard.CARD_PRESENT);
        a.transmit(SELECT_PIV);
        assertThat(a.status().state()).isEqualTo(Scard.CARD_SPECIFIC);
    }

    @Test
    void reconnectReset_resetsCard_forOthers() throws Exception {
        assertThat(a.reconnect(Scard.SHARE_SHARED, Scard.PROTOCOL_T1, Scard.RESET_CARD)).isEqualTo(Scard.PROTOCOL_T1);
        assertThat(card.resets).isEqualTo(1);
        a.transmit(SELECT_PIV);
        assertScard(ScardError.W_RESET_CARD, () -> b.transmit(SELECT_PIV));
        a.reconnect(Scard.SHARE_SHARED, Scard.PROTOCOL_T1, Scard.UNPOWER_CARD);
        assertThat(card.powerOffs).isEqualTo(1);
        assertThat(a.status().state()).isEqualTo(Scard.CARD_SPECIFIC);
    }

    @Test
    void disconnectEject_removesCard() throws Exception {
        a.disconnect(Scard.EJECT_CARD);
        assertScard(ScardError.W_REMOVED_CARD, () -> b.transmit(SELECT_PIV));
        assertThat(card.powerOffs).isEqualTo(1);
        assertScard(ScardError.E_NO_SMARTCARD,
                () -> pcsc.establishContext().connect(READER, Scard.SHARE_SHARED, Scard.PROTOCOL_T1));
        assertScard(ScardError.E_INVALID_VALUE, () -> b.disconnect(9));
    }

    @Test
    void waiterDisconnected_failsInvalidHandle() throws Exception {
        await(a.beginTransactionAsync());
        CompletableFuture<Void> waiting = b.beginTransactionAsync();
        b.disconnect(Scard.LEAVE_CARD);
        assertFailsWith(ScardError.E_INVALID_HANDLE, waiting);
        a.endTransaction(Scard.LEAVE_CARD);
        await(a.beginTransactionAsync());
    }

    @Test
    void abandonedWaiter_doesNotGetTransaction() throws Exception {
        await(a.beginTransactionAsync());
        CompletableFuture<Void> waiting = b.beginTransactionAsync();
        waiting.cancel(false);
        a.endTransaction(Scard.LEAVE_CARD);
        await(a.beginTransactionAsync()); // free again: the cancelled waiter was skipped
    }
}
