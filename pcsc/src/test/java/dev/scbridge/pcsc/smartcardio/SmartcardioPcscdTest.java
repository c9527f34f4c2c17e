package dev.scbridge.pcsc.smartcardio;

import dev.scbridge.card.PivCard;
import dev.scbridge.pcsc.CardHandle;
import dev.scbridge.pcsc.PcscContext;
import dev.scbridge.pcsc.ReaderState;
import dev.scbridge.pcsc.Scard;
import dev.scbridge.pcsc.nativ.PcscdTestSupport;
import dev.scbridge.pcsc.vpcd.VpcdLink;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import javax.smartcardio.TerminalFactory;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The javax.smartcardio adapter against pcscd + vpcd + the virtual PIV card, through jnasmartcardio 0.2.7 and
 * through the JDK's SunPCSC (pointed at libpcsclite.so.1). Run with {@code -Dgroups=pcscd}.
 */
@Tag("pcscd")
class SmartcardioPcscdTest {
    static final byte[] SELECT_PIV = HexFormat.of().parseHex("00A4040009A00000030800001000");
    static final long AWAIT_SECONDS = 30;
    private static AutoCloseable pcscd;
    private static int vpcdPort;

    @BeforeAll
    static void start() {
        pcscd = PcscdTestSupport.start();
        vpcdPort = PcscdTestSupport.vpcdPort(pcscd);
    }

    @AfterAll
    static void stop() throws Exception {
        if (pcscd != null) {
            pcscd.close();
        }
    }

    static TerminalFactory factory(String which) throws Exception {
        if (which.equals("jnasmartcardio")) {
            return TerminalFactory.getInstance("PC/SC", null, new jnasmartcardio.Smartcardio());
        }
        System.setProperty("sun.security.smartcardio.library", "/usr/lib/x86_64-linux-gnu/libpcsclite.so.1");
        return TerminalFactory.getInstance("PC/SC", null, "SunPCSC");
    }

    @ParameterizedTest
    @ValueSource(strings = {"jnasmartcardio", "SunPCSC"})
    void insertWakes_connect_transmitSelectPiv(String which) throws Exception {
        PcscContext ctx = new SmartcardioPcsc(factory(which)).establishContext();
        String reader = ctx.listReaders().stream().filter(r -> r.startsWith("Virtual PCD")).findFirst().orElseThrow();
        // the previous case's card may still be seen for a moment after its link closed: wait for EMPTY
        ReaderState now = ReaderState.of(reader, Scard.STATE_UNAWARE);
        for (int i = 0; i < 100 && !now.has(Scard.STATE_EMPTY); i++) {
            now = ctx.getStatusChange(List.of(now.next()), Scard.INFINITE).get(AWAIT_SECONDS, TimeUnit.SECONDS).get(0);
        }
        assertThat(now.has(Scard.STATE_EMPTY)).as("vpcd slot empty before the card connects").isTrue();
        CompletableFuture<List<ReaderState>> pending = ctx.getStatusChange(List.of(now.next()), Scard.INFINITE);
        try (VpcdLink link = VpcdLink.builder(PivCard.builder().build()).connectTo("127.0.0.1", vpcdPort).build().start()) {
            ReaderState present = pending.get(AWAIT_SECONDS, TimeUnit.SECONDS).get(0);
            assertThat(present.has(Scard.STATE_PRESENT | Scard.STATE_CHANGED)).isTrue();
            assertThat(link.connections()).isPositive();
            try (CardHandle h = ctx.connect(reader, Scard.SHARE_SHARED, Scard.PROTOCOL_TX)) {
                byte[] r = h.transmit(SELECT_PIV);
                assertThat(HexFormat.of().formatHex(r, r.length - 2, r.length)).isEqualTo("9000");
                assertThat(h.getAttrib(Scard.ATTR_ATR_STRING)).isNotEmpty();
                assertThat(h.status().state()).isEqualTo(Scard.CARD_SPECIFIC);
            }
        }
        ctx.release();
    }
}
