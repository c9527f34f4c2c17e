package dev.scbridge.rdp.scard;

import dev.scbridge.card.PivCard;
import dev.scbridge.pcsc.ReaderState;
import dev.scbridge.pcsc.Scard;
import dev.scbridge.pcsc.ScardError;
import dev.scbridge.pcsc.virtual.VirtualPcsc;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static dev.scbridge.rdp.scard.ScardTestSupport.ATR;
import static dev.scbridge.rdp.scard.ScardTestSupport.EMPTY_READER;
import static dev.scbridge.rdp.scard.ScardTestSupport.READER;
import static dev.scbridge.rdp.scard.ScardTestSupport.assertFailsWith;
import static dev.scbridge.rdp.scard.ScardTestSupport.await;
import static org.assertj.core.api.Assertions.assertThat;

class GetStatusChangeTest {
    private final VirtualPcsc pcsc = ScardTestSupport.backend();
    private final ScardService service = new ScardService(pcsc, ReaderFilter.all());

    @AfterEach
    void close() {
        service.close();
    }

    /** vectors/windows-logon-trace.txt steps 022-023: GETSTATUSCHANGEW_Return's two ReaderState_Return entries. */
    @Test
    void traceFirstCall_matchesRecordedReturn() throws Exception {
        ScardId ctx = service.establishContext(Scard.SCOPE_USER);
        StatusChangeResult r = await(service.getStatusChange(ctx, Scard.INFINITE, List.of(
                ReaderState.of(Scard.PNP_NOTIFICATION, 0), ReaderState.of(READER, Scard.STATE_EMPTY))));
        assertThat(r.returnCode()).isZero();
        assertThat(r.states()).containsExactly(
                new ReaderState(Scard.PNP_NOTIFICATION, 0, 0, new byte[0]),
                new ReaderState(READER, 0x10, 0x22, ATR));
    }

    /** Trace step 024: PnP cur 0 and "Teleport" cur 0x22 stays pending; Cancel finishes it. */
    @Test
    void traceSecondCall_staysPendingUntilCancel() throws Exception {
        ScardId ctx = service.establishContext(Scard.SCOPE_USER);
        CompletableFuture<StatusChangeResult> f = service.getStatusChange(ctx, Scard.INFINITE, List.of(
                new ReaderState(Scard.PNP_NOTIFICATION, 0, 0, null), new ReaderState(READER, 0x22, 0, ATR)));
        assertThat(f).isNotDone();
        assertThat(service.pendingCalls()).isEqualTo(1);
        // the logon connects and transacts meanwhile (trace 035-038): the parked call must not wake
        ScardId other = service.establishContext(Scard.SCOPE_USER);
        Connection c = service.connect(other, READER, Scard.SHARE_SHARED, Scard.PROTOCOL_T1);
        await(service.beginTransaction(other, c.handle()));
        assertThat(f).isNotDone();
        service.cancel(ctx);
        assertFailsWith(ScardError.E_CANCELLED, f);
        assertThat(service.pendingCalls()).isZero();
    }

    @Test
    void pnpAlone_parksWithoutBackendAndTimesOutWithStates() throws Exception {
        ScardId ctx = service.establishContext(Scard.SCOPE_USER);
        StatusChangeResult r = await(service.getStatusChange(ctx, 20, List.of(ReaderState.of(Scard.PNP_NOTIFICATION, 0))));
        assertThat(r.timedOut()).isTrue();
        assertThat(r.states()).containsExactly(new ReaderState(Scard.PNP_NOTIFICATION, 0, 0, null));
    }

    @Test
    void pnpWithCount_reportsExposedReaderCount() throws Exception {
        ScardService one = new ScardService(pcsc, ReaderFilter.only(READER));
        ScardId ctx = one.establishContext(Scard.SCOPE_USER);
        StatusChangeResult r = await(one.getStatusChange(ctx, 0,
                List.of(ReaderState.of(Scard.PNP_NOTIFICATION, 5 << 16))));
        assertThat(r.states().get(0).eventState()).isEqualTo(1 << 16 | Scard.STATE_CHANGED);
        StatusChangeResult same = await(one.getStatusChange(ctx, 0,
                List.of(ReaderState.of(Scard.PNP_NOTIFICATION, 1 << 16))));
        assertThat(same.timedOut()).isTrue();
        assertThat(same.states().get(0).eventState()).isEqualTo(1 << 16);
        one.close();
    }

    @Test
    void pnpWithCount_wakesOnlyOnExposedReaderChanges() throws Exception {
        VirtualPcsc backend = new VirtualPcsc();
        ScardService s = new ScardService(backend, ReaderFilter.only("Late"));
        backend.addReader("Other");
        ScardId ctx = s.establishContext(Scard.SCOPE_USER);
        CompletableFuture<StatusChangeResult> unplugged = s.getStatusChange(ctx, Scard.INFINITE,
                List.of(ReaderState.of("Late", Scard.STATE_UNKNOWN))); // exposed name, not plugged in yet
        assertThat(unplugged).isNotDone();
        backend.addReader("Another"); // not exposed: no answer
        assertThat(unplugged).isNotDone();
        backend.addReader("Late");
        assertThat(await(unplugged).states().get(0).eventState()).isEqualTo(Scard.STATE_EMPTY | Scard.STATE_CHANGED);

        CompletableFuture<StatusChangeResult> pnp = s.getStatusChange(ctx, Scard.INFINITE,
                List.of(ReaderState.of(Scard.PNP_NOTIFICATION, 1 << 16)));
        assertThat(pnp).isNotDone();
        backend.removeReader("Another"); // backend count changes, exposed count does not
        assertThat(pnp).isNotDone();
        backend.removeReader("Late");
        assertThat(await(pnp).states().get(0).eventState()).isEqualTo(Scard.STATE_CHANGED); // 0 readers
        s.close();
    }

    @Test
    void cardInsert_completesParkedCall() throws Exception {
        ScardId ctx = service.establishContext(Scard.SCOPE_USER);
        CompletableFuture<StatusChangeResult> f = service.getStatusChange(ctx, Scard.INFINITE,
                List.of(ReaderState.of(EMPTY_READER, Scard.STATE_EMPTY)));
        assertThat(f).isNotDone();
        pcsc.insertCard(EMPTY_READER, PivCard.builder().build());
        StatusChangeResult r = await(f);
        assertThat(r.states().get(0).eventState()).isEqualTo(Scard.STATE_PRESENT | Scard.STATE_CHANGED);
        assertThat(r.states().get(0).atr()).isEqualTo(ATR);
        assertThat(service.pendingCalls()).isZero();
    }

    @Test
    void cardSwapWhileParked_isAChangeEvenWithSameState() throws Exception {
        ScardId ctx = service.establishContext(Scard.SCOPE_USER);
        CompletableFuture<StatusChangeResult> f = service.getStatusChange(ctx, Scard.INFINITE,
                List.of(ReaderState.of(READER, Scard.STATE_PRESENT)));
        pcsc.removeCard(READER);
        // the removal alone already answers: EMPTY differs from PRESENT
        assertThat(await(f).states().get(0).eventState()).isEqualTo(Scard.STATE_EMPTY | Scard.STATE_CHANGED);
    }

    @Test
    void eventCounts_reportedOnlyWhenConfigured() throws Exception {
        ScardService counting = new ScardService(pcsc, ReaderFilter.all(), ScardLimits.DEFAULTS,
                ScardOptions.DEFAULTS.withEventCounts(true));
        ScardId ctx = counting.establishContext(Scard.SCOPE_USER);
        StatusChangeResult r = await(counting.getStatusChange(ctx, 0, List.of(ReaderState.of(READER, 0))));
        assertThat(r.states().get(0).eventState()).isEqualTo(1 << 16 | Scard.STATE_PRESENT | Scard.STATE_CHANGED);
        counting.close();
    }

    @Test
    void usage_reportedOnlyWhenConfigured() throws Exception {
        ScardService usage = new ScardService(pcsc, ReaderFilter.all(), ScardLimits.DEFAULTS,
                ScardOptions.DEFAULTS.withUsage(true));
        ScardId ctx = usage.establishContext(Scard.SCOPE_USER);
        CompletableFuture<StatusChangeResult> f = usage.getStatusChange(ctx, Scard.INFINITE,
                List.of(ReaderState.of(READER, Scard.STATE_PRESENT)));
        assertThat(f).isNotDone();
        usage.connect(ctx, READER, Scard.SHARE_SHARED, Scard.PROTOCOL_T1);
        assertThat(await(f).states().get(0).eventState())
                .isEqualTo(Scard.STATE_PRESENT | Scard.STATE_INUSE | Scard.STATE_CHANGED);
        usage.close();
    }

    @Test
    void poll_unchanged_isTimeoutWithStates() throws Exception {
        ScardId ctx = service.establishContext(Scard.SCOPE_USER);
        StatusChangeResult r = await(service.getStatusChange(ctx, 0, List.of(ReaderState.of(READER, Scard.STATE_PRESENT))));
        assertThat(r.returnCode()).isEqualTo(ScardError.E_TIMEOUT.code());
        assertThat(r.states()).containsExactly(new ReaderState(READER, 0x20, 0x20, ATR));
        assertThat(service.pendingCalls()).isZero();
    }

    @Test
    void timeout_onSharedTimer() throws Exception {
        ScardId ctx = service.establishContext(Scard.SCOPE_USER);
        StatusChangeResult r = await(service.getStatusChange(ctx, 10, List.of(ReaderState.of(EMPTY_READER, Scard.STATE_EMPTY))));
        assertThat(r.timedOut()).isTrue();
        assertThat(r.states().get(0).eventState()).isEqualTo(Scard.STATE_EMPTY);
        assertThat(service.pendingCalls()).isZero();
    }

    @Test
    void unknownAndFilteredReaders_areUnknownIgnoreChanged() throws Exception {
        ScardService one = new ScardService(pcsc, ReaderFilter.only(READER));
        ScardId ctx = one.establishContext(Scard.SCOPE_USER);
        StatusChangeResult r = await(one.getStatusChange(ctx, 0,
                List.of(ReaderState.of("Nope", 0), ReaderState.of(EMPTY_READER, 0))));
        int unknown = Scard.STATE_UNKNOWN | Scard.STATE_IGNORE | Scard.STATE_CHANGED;
        assertThat(r.states()).extracting(ReaderState::eventState).containsExactly(unknown, unknown);
        StatusChangeResult again = await(one.getStatusChange(ctx, 0,
                List.of(ReaderState.of("Nope", Scard.STATE_UNKNOWN))));
        assertThat(again.timedOut()).isTrue();
        one.close();
    }

    @Test
    void ignoredEntry_returnedAsGiven() throws Exception {
        ScardId ctx = service.establishContext(Scard.SCOPE_USER);
        ReaderState ignored = ReaderState.of(READER, Scard.STATE_IGNORE);
        StatusChangeResult r = await(service.getStatusChange(ctx, 0, List.of(ignored)));
        assertThat(r.timedOut()).isTrue();
        assertThat(r.states()).containsExactly(ignored);
    }

    @Test
    void releaseContext_cancelsParkedCall() throws Exception {
        ScardId ctx = service.establishContext(Scard.SCOPE_USER);
        CompletableFuture<StatusChangeResult> f = service.getStatusChange(ctx, Scard.INFINITE,
                List.of(ReaderState.of(EMPTY_READER, Scard.STATE_EMPTY)));
        service.releaseContext(ctx);
        assertFailsWith(ScardError.E_CANCELLED, f);
        assertThat(service.pendingCalls()).isZero();
    }

    @Test
    void cancel_onlyAffectsItsContext() throws Exception {
        ScardId a = service.establishContext(Scard.SCOPE_USER);
        ScardId b = service.establishContext(Scard.SCOPE_USER);
        List<ReaderState> watch = List.of(ReaderState.of(EMPTY_READER, Scard.STATE_EMPTY));
        CompletableFuture<StatusChangeResult> fa = service.getStatusChange(a, Scard.INFINITE, watch);
        CompletableFuture<StatusChangeResult> fb = service.getStatusChange(b, Scard.INFINITE, watch);
        service.cancel(a);
        assertFailsWith(ScardError.E_CANCELLED, fa);
        assertThat(fb).isNotDone();
        pcsc.insertCard(EMPTY_READER, PivCard.builder().build());
        assertThat(await(fb).returnCode()).isZero();
    }

    @Test
    void tooManyStates_isInvalidValue_elevenAccepted() throws Exception {
        ScardId ctx = service.establishContext(Scard.SCOPE_USER);
        List<ReaderState> eleven = Collections.nCopies(11, ReaderState.of(READER, 0));
        assertThat(await(service.getStatusChange(ctx, 0, eleven)).states()).hasSize(11);
        List<ReaderState> twelve = Collections.nCopies(12, ReaderState.of(READER, 0));
        assertFailsWith(ScardError.E_INVALID_VALUE, service.getStatusChange(ctx, 0, twelve));
        assertFailsWith(ScardError.E_INVALID_VALUE, service.getStatusChange(ctx, Scard.INFINITE + 1, List.of()));
    }

    @Test
    void pendingLimit_isNoMemory() throws Exception {
        ScardService small = new ScardService(pcsc, ReaderFilter.all(), ScardLimits.DEFAULTS.withPendingCalls(2),
                ScardOptions.DEFAULTS);
        ScardId ctx = small.establishContext(Scard.SCOPE_USER);
        List<ReaderState> watch = List.of(ReaderState.of(EMPTY_READER, Scard.STATE_EMPTY));
        small.getStatusChange(ctx, Scard.INFINITE, watch);
        small.getStatusChange(ctx, Scard.INFINITE, watch);
        assertFailsWith(ScardError.E_NO_MEMORY, small.getStatusChange(ctx, Scard.INFINITE, watch));
        // an immediate answer needs no slot
        assertThat(await(small.getStatusChange(ctx, 0, List.of(ReaderState.of(READER, 0)))).returnCode()).isZero();
        small.cancel(ctx);
        assertThat(small.pendingCalls()).isZero();
        small.close();
    }

    @Test
    void foreignContext_isInvalidHandle() {
        assertFailsWith(ScardError.E_INVALID_HANDLE,
                service.getStatusChange(new ScardId(new byte[8]), 0, List.of()));
    }
}
