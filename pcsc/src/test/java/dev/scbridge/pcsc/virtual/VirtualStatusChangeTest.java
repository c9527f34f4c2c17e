package dev.scbridge.pcsc.virtual;

import dev.scbridge.pcsc.PcscContext;
import dev.scbridge.pcsc.ReaderState;
import dev.scbridge.pcsc.Scard;
import dev.scbridge.pcsc.ScardError;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static dev.scbridge.pcsc.virtual.VirtualTestSupport.READER;
import static dev.scbridge.pcsc.virtual.VirtualTestSupport.assertFailsWith;
import static dev.scbridge.pcsc.virtual.VirtualTestSupport.await;
import static org.assertj.core.api.Assertions.assertThat;

/** SCardGetStatusChange semantics (MS-RDPESC 2.2.7; SCARD_IOCTL_GETSTATUSCHANGEW). */
class VirtualStatusChangeTest {
    private final VirtualPcsc pcsc = new VirtualPcsc();
    private PcscContext ctx;

    @BeforeEach
    void setUp() throws Exception {
        pcsc.addReader(READER);
        ctx = pcsc.establishContext(Scard.SCOPE_SYSTEM);
    }

    @Test
    void unaware_answersAtOnceWithEmpty() throws Exception {
        List<ReaderState> r = await(ctx.getStatusChange(List.of(ReaderState.of(READER, Scard.STATE_UNAWARE)), 0));
        assertThat(r.get(0).has(Scard.STATE_EMPTY | Scard.STATE_CHANGED)).isTrue();
        assertThat(r.get(0).eventCount()).isZero();
        assertThat(r.get(0).atr()).isEmpty();
    }

    @Test
    void insert_wakesPendingCall_withAtrAndCounter() throws Exception {
        CompletableFuture<List<ReaderState>> pending =
                ctx.getStatusChange(List.of(ReaderState.of(READER, Scard.STATE_EMPTY)), Scard.INFINITE);
        assertThat(pending).isNotDone();
        pcsc.insertCard(READER, new FakeCard());
        ReaderState s = await(pending).get(0);
        assertThat(s.has(Scard.STATE_PRESENT | Scard.STATE_CHANGED)).isTrue();
        assertThat(s.eventCount()).isEqualTo(1);
        assertThat(s.atr()).isEqualTo(FakeCard.ATR);

        // the next call with what we know waits; removal wakes it with the counter at 2
        CompletableFuture<List<ReaderState>> next = ctx.getStatusChange(List.of(s.next()), Scard.INFINITE);
        assertThat(next).isNotDone();
        pcsc.removeCard(READER);
        ReaderState removed = await(next).get(0);
        assertThat(removed.has(Scard.STATE_EMPTY | Scard.STATE_CHANGED)).isTrue();
        assertThat(removed.eventCount()).isEqualTo(2);
    }

    @Test
    void staleEventCount_isAChange() throws Exception {
        pcsc.insertCard(READER, new FakeCard());
        pcsc.removeCard(READER);
        pcsc.insertCard(READER, new FakeCard());
        // the caller saw PRESENT with count 1; the flags match but the count (3) does not
        int seen = Scard.STATE_PRESENT | (1 << Scard.EVENT_COUNT_SHIFT);
        ReaderState s = await(ctx.getStatusChange(List.of(ReaderState.of(READER, seen)), 0)).get(0);
        assertThat(s.changed()).isTrue();
        assertThat(s.eventCount()).isEqualTo(3);
    }

    @Test
    void cancel_finishesPendingCall_cancelled() throws Exception {
        CompletableFuture<List<ReaderState>> pending =
                ctx.getStatusChange(List.of(ReaderState.of(READER, Scard.STATE_EMPTY)), Scard.INFINITE);
        ctx.cancel();
        assertFailsWith(ScardError.E_CANCELLED, pending);
        ctx.cancel(); // nothing pending: still succeeds
    }

    @Test
    void release_finishesPendingCall_cancelled() throws Exception {
        CompletableFuture<List<ReaderState>> pending =
                ctx.getStatusChange(List.of(ReaderState.of(READER, Scard.STATE_EMPTY)), Scard.INFINITE);
        ctx.release();
        assertFailsWith(ScardError.E_CANCELLED, pending);
    }

    @Test
    void timeout_finishesPendingCall_timeout() {
        CompletableFuture<List<ReaderState>> pending =
                ctx.getStatusChange(List.of(ReaderState.of(READER, Scard.STATE_EMPTY)), 1);
        assertFailsWith(ScardError.E_TIMEOUT, pending);
    }

    @Test
    void zeroTimeout_noChange_timeoutAtOnce() {
        assertFailsWith(ScardError.E_TIMEOUT, ctx.getStatusChange(List.of(ReaderState.of(READER, Scard.STATE_EMPTY)), 0));
    }

    @Test
    void tooManyStates_invalidValue() {
        List<ReaderState> states = Collections.nCopies(Scard.MAX_READER_STATES + 1, ReaderState.of(READER, 0));
        assertFailsWith(ScardError.E_INVALID_VALUE, ctx.getStatusChange(states, 0));
        assertFailsWith(ScardError.E_INVALID_VALUE, ctx.getStatusChange(List.of(ReaderState.of(READER, 0)), -1));
    }

    @Test
    void elevenStates_accepted() throws Exception {
        List<ReaderState> states = Collections.nCopies(Scard.MAX_READER_STATES, ReaderState.of(READER, 0));
        assertThat(await(ctx.getStatusChange(states, 0))).hasSize(Scard.MAX_READER_STATES);
    }

    @Test
    void emptyList_answersAtOnce() throws Exception {
        assertThat(await(ctx.getStatusChange(List.of(), Scard.INFINITE))).isEmpty();
    }

    @Test
    void unknownReader_unknownChangedIgnore() throws Exception {
        ReaderState s = await(ctx.getStatusChange(List.of(ReaderState.of("Nope", Scard.STATE_EMPTY)), 0)).get(0);
        assertThat(s.has(Scard.STATE_UNKNOWN | Scard.STATE_CHANGED | Scard.STATE_IGNORE)).isTrue();
        // already known to be unknown: no change
        assertFailsWith(ScardError.E_TIMEOUT, ctx.getStatusChange(List.of(ReaderState.of("Nope", Scard.STATE_UNKNOWN)), 0));
    }

    @Test
    void ignoredEntry_neverChanges() {
        assertFailsWith(ScardError.E_TIMEOUT, ctx.getStatusChange(List.of(ReaderState.of(READER, Scard.STATE_IGNORE)), 0));
    }

    @Test
    void pnp_highWordIsReaderCount_wakesOnReaderAdded() throws Exception {
        // Windows sends the PnP entry with 0 (facts/rdp.md sec. 4): it waits for the count to change
        CompletableFuture<List<ReaderState>> pending = ctx.getStatusChange(
                List.of(ReaderState.of(Scard.PNP_NOTIFICATION, 0)), Scard.INFINITE);
        assertThat(pending).isNotDone();
        pcsc.addReader("Second");
        ReaderState s = await(pending).get(0);
        assertThat(s.changed()).isTrue();
        assertThat(s.eventCount()).isEqualTo(2);
        assertThat(Scard.stateFlags(s.eventState())).isEqualTo(Scard.STATE_CHANGED);

        // a caller that knows the count 2 sees no change; one that knew 1 sees it at once
        assertFailsWith(ScardError.E_TIMEOUT, ctx.getStatusChange(List.of(s.next()), 0));
        ReaderState stale = await(ctx.getStatusChange(
                List.of(ReaderState.of(Scard.PNP_NOTIFICATION, 1 << Scard.EVENT_COUNT_SHIFT)), 0)).get(0);
        assertThat(stale.changed()).isTrue();
    }

    @Test
    void readerRemoved_wakesWatcher_unknown() throws Exception {
        CompletableFuture<List<ReaderState>> pending =
                ctx.getStatusChange(List.of(ReaderState.of(READER, Scard.STATE_EMPTY)), Scard.INFINITE);
        pcsc.removeReader(READER);
        assertThat(await(pending).get(0).has(Scard.STATE_UNKNOWN | Scard.STATE_CHANGED)).isTrue();
    }

    @Test
    void connect_setsInUse_wakesWatcher() throws Exception {
        pcsc.insertCard(READER, new FakeCard());
        int present = Scard.STATE_PRESENT | (1 << Scard.EVENT_COUNT_SHIFT);
        CompletableFuture<List<ReaderState>> pending =
                ctx.getStatusChange(List.of(ReaderState.of(READER, present)), Scard.INFINITE);
        PcscContext other = pcsc.establishContext(Scard.SCOPE_USER);
        other.connect(READER, Scard.SHARE_EXCLUSIVE, Scard.PROTOCOL_T1);
        ReaderState s = await(pending).get(0);
        assertThat(s.has(Scard.STATE_PRESENT | Scard.STATE_EXCLUSIVE | Scard.STATE_CHANGED)).isTrue();
    }

    @Test
    void pendingCalls_bounded_noMemory() throws Exception {
        List<CompletableFuture<List<ReaderState>>> all = new ArrayList<>();
        for (int i = 0; i < VirtualPcsc.MAX_PENDING_CALLS; i++) {
            all.add(ctx.getStatusChange(List.of(ReaderState.of(READER, Scard.STATE_EMPTY)), Scard.INFINITE));
        }
        assertFailsWith(ScardError.E_NO_MEMORY,
                ctx.getStatusChange(List.of(ReaderState.of(READER, Scard.STATE_EMPTY)), Scard.INFINITE));
        // an abandoned future frees its slot
        all.get(0).cancel(false);
        CompletableFuture<List<ReaderState>> again =
                ctx.getStatusChange(List.of(ReaderState.of(READER, Scard.STATE_EMPTY)), Scard.INFINITE);
        assertThat(again).isNotDone();
        ctx.cancel();
        assertFailsWith(ScardError.E_CANCELLED, again);
    }

    @Test
    void blockingConvenience_returnsAndThrows() throws Exception {
        assertThat(ctx.getStatusChangeBlocking(List.of(ReaderState.of(READER, 0)), 0).get(0).changed()).isTrue();
        VirtualTestSupport.assertScard(ScardError.E_TIMEOUT,
                () -> ctx.getStatusChangeBlocking(List.of(ReaderState.of(READER, Scard.STATE_EMPTY)), 0));
    }
}
