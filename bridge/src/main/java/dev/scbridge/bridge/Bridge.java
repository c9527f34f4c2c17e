package dev.scbridge.bridge;

import dev.scbridge.apdu.piv.Ccc;
import dev.scbridge.apdu.piv.PivAlgorithm;
import dev.scbridge.apdu.piv.PivKeyRef;
import dev.scbridge.apdu.piv.PivObjectId;
import dev.scbridge.ca.CaException;
import dev.scbridge.ca.CaSigner;
import dev.scbridge.ca.CertificateAuthority;
import dev.scbridge.ca.IssuancePolicy;
import dev.scbridge.ca.UserIdentity;
import dev.scbridge.card.PivCard;

import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * What a gateway embeds (issue 6, sections 2 and 3, Java API; design.md, "Bridge"): {@link #openSession} issues a
 * short-lived smart-card logon certificate for a pooled key (one CA signature), builds the session's card and PIN,
 * and returns the {@link Session} whose RDP channel presents that card to Windows.
 *
 * <pre>{@code
 * try (Bridge bridge = Bridge.builder().ca(signer, caCertificate)
 *         .validity(Duration.ofMinutes(5)).crlUrl("http://pki.example.com/scbridge.crl")
 *         .keyPool(32, SessionKeyType.RSA_2048).build()) {
 *     Session s = bridge.openSession(UserIdentity.of("alice", "corp.example.com", sid), rdp::sendToServer);
 *     clientInfo.password(s.pin().reveal()).flags(INFO_AUTOLOGON | INFO_PASSWORD_IS_SC_PIN);  // see Session
 *     rdp.onRdpdr(s.channel()::receive);
 *     rdp.onClose(s::close);
 * }
 * }</pre>
 *
 * <p>The session card (SP 800-73-4 Part 1 data model, as Windows' inbox PIV minidriver reads it in the recorded
 * logon, {@link WindowsLogonExchange}): the key and its certificate in slot 9A (PIV Authentication), a random
 * CHUID (Windows keys its cache on the GUID), a yubico-piv-tool style CCC, the random 8-digit session PIN with
 * {@link Builder#pinRetries} tries before it blocks, and a random PUK and AES-256 management key that are never
 * kept anywhere else: a session card is never administered, so nobody on the Windows side can unblock or rewrite it.
 *
 * <p>Thread-safe: sessions may be opened and closed from any threads. No thread per session: the only thread the
 * bridge starts is its key pool's refill thread.
 */
public final class Bridge implements AutoCloseable {
    /** Tries before the session PIN blocks: the PIV and YubiKey default (the card answers 63C2, 63C1, 63C0, 6983). */
    public static final int DEFAULT_PIN_RETRIES = 3;
    /** VERIFY reports retries left in the low nibble of 63Cx (SP 800-73-4 Part 2, VERIFY), so at most 15. */
    public static final int MAX_PIN_RETRIES = 15;
    /** AES-256, the strongest management key PIV offers (SP 800-78-4). */
    private static final int MANAGEMENT_KEY_LENGTH = 32;

    private final CertificateAuthority ca;
    private final KeyPool pool;
    private final int pinRetries;
    private final SecureRandom random;
    private final Set<Session> sessions = ConcurrentHashMap.newKeySet();
    private final AtomicLong opened = new AtomicLong();
    private final LatencyWindow issuance = new LatencyWindow();
    private volatile boolean closed;

    private Bridge(CertificateAuthority ca, KeyPool pool, int pinRetries, SecureRandom random) {
        this.ca = ca;
        this.pool = pool;
        this.pinRetries = pinRetries;
        this.random = random;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Opens a session whose channel output goes to {@code toServer} (see {@link Session}, "Where the channel's
     * output goes"); otherwise as {@link #openSession(UserIdentity)}.
     */
    public Session openSession(UserIdentity identity, Consumer<byte[]> toServer) throws CaException {
        Objects.requireNonNull(toServer, "toServer");
        return openSession(identity).attach(toServer);
    }

    /**
     * Opens a session for {@code identity} (the Windows user, the AD domain, and the SID for strong certificate
     * mapping when known); {@link Session#attach} its output before feeding it PDUs.
     *
     * @throws CaException           the CA could not sign (e.g. its key is unavailable, or it expires too soon)
     * @throws IllegalStateException the bridge is closed
     */
    public Session openSession(UserIdentity identity) throws CaException {
        Objects.requireNonNull(identity, "identity");
        checkOpen();
        long start = System.nanoTime();
        KeyPair key = pool.take();
        X509Certificate certificate = ca.issue(identity, key.getPublic());
        SessionPin pin = SessionPin.random(random);
        Session session = new Session(identity, certificate, pin, card(key, certificate, pin), sessions::remove);
        sessions.add(session);
        issuance.record(System.nanoTime() - start);
        opened.incrementAndGet();
        if (closed) { // close() ran meanwhile and may have missed this session
            session.close();
            checkOpen();
        }
        return session;
    }

    private PivCard card(KeyPair key, X509Certificate certificate, SessionPin pin) {
        byte[] cardId = new byte[Ccc.YUBICO_RANDOM_LENGTH];
        random.nextBytes(cardId);
        byte[] managementKey = new byte[MANAGEMENT_KEY_LENGTH];
        random.nextBytes(managementKey);
        SessionPin puk = SessionPin.random(random);
        try {
            return PivCard.builder()
                    .random(random)
                    .pin(pin.reveal())
                    .pinRetries(pinRetries)
                    .puk(puk.reveal())
                    .managementKey(PivAlgorithm.AES256, managementKey)
                    .key(PivKeyRef.AUTHENTICATION, key)
                    .certificate(PivKeyRef.AUTHENTICATION, certificate)
                    .object(PivObjectId.CCC, Ccc.yubicoStyle(cardId).encode())
                    .build();
        } finally {
            puk.wipe();
            Arrays.fill(managementKey, (byte) 0);
        }
    }

    /**
     * Waits until the key pool holds {@code level} keys: a warm-up before the gateway takes traffic, so the first
     * sessions cost one CA signature too.
     *
     * @return whether the level was reached in time
     */
    public boolean awaitKeyPool(int level, Duration timeout) throws InterruptedException {
        return pool.awaitLevel(level, timeout);
    }

    /** The CA certificate sessions chain to (for Windows' NTAuth and root stores). */
    public X509Certificate caCertificate() {
        return ca.certificate();
    }

    public CertificateAuthority ca() {
        return ca;
    }

    /** A snapshot of the counters. */
    public Metrics metrics() {
        LatencyWindow.Snapshot latency = issuance.snapshot();
        return new Metrics(sessions.size(), opened.get(), pool.stats(), latency.last(), latency.p50(), latency.p99());
    }

    /** Closes every open session and the key pool. Idempotent. */
    @Override
    public void close() {
        closed = true;
        for (Session s : new ArrayList<>(sessions)) {
            s.close();
        }
        pool.close();
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("the bridge is closed");
        }
    }

    @Override
    public String toString() {
        return "Bridge[" + ca.certificate().getSubjectX500Principal().getName() + ", " + sessions.size()
                + " sessions open, " + pool + "]";
    }

    /**
     * The bridge's counters (issue 6, section 3: sessions open, pool level, issuance latency).
     *
     * @param sessionsOpen   sessions opened and not yet closed
     * @param sessionsOpened sessions opened since the bridge started
     * @param pool           the key pool's level and hit / miss counters
     * @param issuanceLast   the last openSession's cost: key, CA signature, card
     * @param issuanceP50    median over the last {@value LatencyWindow#WINDOW} sessions (zero before the first)
     * @param issuanceP99    99th percentile over the same window
     */
    public record Metrics(int sessionsOpen, long sessionsOpened, KeyPool.Stats pool, Duration issuanceLast,
                          Duration issuanceP50, Duration issuanceP99) {
    }

    /**
     * Configures a {@link Bridge}. The CA comes either built ({@link #ca(CertificateAuthority)}, issuing under its
     * own {@link IssuancePolicy}) or as its key and certificate ({@link #ca(CaSigner, X509Certificate)}), in
     * which case the bridge builds it with the policy set here ({@link #policy}, {@link #validity},
     * {@link #crlUrl}). Setting a policy for a CA that comes built is an error, not a silent no-op.
     */
    public static final class Builder {
        private CertificateAuthority ca;
        private CaSigner signer;
        private X509Certificate caCertificate;
        private IssuancePolicy policy;
        private Clock clock = Clock.systemUTC();
        private SecureRandom random;
        private int poolCapacity = KeyPool.DEFAULT_CAPACITY;
        private SessionKeyType keyType = SessionKeyType.RSA_2048;
        private int poolRate;
        private int pinRetries = DEFAULT_PIN_RETRIES;

        private Builder() {
        }

        /** A CA already built; its {@link CertificateAuthority#policy()} governs the session certificates. */
        public Builder ca(CertificateAuthority newCa) {
            this.ca = Objects.requireNonNull(newCa, "ca");
            return this;
        }

        /** The CA's key and certificate; the bridge builds the CA with this builder's policy and clock. */
        public Builder ca(CaSigner newSigner, X509Certificate newCaCertificate) {
            this.signer = Objects.requireNonNull(newSigner, "signer");
            this.caCertificate = Objects.requireNonNull(newCaCertificate, "caCertificate");
            return this;
        }

        /** The whole issuance policy (validity, back-dating, CRL distribution point). */
        public Builder policy(IssuancePolicy newPolicy) {
            this.policy = Objects.requireNonNull(newPolicy, "policy");
            return this;
        }

        /** How long a session certificate is valid (default {@link IssuancePolicy#DEFAULT_VALIDITY}). */
        public Builder validity(Duration validity) {
            this.policy = policyOrDefault().withValidity(validity);
            return this;
        }

        /** The CRL distribution point the certificates name ({@code http://}, {@code https://}, {@code ldap://}). */
        public Builder crlUrl(String url) {
            this.policy = policyOrDefault().withCrlDistributionPoint(url);
            return this;
        }

        private IssuancePolicy policyOrDefault() {
            return policy != null ? policy : IssuancePolicy.defaults();
        }

        /** The CA's clock when the bridge builds the CA. */
        public Builder clock(Clock newClock) {
            this.clock = Objects.requireNonNull(newClock, "clock");
            return this;
        }

        /** Source of PINs, card identifiers and keys. Default: a new {@link SecureRandom}. */
        public Builder random(SecureRandom newRandom) {
            this.random = Objects.requireNonNull(newRandom, "random");
            return this;
        }

        /** The key pool's capacity (0 disables pooling) and key type. Default 16 RSA-2048 keys. */
        public Builder keyPool(int capacity, SessionKeyType type) {
            KeyPool.builder().capacity(capacity); // validates
            this.poolCapacity = capacity;
            this.keyType = Objects.requireNonNull(type, "type");
            return this;
        }

        /** Caps the pool's background refill rate; default 0, as fast as its one thread goes. */
        public Builder keyPoolRate(int maxKeysPerSecond) {
            KeyPool.builder().maxKeysPerSecond(maxKeysPerSecond); // validates
            this.poolRate = maxKeysPerSecond;
            return this;
        }

        /** Wrong PINs before the card blocks, 1..{@value #MAX_PIN_RETRIES} (default {@value #DEFAULT_PIN_RETRIES}). */
        public Builder pinRetries(int retries) {
            if (retries < 1 || retries > MAX_PIN_RETRIES) {
                throw new IllegalArgumentException("PIN retries " + retries + " out of range 1.." + MAX_PIN_RETRIES);
            }
            this.pinRetries = retries;
            return this;
        }

        /**
         * Builds the bridge and starts filling its key pool.
         *
         * @throws IllegalStateException no CA, two CAs, or a policy for a CA that came built
         * @throws CaException           the CA could not be built from its signer and certificate
         */
        public Bridge build() throws CaException {
            if ((ca == null) == (signer == null)) {
                throw new IllegalStateException("give the bridge exactly one CA: ca(CertificateAuthority) or "
                        + "ca(CaSigner, X509Certificate)");
            }
            if (ca != null && policy != null && !policy.equals(ca.policy())) {
                throw new IllegalStateException("the CA came built with its own issuance policy; set validity and "
                        + "CRL URL on it, or give the bridge its CaSigner and certificate instead");
            }
            SecureRandom rnd = random != null ? random : new SecureRandom();
            CertificateAuthority authority = ca != null ? ca : CertificateAuthority.builder()
                    .signer(signer).certificate(caCertificate).policy(policyOrDefault()).clock(clock).random(rnd)
                    .build();
            KeyPool pool = KeyPool.builder().capacity(poolCapacity).keyType(keyType).maxKeysPerSecond(poolRate)
                    .random(rnd).build();
            return new Bridge(authority, pool, pinRetries, rnd);
        }
    }
}
