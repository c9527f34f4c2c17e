package dev.scbridge.bench;

import dev.scbridge.bridge.SessionCard;
import dev.scbridge.bridge.SessionKeyType;
import dev.scbridge.bridge.SessionPin;
import dev.scbridge.ca.CertificateAuthority;
import dev.scbridge.ca.UserIdentity;
import dev.scbridge.pcsc.Scard;
import dev.scbridge.pcsc.virtual.VirtualPcsc;
import dev.scbridge.rdp.RdpdrSmartCardChannel;
import dev.scbridge.rdp.esc.EstablishContextCall;
import dev.scbridge.rdp.esc.EstablishContextReturn;
import dev.scbridge.rdp.esc.GetStatusChangeCall;
import dev.scbridge.rdp.esc.Ioctl;
import dev.scbridge.rdp.esc.ReaderStateCall;
import dev.scbridge.rdp.esc.ReaderStateCommon;
import dev.scbridge.rdp.host.RdpHost;
import dev.scbridge.rdp.scard.ReaderFilter;
import dev.scbridge.rdp.scard.ScardService;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.io.ByteArrayInputStream;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Heap held by one idle RDP session, as a gateway holds it after logon: its card (RSA-2048 key in 9A, certificate,
 * CHUID, PIN) in a virtual reader, the ScardService and RdpdrSmartCardChannel after the handshake, with Windows'
 * system context open and its INFINITE GetStatusChange parked. {@value #SESSIONS} sessions are built and kept; the
 * retained heap (after full GCs) divided by their number is reported as {@code bytesPerSession} (goal: 10,000
 * sessions in a process at &lt;= 16 KB each). Every session gets its own key and certificate objects, decoded from
 * bytes, so nothing is shared that a real gateway would not share (key generation itself is not the point here).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1)
// one measured iteration: JMH sums EVENTS counters over iterations, and bytesPerSession is a per-iteration figure
@Measurement(iterations = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class IdleSessionHeapBenchmark {
    static final int SESSIONS = 10_000;
    private static final String READER = "scbridge Virtual PIV 0";

    private byte[] privateKey;
    private byte[] publicKey;
    private byte[] certificate;
    private SecureRandom random;
    private List<Object> kept;

    /** Reported next to the time: retained bytes per idle session. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class Footprint {
        public long bytesPerSession;
    }

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        random = new SecureRandom();
        KeyPair key = SessionKeyType.RSA_2048.generate(random);
        privateKey = key.getPrivate().getEncoded();
        publicKey = key.getPublic().getEncoded();
        CertificateAuthority ca = CertificateAuthority.builder().random(random).build();
        certificate = ca.issue(UserIdentity.of("alice", "example.test"), key.getPublic()).getEncoded();
    }

    @Benchmark
    public int idleSessions(Footprint footprint) throws Exception {
        kept = null;
        long before = retainedHeap();
        List<Object> sessions = new ArrayList<>(SESSIONS);
        for (int i = 0; i < SESSIONS; i++) {
            sessions.add(idleSession());
        }
        long after = retainedHeap();
        kept = sessions;
        footprint.bytesPerSession = (after - before) / SESSIONS;
        return sessions.size();
    }

    private Object idleSession() throws Exception {
        KeyFactory rsa = KeyFactory.getInstance("RSA");
        KeyPair key = new KeyPair(rsa.generatePublic(new X509EncodedKeySpec(publicKey)),
                rsa.generatePrivate(new PKCS8EncodedKeySpec(privateKey)));
        X509Certificate cert = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(certificate));
        SessionCard card = SessionCard.load(cert, key, SessionPin.random(random), random);
        VirtualPcsc pcsc = new VirtualPcsc();
        pcsc.addReader(READER);
        pcsc.insertCard(READER, card.card());
        RdpHost[] host = new RdpHost[1];
        RdpdrSmartCardChannel channel = RdpdrSmartCardChannel.builder()
                .services(() -> new ScardService(pcsc, ReaderFilter.only(READER)))
                .output(pdu -> {
                    RdpHost h = host[0];
                    if (h != null) {
                        h.fromClient(pdu);
                    }
                }).build();
        host[0] = new RdpHost(channel::receive);
        host[0].handshake();
        var ctx = ((EstablishContextReturn) host[0].call(Ioctl.ESTABLISH_CONTEXT,
                new EstablishContextCall(Scard.SCOPE_SYSTEM))).context();
        var parked = host[0].callAsync(Ioctl.GET_STATUS_CHANGE_W, GetStatusChangeCall.of(ctx, (int) Scard.INFINITE,
                List.of(new ReaderStateCall(Scard.PNP_NOTIFICATION, ReaderStateCommon.of(0, 0, new byte[0])),
                        new ReaderStateCall(READER, ReaderStateCommon.of(Scard.STATE_PRESENT, 0, new byte[0]))),
                true));
        if (parked.isDone()) {
            throw new IllegalStateException("the INFINITE GetStatusChange answered: the session is not idle");
        }
        host[0] = null; // the Windows side is not the gateway's memory
        return new Object[] {card, channel};
    }

    private static long retainedHeap() throws InterruptedException {
        Runtime rt = Runtime.getRuntime();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            System.gc();
            Thread.sleep(50); // let the collector finish reference processing before reading the heap
            used = Math.min(used, rt.totalMemory() - rt.freeMemory());
        }
        return used;
    }
}
