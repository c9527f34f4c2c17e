package dev.scbridge.hwtests.pcscd;

import dev.scbridge.card.PivCard;
import dev.scbridge.pcsc.vpcd.VpcdLink;

import java.io.IOException;
import java.time.Duration;

/** A fresh PivCard served in-process to the private pcscd through a {@link VpcdLink}. */
final class ServedCard implements AutoCloseable {
    static final Duration WAIT = Duration.ofSeconds(15);
    /** vpcd's first slot as pcscd names it. */
    static final String READER = "Virtual PCD 00 00";

    final PivCard card;
    final VpcdLink link;
    private final Pcscd pcscd;

    ServedCard(Pcscd pcscd, PivCard card) throws IOException, InterruptedException {
        this.pcscd = pcscd;
        this.card = card;
        this.link = VpcdLink.builder(card).connectTo("127.0.0.1", pcscd.port)
                .backoff(Duration.ofMillis(50), Duration.ofMillis(500)).build().start();
        if (!link.awaitConnections(1, WAIT)) {
            link.close();
            throw new IllegalStateException("vpcd did not accept the card within " + WAIT);
        }
        awaitPresent();
    }

    /** Waits (bounded) until pcscd reports the card in vpcd's first slot, polling opensc-tool. */
    void awaitPresent() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        Pcscd.Result last = null;
        while (System.nanoTime() < deadline) {
            last = pcscd.tool("opensc-tool", "--list-readers");
            if (last.output().lines().anyMatch(l -> l.contains(READER) && l.contains("Yes"))) {
                return;
            }
            Thread.sleep(100); // polling an external daemon's view; no event to wait on
        }
        throw new IllegalStateException("pcscd never saw the card: " + last);
    }

    @Override
    public void close() {
        link.close();
    }
}
