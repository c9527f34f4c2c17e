package dev.scbridge.pcsc.virtual;

import dev.scbridge.pcsc.CardHandle;
import dev.scbridge.pcsc.PcscContext;
import dev.scbridge.pcsc.ReaderState;
import dev.scbridge.pcsc.Scard;
import dev.scbridge.pcsc.ScardException;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static dev.scbridge.pcsc.virtual.VirtualTestSupport.READER;
import static dev.scbridge.pcsc.virtual.VirtualTestSupport.SELECT_PIV;
import static org.assertj.core.api.Assertions.assertThat;

/** Transmits, transactions and status changes racing card inserts and removals: no deadlock, no lost wake-up. */
class VirtualConcurrencyTest {
    private static final int WORKERS = 4;
    private static final int ROUNDS = 300;

    @Test
    void workersAndCardEvents_allFinish() throws Exception {
        VirtualPcsc pcsc = new VirtualPcsc();
        pcsc.addReader(READER);
        pcsc.insertCard(READER, new FakeCard());
        ExecutorService pool = Executors.newFixedThreadPool(WORKERS + 1);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int w = 0; w < WORKERS; w++) {
                results.add(pool.submit(() -> work(pcsc)));
            }
            Future<?> events = pool.submit(() -> {
                for (int i = 0; i < ROUNDS; i++) {
                    pcsc.removeCard(READER);
                    pcsc.insertCard(READER, new FakeCard());
                }
                return null;
            });
            events.get(60, TimeUnit.SECONDS);
            for (Future<Integer> r : results) {
                assertThat(r.get(60, TimeUnit.SECONDS)).isEqualTo(ROUNDS);
            }
        } finally {
            pool.shutdownNow();
        }
        // every card event was counted: one insert at the start, then ROUNDS removes and inserts
        PcscContext ctx = pcsc.establishContext();
        ReaderState s = ctx.getStatusChangeBlocking(List.of(ReaderState.of(READER, 0)), 0).get(0);
        assertThat(s.eventCount()).isEqualTo(1 + 2 * ROUNDS);
    }

    /** Each round: a status change that must answer at once, and a transaction with one APDU if a card is in. */
    private static int work(VirtualPcsc pcsc) throws Exception {
        PcscContext ctx = pcsc.establishContext();
        int rounds = 0;
        for (int i = 0; i < ROUNDS; i++) {
            CompletableFuture<List<ReaderState>> f = ctx.getStatusChange(List.of(ReaderState.of(READER, 0)), Scard.INFINITE);
            assertThat(f.get(30, TimeUnit.SECONDS).get(0).changed()).isTrue();
            try (CardHandle h = ctx.connect(READER, Scard.SHARE_SHARED, Scard.PROTOCOL_T1)) {
                h.beginTransactionAsync().get(30, TimeUnit.SECONDS);
                h.transmit(SELECT_PIV);
                h.endTransaction(Scard.LEAVE_CARD);
            } catch (ScardException | java.util.concurrent.ExecutionException expected) {
                // the card went away under us: removed-card, no-smartcard or a failed waiting transaction
            }
            rounds++;
        }
        ctx.release();
        return rounds;
    }
}
