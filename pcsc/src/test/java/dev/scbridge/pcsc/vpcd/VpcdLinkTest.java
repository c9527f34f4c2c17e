package dev.scbridge.pcsc.vpcd;

import dev.scbridge.card.PivCard;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Arrays;

import static dev.scbridge.pcsc.vpcd.VpcdFrameDecoderTest.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The link over real loopback sockets against a vpcd peer written in the test. */
class VpcdLinkTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    // SP 800-73-4 SELECT of the PIV application (OpenSC's 9-byte AID form).
    private static final byte[] SELECT_PIV = hex("00A4040009A00000030800001000");

    private static VpcdLink.Builder fast(dev.scbridge.card.CardEdge card) {
        return VpcdLink.builder(card).backoff(Duration.ofMillis(20), Duration.ofMillis(200));
    }

    @Test
    void pivCard_servedThroughTheLink() throws Exception {
        PivCard card = PivCard.builder().build();
        try (FakeVpcd vpcd = FakeVpcd.listen();
             VpcdLink link = fast(card).connectTo("127.0.0.1", vpcd.port()).build().start()) {
            vpcd.accept();
            assertThat(vpcd.atr()).isEqualTo(card.atr());
            byte[] r = vpcd.transmit(SELECT_PIV);
            assertThat(Arrays.copyOfRange(r, r.length - 2, r.length)).isEqualTo(hex("9000"));
            // YubiKey GET VERSION: 5.7.1, the card's default.
            assertThat(vpcd.transmit(hex("00FD000000"))).isEqualTo(hex("050701 9000"));
            assertThat(link.awaitConnections(1, WAIT)).isTrue();
        }
    }

    @Test
    void everyCardCall_onTheLinksOneCardThread() throws Exception {
        FakeCard card = FakeCard.ok();
        try (FakeVpcd vpcd = FakeVpcd.listen();
             VpcdLink link = fast(card).connectTo("127.0.0.1", vpcd.port()).build().start()) {
            vpcd.accept();
            vpcd.send(new byte[] {1});
            vpcd.atr();
            vpcd.transmit(hex("00A4040000"));
            vpcd.dropConnection();
            vpcd.accept();
            vpcd.atr();
            assertThat(link.awaitConnections(2, WAIT)).isTrue();
        }
        assertThat(card.threads).isNotEmpty();
        assertThat(card.threads.stream().distinct()).hasSize(1);
        assertThat(card.threads.get(0)).startsWith("vpcd-card");
    }

    @Test
    void vpcdRestart_linkReconnects() throws Exception {
        FakeCard card = FakeCard.ok();
        int port;
        try (FakeVpcd first = FakeVpcd.listen()) {
            port = first.port();
            VpcdLink link = fast(card).connectTo("127.0.0.1", port).build().start();
            try {
                first.accept();
                assertThat(first.atr()).isEqualTo(FakeCard.ATR);
                first.close(); // pcscd stops: connection and listener gone; the link backs off and retries
                try (FakeVpcd second = FakeVpcd.listen(port)) {
                    second.accept();
                    assertThat(second.atr()).isEqualTo(FakeCard.ATR);
                    assertThat(link.awaitConnections(2, WAIT)).isTrue();
                }
            } finally {
                link.close();
            }
        }
        assertThat(card.calls).contains("powerOff");
    }

    @Test
    void garbageFromVpcd_linkClosesThatConnectionAndReconnects() throws Exception {
        FakeCard card = FakeCard.ok();
        try (FakeVpcd vpcd = FakeVpcd.listen();
             VpcdLink link = fast(card).connectTo("127.0.0.1", vpcd.port()).build().start()) {
            vpcd.accept();
            vpcd.sendRaw(hex("0001 07"));           // unknown control code
            assertThat(vpcd.closedByPeer()).isTrue();
            vpcd.accept();                           // the link came back by itself
            vpcd.sendRaw(hex("0000"));               // empty frame
            assertThat(vpcd.closedByPeer()).isTrue();
            vpcd.accept();
            assertThat(vpcd.atr()).isEqualTo(FakeCard.ATR);
            assertThat(link.awaitConnections(3, WAIT)).isTrue();
        }
    }

    @Test
    void truncatedFrameThenClose_linkSurvivesAndReconnects() throws Exception {
        try (FakeVpcd vpcd = FakeVpcd.listen();
             VpcdLink link = fast(FakeCard.ok()).connectTo("127.0.0.1", vpcd.port()).build().start()) {
            vpcd.accept();
            vpcd.sendRaw(hex("0010 00A404"));
            vpcd.dropConnection();
            vpcd.accept();
            assertThat(vpcd.transmit(hex("00A4040000"))).isEqualTo(hex("9000"));
            assertThat(link.awaitConnections(2, WAIT)).isTrue();
        }
    }

    @Test
    void noVpcdYet_linkKeepsTryingUntilItAppears() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort(); // free now; nobody listens on it until below
        }
        try (VpcdLink link = fast(FakeCard.ok()).connectTo("127.0.0.1", port).build().start()) {
            assertThat(link.isConnected()).isFalse();
            try (FakeVpcd vpcd = FakeVpcd.listen(port)) {
                vpcd.accept();
                assertThat(vpcd.atr()).isEqualTo(FakeCard.ATR);
                assertThat(link.awaitConnections(1, WAIT)).isTrue();
            }
        }
    }

    @Test
    void listenMode_vpcdConnectsToTheCard() throws Exception {
        try (VpcdLink link = fast(FakeCard.ok()).listenOn("127.0.0.1", 0).build().start();
             FakeVpcd vpcd = FakeVpcd.connect(link.address().getPort())) {
            assertThat(vpcd.atr()).isEqualTo(FakeCard.ATR);
            assertThat(vpcd.transmit(hex("00A4040000"))).isEqualTo(hex("9000"));
            assertThat(link.awaitConnections(1, WAIT)).isTrue();
            try (FakeVpcd second = FakeVpcd.connect(link.address().getPort())) {
                assertThat(second.closedByPeer()).isTrue(); // one vpcd at a time
            }
            assertThat(vpcd.atr()).isEqualTo(FakeCard.ATR);
        }
    }

    @Test
    void listenMode_portTaken_isAnIOException() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            VpcdLink link = fast(FakeCard.ok()).listenOn("127.0.0.1", taken.getLocalPort()).build();
            assertThatThrownBy(link::start).isInstanceOf(IOException.class).hasMessageContaining("cannot listen");
            link.close();
        }
    }

    @Test
    void transport_isEpollOnLinuxX86() {
        VpcdLink link = VpcdLink.builder(FakeCard.ok()).build();
        try {
            if ("Linux".equals(System.getProperty("os.name")) && "amd64".equals(System.getProperty("os.arch"))) {
                assertThat(link.transport()).isEqualTo("epoll");
            }
            assertThat(VpcdLink.builder(FakeCard.ok()).nioOnly().build()).satisfies(l -> {
                assertThat(l.transport()).isEqualTo("nio");
                l.close();
            });
        } finally {
            link.close();
        }
    }

    @Test
    void badSettings_rejected() {
        assertThatThrownBy(() -> VpcdLink.builder(FakeCard.ok()).connectTo("127.0.0.1", 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> VpcdLink.builder(FakeCard.ok()).connectTo(" ", 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> VpcdLink.builder(FakeCard.ok()).backoff(Duration.ZERO, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
