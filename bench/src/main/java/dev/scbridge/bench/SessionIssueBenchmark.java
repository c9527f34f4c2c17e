package dev.scbridge.bench;

import dev.scbridge.bridge.Bridge;
import dev.scbridge.bridge.Session;
import dev.scbridge.bridge.SessionKeyType;
import dev.scbridge.ca.CaKeyType;
import dev.scbridge.ca.CertificateAuthority;
import dev.scbridge.ca.InMemoryCaSigner;
import dev.scbridge.ca.UserIdentity;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Issuing a session's credentials (issue 6 section 6), one operation per JMH iteration so that the JSON report's
 * percentiles (p50, p99) are per session: {@link #openSessionPoolWarm} is {@code Bridge.openSession} with a key
 * waiting in the pool (the pool is topped up between iterations, outside the measurement), against
 * {@link #caSignatureOnly}, the one CA signature that is its floor, and {@link #openSessionKeyOnDemand}, the same
 * with the pool off: RSA-2048 key generation on the caller's thread, what the pool exists to avoid.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
public class SessionIssueBenchmark {
    private static final UserIdentity ALICE = UserIdentity.of("alice", "example.test");
    private SecureRandom random;
    private InMemoryCaSigner signer;
    private CertificateAuthority ca;
    private Bridge pooled;
    private Bridge onDemand;
    private KeyPair key;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        random = new SecureRandom();
        signer = InMemoryCaSigner.generate(CaKeyType.RSA_2048, random);
        ca = CertificateAuthority.builder().signer(signer).random(random).build();
        pooled = Bridge.builder().ca(ca).keyPool(8, SessionKeyType.RSA_2048).random(random).build();
        onDemand = Bridge.builder().ca(ca).keyPool(0, SessionKeyType.RSA_2048).random(random).build();
        key = SessionKeyType.RSA_2048.generate(random);
    }

    /** Outside the measured time: the pool has a key for the next session, as in a gateway that is not overrun. */
    @Setup(Level.Iteration)
    public void warmPool() throws InterruptedException {
        if (!pooled.awaitKeyPool(1, Duration.ofSeconds(60))) {
            throw new IllegalStateException("the key pool did not refill");
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        pooled.close();
        onDemand.close();
    }

    @Benchmark
    @Warmup(iterations = 20)
    @Measurement(iterations = 300)
    public Object openSessionPoolWarm() throws Exception {
        try (Session s = pooled.openSession(ALICE)) {
            return s.certificate();
        }
    }

    @Benchmark
    @Warmup(iterations = 20)
    @Measurement(iterations = 300)
    public X509Certificate caSignatureOnly() throws Exception {
        return ca.issue(ALICE, key.getPublic());
    }

    @Benchmark
    @Warmup(iterations = 5)
    @Measurement(iterations = 60)
    public Object openSessionKeyOnDemand() throws Exception {
        try (Session s = onDemand.openSession(ALICE)) {
            return s.certificate();
        }
    }
}
