package dev.scbridge.bridge;

import dev.scbridge.apdu.Hex;
import dev.scbridge.apdu.Tlv;
import dev.scbridge.apdu.piv.Ccc;
import dev.scbridge.ca.CaKeyType;
import dev.scbridge.ca.CertificateAuthority;
import dev.scbridge.ca.InMemoryCaSigner;
import dev.scbridge.ca.IssuancePolicy;
import dev.scbridge.ca.UserIdentity;
import dev.scbridge.rdp.efs.ServerAnnounce;
import dev.scbridge.rdp.host.RdpHost;
import dev.scbridge.rdp.host.WindowsSmartCardSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Issue 6, sections 2 and 3 (Java API): sessions whose card Windows logs on with over their RDP channel. */
class BridgeTest {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final UserIdentity ALICE = UserIdentity.of("alice", "example.test",
            "S-1-5-21-1004336348-1177238915-682003330-1001");
    private static final String SELECT = "00 A4 04 00 09 A0 00 00 03 08 00 00 10 00";
    private static final String VERIFY_WRONG = "00 20 00 80 08 39 39 39 39 39 39 39 39";
    private static CertificateAuthority ca;
    /** RSA-2048 as in the recorded Windows logon; one key pooled so the first session is a hit. */
    private static Bridge rsa;

    @BeforeAll
    static void setUp() throws Exception {
        ca = CertificateAuthority.builder().keyType(CaKeyType.P256).random(RANDOM).build();
        rsa = Bridge.builder().ca(ca).keyPool(1, SessionKeyType.RSA_2048).random(RANDOM).build();
        assertThat(rsa.awaitKeyPool(1, Duration.ofSeconds(60))).isTrue();
    }

    @AfterAll
    static void tearDown() {
        rsa.close();
    }

    /** A Windows host (RdpHost) wired to a session's channel, as RdpLogon wires one. */
    private static final class Windows {
        final List<byte[]> fromServer = new CopyOnWriteArrayList<>();
        final RdpHost[] host = new RdpHost[1];
        Session session;

        Session open(Bridge bridge, UserIdentity identity) throws Exception {
            session = bridge.openSession(identity, pdu -> host[0].fromClient(pdu));
            host[0] = new RdpHost(pdu -> {
                fromServer.add(pdu);
                session.channel().receive(pdu);
            });
            return session;
        }
    }

    @Test
    void aWindowsLogonOverTheSessionsChannelSignsWithTheSessionKey() throws Exception {
        Windows w = new Windows();
        try (Session s = w.open(rsa, ALICE)) {
            assertThat(rsa.metrics().pool().hits()).isGreaterThanOrEqualTo(1);
            assertThat(s.upn()).isEqualTo("alice@example.test");
            w.host[0].handshake();
            try (WindowsSmartCardSession windows = new WindowsSmartCardSession(w.host[0])) {
                assertThat(windows.open()).isEqualTo(RdpLogon.READER);
                LogonResult logon = new WindowsLogonExchange(ca.certificate(), Clock.systemUTC(), RANDOM)
                        .play(windows.transport(), s.pin(), ExchangeListener.NONE);
                assertThat(logon.upn()).isEqualTo("alice@example.test");
                assertThat(logon.signatureAlgorithm()).isEqualTo("SHA1withRSA");
                assertThat(logon.certificate()).isEqualTo(s.certificate());
            }
            assertThat(s.droppedPdus()).isZero();
        }
    }

    @Test
    void closeWipesThePinAndTheCardAndLaterPdusAreIgnored() throws Exception {
        Windows w = new Windows();
        Session s = w.open(rsa, ALICE);
        w.host[0].handshake();
        int open = rsa.metrics().sessionsOpen();
        s.close();
        s.close(); // idempotent
        assertThat(s.isClosed()).isTrue();
        assertThat(rsa.metrics().sessionsOpen()).isEqualTo(open - 1);
        assertThatThrownBy(() -> s.pin().reveal()).isInstanceOf(IllegalStateException.class);
        // the wiped card holds no key and no certificate any more
        assertThat(sw(s, SELECT)).isEqualTo(0x9000);
        assertThat(sw(s, "00 CB 3F FF 05 5C 03 5F C1 05 00")).isEqualTo(0x6A82);
        long received = s.channel().stats().received();
        long sent = s.channel().stats().sent();
        for (byte[] pdu : w.fromServer) {
            s.channel().receive(pdu);
        }
        assertThat(s.channel().stats().received()).isEqualTo(received);
        assertThat(s.channel().stats().sent()).isEqualTo(sent);
    }

    @Test
    void wrongPinsThroughTheChannelLockTheCard() throws Exception {
        Windows w = new Windows();
        try (Session s = w.open(rsa, ALICE)) {
            w.host[0].handshake();
            try (WindowsSmartCardSession windows = new WindowsSmartCardSession(w.host[0])) {
                windows.open();
                var card = windows.transport();
                assertThat(sw(card.transmit(Hex.decode(SELECT)))).isEqualTo(0x9000);
                assertThat(sw(card.transmit(Hex.decode(VERIFY_WRONG)))).isEqualTo(0x63C2);
                assertThat(sw(card.transmit(Hex.decode(VERIFY_WRONG)))).isEqualTo(0x63C1);
                assertThat(sw(card.transmit(Hex.decode(VERIFY_WRONG)))).isEqualTo(0x63C0);
                byte[] right = Hex.decode("00 20 00 80 08 " + Hex.plain(s.pin().verifyData()));
                assertThat(sw(card.transmit(right))).isEqualTo(0x6983);
            }
        }
    }

    @Test
    void theSessionCardHasTheConfiguredRetriesAChuidAndACcc() throws Exception {
        try (Bridge bridge = Bridge.builder().ca(ca).keyPool(0, SessionKeyType.P256).pinRetries(5).build();
             Session s = bridge.openSession(ALICE)) {
            assertThat(sw(s, SELECT)).isEqualTo(0x9000);
            assertThat(sw(s, "00 20 00 80 00")).isEqualTo(0x63C5);
            byte[] ccc = s.card().transmit(Hex.decode("00 CB 3F FF 05 5C 03 5F C1 07 00"));
            Ccc decoded = Ccc.decode(Tlv.parseSingle(Arrays.copyOf(ccc, ccc.length - 2)).value());
            assertThat(decoded.dataModelNumber()).isEqualTo(Ccc.PIV_DATA_MODEL);
            assertThat(sw(s, "00 CB 3F FF 05 5C 03 5F C1 02 00")).isEqualTo(0x9000); // CHUID
            assertThat(s.pin().length()).isEqualTo(8);
            assertThat(s.toString()).doesNotContain(s.pin().reveal());
            assertThat(bridge.metrics().pool().misses()).isEqualTo(1);
        }
    }

    @Test
    void pdusEmittedBeforeAttachAreDroppedAndCounted() throws Exception {
        try (Bridge bridge = Bridge.builder().ca(ca).keyPool(0, SessionKeyType.P256).build();
             Session s = bridge.openSession(ALICE)) {
            byte[] announce = new ServerAnnounce(1, 0x000D, 3).encode();
            s.channel().receive(announce);
            assertThat(s.droppedPdus()).isEqualTo(2); // Client Announce Reply + Client Name Request
            List<byte[]> out = new ArrayList<>();
            s.attach(out::add);
            assertThatThrownBy(() -> s.attach(out::add)).isInstanceOf(IllegalStateException.class);
            s.channel().receive(announce); // a reset: the handshake again
            assertThat(out).hasSize(2);
        }
    }

    @Test
    void fiftySessionsFromEightThreads() throws Exception {
        try (Bridge bridge = Bridge.builder().ca(ca).keyPool(8, SessionKeyType.P256).build()) {
            ExecutorService threads = Executors.newFixedThreadPool(8);
            List<Session> sessions;
            try {
                List<Callable<Session>> opens = new ArrayList<>();
                for (int i = 0; i < 50; i++) {
                    UserIdentity who = UserIdentity.of("user" + i, "example.test");
                    opens.add(() -> bridge.openSession(who, pdu -> { }));
                }
                sessions = new ArrayList<>();
                for (Future<Session> f : threads.invokeAll(opens, 60, TimeUnit.SECONDS)) {
                    sessions.add(f.get());
                }
            } finally {
                threads.shutdownNow();
            }
            Bridge.Metrics m = bridge.metrics();
            assertThat(m.sessionsOpen()).isEqualTo(50);
            assertThat(m.sessionsOpened()).isEqualTo(50);
            assertThat(m.pool().hits() + m.pool().misses()).isEqualTo(50);
            assertThat(m.pool().size()).isBetween(0, 8);
            assertThat(m.issuanceP50()).isPositive().isLessThanOrEqualTo(m.issuanceP99());
            Set<Object> serials = new HashSet<>();
            Set<Object> keys = new HashSet<>();
            for (Session s : sessions) {
                serials.add(s.certificate().getSerialNumber());
                keys.add(s.certificate().getPublicKey());
            }
            assertThat(serials).hasSize(50);
            assertThat(keys).hasSize(50);
            sessions.parallelStream().forEach(Session::close);
            assertThat(bridge.metrics().sessionsOpen()).isZero();
        }
    }

    @Test
    void closingTheBridgeClosesItsSessions() throws Exception {
        Bridge bridge = Bridge.builder().ca(ca).keyPool(0, SessionKeyType.P256).build();
        Session s = bridge.openSession(ALICE);
        bridge.close();
        assertThat(s.isClosed()).isTrue();
        assertThatThrownBy(() -> s.pin().reveal()).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> bridge.openSession(ALICE)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aBridgeBuiltFromTheCaKeyIssuesUnderItsOwnPolicy() throws Exception {
        InMemoryCaSigner signer = InMemoryCaSigner.generate(CaKeyType.P256, RANDOM);
        X509Certificate caCert = CertificateAuthority.builder().signer(signer).build().certificate();
        try (Bridge bridge = Bridge.builder().ca(signer, caCert).validity(Duration.ofMinutes(2))
                .crlUrl("http://pki.example.test/scbridge.crl").keyPool(0, SessionKeyType.P256).build();
             Session s = bridge.openSession(ALICE)) {
            X509Certificate cert = s.certificate();
            long seconds = (cert.getNotAfter().getTime() - cert.getNotBefore().getTime()) / 1000;
            assertThat(seconds).isEqualTo(Duration.ofMinutes(2).plus(IssuancePolicy.DEFAULT_BACKDATE).toSeconds());
            assertThat(cert.getExtensionValue("2.5.29.31")).isNotNull(); // CRL distribution points
            cert.verify(caCert.getPublicKey());
        }
    }

    @Test
    void badBuildsAreRejected() {
        assertThatThrownBy(() -> Bridge.builder().build()).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("exactly one CA");
        assertThatThrownBy(() -> Bridge.builder().ca(ca).validity(Duration.ofMinutes(1)).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("own issuance policy");
        assertThatThrownBy(() -> Bridge.builder().pinRetries(16)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Bridge.builder().keyPool(-1, SessionKeyType.P256))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static int sw(Session s, String apdu) {
        return sw(s.card().transmit(Hex.decode(apdu)));
    }

    private static int sw(byte[] response) {
        return ((response[response.length - 2] & 0xFF) << 8) | (response[response.length - 1] & 0xFF);
    }
}
