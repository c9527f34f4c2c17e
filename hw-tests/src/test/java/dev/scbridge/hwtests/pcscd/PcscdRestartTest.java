package dev.scbridge.hwtests.pcscd;

import dev.scbridge.card.PivCard;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Tier 2 fault: pcscd killed and restarted while a card is served; the link reconnects by itself. */
@Tag("pcscd")
class PcscdRestartTest {
    @Test
    void pcscdRestart_linkReconnects_nextOpenscCallWorks() throws Exception {
        try (Pcscd pcscd = Pcscd.require();
             ServedCard served = new ServedCard(pcscd, PivCard.builder().build())) {
            Pcscd.Result restart = pcscd.script("restart");
            assertThat(restart.exit()).as(restart.toString()).isZero();
            assertThat(served.link.awaitConnections(2, ServedCard.WAIT)).as("reconnected after restart").isTrue();
            served.awaitPresent();
            Pcscd.Result atr = pcscd.tool("opensc-tool", "--reader", "0", "-a");
            assertThat(atr.exit()).as(atr.toString()).isZero();
            assertThat(atr.output()).contains("3b:95:13:81:01:80:73:ff:01:00:0b");
        }
    }
}
