package dev.scbridge.hwtests.pcscd;

import dev.scbridge.bridge.SessionCard;
import dev.scbridge.bridge.SessionKeyType;
import dev.scbridge.bridge.SessionPin;
import dev.scbridge.ca.CaKeyType;
import dev.scbridge.ca.CaSigner;
import dev.scbridge.ca.CaStore;
import dev.scbridge.ca.CertificateAuthority;
import dev.scbridge.ca.Revocation;
import dev.scbridge.ca.UserIdentity;
import dev.scbridge.card.PivCard;
import dev.scbridge.pcsc.vpcd.VpcdLink;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tier 2 acceptance with a real KDC (issue 6): MIT Kerberos' krb5kdc with PKINIT, configured to accept Active
 * Directory style smart-card logon certificates (pkinit_allow_upn, pkinit_eku_checking = scLogin), gives alice a
 * TGT for the session card the scbridge CA issued, read by kinit through OpenSC's PKCS#11 module from the private
 * pcscd, where vpcd holds the card. Each refusal is checked for its reason in kinit's message and in the KDC's own
 * trace: a card from another CA, an expired certificate, a revoked certificate, no Smart Card Logon EKU, a user the
 * KDC does not know, alice's card presented as bob, a wrong PIN (and the card locked after the retry limit).
 *
 * <p>The test CA is a {@link CaStore}, as {@code scbridge ca init} makes it, and the KDC checks client certificates
 * against the CRL that store signs ({@code scbridge ca revoke} then {@code ca crl}): pkinit_revoke with
 * pkinit_require_crl_checking on, for every test. MIT's KDC reads its CRLs once, at start, so the one revoked
 * certificate is issued and revoked before the KDC starts; no other test uses it.
 *
 * <p>The UPN goes into the certificate as {@code alice@EXAMPLE.TEST}: MIT's KDC (1.20) parses the UPN SAN as an
 * enterprise name and compares it with the requested principal realm included, case-sensitively, so the UPN's
 * domain must be spelled as the realm (Active Directory compares UPN suffixes case-insensitively).
 */
@Tag("pcscd")
class KdcPkinitTest {
    static final String DOMAIN = Kdc.REALM;
    static final Duration STEADY = Duration.ofMillis(1200);
    static final Duration WAIT = Duration.ofSeconds(30);

    private static final SecureRandom RANDOM = new SecureRandom();
    private static Pcscd pcscd;
    private static Kdc kdc;
    private static CaSigner signer;
    private static CertificateAuthority ca;
    private static CaStore store;
    /** Alice's certificate the CRL lists, and its key; served only by {@link #aRevokedCertificateIsRefusedByTheKdc}. */
    private static X509Certificate revoked;
    private static KeyPair revokedKey;
    private static VpcdPivConformanceTest.SwappableCard served;
    private static VpcdLink link;

    @BeforeAll
    static void startKdcAndServeCards() throws Exception {
        pcscd = Pcscd.require();
        Path dir = Kdc.stateDir(pcscd);
        Path caDir = dir.resolve("ca");
        deleteTree(caDir);
        // A throwaway passphrase for a throwaway CA under target/; never printed.
        byte[] secret = new byte[16];
        RANDOM.nextBytes(secret);
        char[] passphrase = HexFormat.of().formatHex(secret).toCharArray();
        try {
            store = CaStore.init(caDir, CaKeyType.RSA_2048, "CN=scbridge KDC test CA", Duration.ofDays(10),
                    passphrase, RANDOM);
            signer = store.unlock(passphrase);
        } finally {
            Arrays.fill(passphrase, '\0');
            Arrays.fill(secret, (byte) 0);
        }
        ca = CertificateAuthority.builder().signer(signer).certificate(store.certificate()).random(RANDOM).build();
        revokedKey = SessionKeyType.RSA_2048.generate(RANDOM);
        revoked = ca.issue(UserIdentity.of("alice", DOMAIN), revokedKey.getPublic());
        store.revoke(revoked.getSerialNumber(), Instant.now());
        CaStore.SignedCrl crl = store.crl(signer, Instant.now(), Duration.ofDays(1));
        assertThat(crl.revoked()).isEqualTo(1);
        Path crlFile = dir.resolve("crl.pem");
        Files.write(crlFile, CaStore.pem("X509 CRL", crl.crl().getEncoded()));
        KeyPair kdcKey = SessionKeyType.RSA_2048.generate(RANDOM);
        KdcCertificates.writePem(dir.resolve("anchor.pem"), ca.certificate());
        KdcCertificates.writePem(dir.resolve("kdc.pem"),
                KdcCertificates.kdc(signer, ca.certificate(), Kdc.REALM, kdcKey.getPublic(), RANDOM));
        KdcCertificates.writePrivateKey(dir.resolve("kdc-key.pem"), kdcKey.getPrivate());
        kdc = Kdc.start(pcscd, dir, crlFile);
        served = new VpcdPivConformanceTest.SwappableCard(PivCard.builder().build());
        link = VpcdLink.builder(served).connectTo("127.0.0.1", pcscd.port)
                .backoff(Duration.ofMillis(50), Duration.ofMillis(500)).build().start();
        if (!link.awaitConnections(1, WAIT)) {
            throw new IllegalStateException("vpcd did not accept the card within " + WAIT);
        }
        awaitSteady();
    }

    /**
     * Waits (bounded) until the card behind vpcd answers SELECT PIV through pcscd on fresh connections for
     * {@link #STEADY}, over pcscd's poll interval: a card the previous test class served may still look present.
     */
    private static void awaitSteady() throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        long steadySince = System.nanoTime();
        Pcscd.Result last = null;
        while (System.nanoTime() - steadySince < STEADY.toNanos()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the served card never answered steadily: " + last);
            }
            last = pcscd.tool("opensc-tool", "-r", ServedCard.READER, "-s", "00A4040009A00000030800001000");
            if (last.exit() != 0 || !last.output().contains("SW1=0x90, SW2=0x00")) {
                steadySince = System.nanoTime();
            }
            Thread.sleep(100); // polling an external daemon's view; no event says "settled"
        }
    }

    private static void deleteTree(Path dir) throws java.io.IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(f);
            }
        }
    }

    @AfterAll
    static void stop() throws Exception {
        if (link != null) {
            link.close();
        }
        if (kdc != null) {
            kdc.close();
        }
        if (pcscd != null) {
            pcscd.close();
        }
    }

    private static SessionCard serve(X509Certificate cert, KeyPair key) {
        SessionCard session = SessionCard.load(cert, key, SessionPin.random(RANDOM), RANDOM);
        served.swap(session.card());
        return session;
    }

    private static SessionCard serveIssued(CertificateAuthority issuer, String user) throws Exception {
        KeyPair key = SessionKeyType.RSA_2048.generate(RANDOM);
        return serve(issuer.issue(UserIdentity.of(user, DOMAIN), key.getPublic()), key);
    }

    /** The KDC trace written since {@code before} (the trace only grows while the KDC runs). */
    private static String kdcTraceSince(int before) throws Exception {
        String t = kdc.kdcTrace();
        return t.substring(Math.min(before, t.length()));
    }

    @Test
    void aliceGetsATicketGrantingTicketWithHerSessionCard() throws Exception {
        try (SessionCard alice = serveIssued(ca, "alice")) {
            int before = kdc.kdcTrace().length();
            Kdc.Kinit k = kdc.kinit("alice@" + Kdc.REALM, alice.pin().reveal());
            assertThat(k.ok()).as("%s", k).isTrue();
            assertThat(k.klist().output()).as("%s", k)
                    .contains("Default principal: alice@EXAMPLE.TEST")
                    .contains("krbtgt/EXAMPLE.TEST@EXAMPLE.TEST");
            assertThat(kdcTraceSince(before)).contains("PKINIT server found a matching UPN SAN in client cert");
            assertThat(kdc.kdcLog()).contains("ISSUE: authtime").contains("alice@EXAMPLE.TEST for krbtgt/EXAMPLE.TEST");
        }
    }

    /**
     * The PKINIT request is signed by the card through the RDP smart-card channel: every APDU kinit's PKCS#11
     * module sends (through pcscd and vpcd) crosses RdpdrSmartCardChannel as a Transmit IOCTL, the way a Windows
     * host reaches the session card, and the KDC accepts the signature.
     */
    @Test
    void theCardSignsThePkinitRequestThroughTheRdpChannel() throws Exception {
        KeyPair key = SessionKeyType.RSA_2048.generate(RANDOM);
        X509Certificate cert = ca.issue(UserIdentity.of("alice", DOMAIN), key.getPublic());
        try (SessionCard alice = SessionCard.load(cert, key, SessionPin.random(RANDOM), RANDOM);
             RdpChannelCard overRdp = new RdpChannelCard(alice.card())) {
            served.swap(overRdp);
            Kdc.Kinit k = kdc.kinit("alice@" + Kdc.REALM, alice.pin().reveal());
            assertThat(k.ok()).as("%s", k).isTrue();
            assertThat(k.klist().output()).as("%s", k).contains("Default principal: alice@EXAMPLE.TEST");
            assertThat(overRdp.transmits()).as("APDUs through the channel").isPositive();
        }
    }

    /** MIT 1.20 matches the UPN's domain against the realm case-sensitively: alice@example.test is not alice. */
    @Test
    void aLowerCaseUpnDomainIsNotTheUpperCaseRealm() throws Exception {
        KeyPair key = SessionKeyType.RSA_2048.generate(RANDOM);
        try (SessionCard alice = serve(ca.issue(UserIdentity.of("alice", "example.test"), key.getPublic()), key)) {
            int before = kdc.kdcTrace().length();
            Kdc.Kinit k = kdc.kinit("alice@" + Kdc.REALM, alice.pin().reveal());
            assertThat(k.ok()).as("%s", k).isFalse();
            assertThat(k.kinit().output()).as("%s", k).contains("Client name mismatch");
            assertThat(kdcTraceSince(before)).contains("PKINIT server found no acceptable SAN in client cert");
        }
    }

    /**
     * The client is told to trust the other CA too (kinit -X X509_anchors, which replaces krb5.conf's anchors), so
     * the request reaches the KDC, whose only anchor is the test CA.
     */
    @Test
    void aCardFromAnotherCaIsRefusedByTheKdc() throws Exception {
        CertificateAuthority other = CertificateAuthority.builder().subject("CN=untrusted CA").random(RANDOM).build();
        Path otherAnchor = kdc.dir.resolve("other-ca.pem");
        KdcCertificates.writePem(otherAnchor, other.certificate());
        try (SessionCard alice = serveIssued(other, "alice")) {
            int before = kdc.kdcTrace().length();
            Kdc.Kinit k = kdc.kinit("alice@" + Kdc.REALM, alice.pin().reveal(),
                    "X509_anchors=FILE:" + kdc.dir.resolve("anchor.pem"), "X509_anchors=FILE:" + otherAnchor);
            assertThat(k.ok()).as("%s", k).isFalse();
            assertThat(k.kinit().output()).as("%s", k).contains("Can't verify certificate");
            assertThat(kdcTraceSince(before))
                    .contains("Failed to verify received certificate (depth 0): unable to get local issuer certificate");
        }
    }

    /** Without the other CA as an anchor, MIT's client refuses to use a certificate it cannot verify itself. */
    @Test
    void aCardFromAnotherCaIsRefusedByTheClient() throws Exception {
        CertificateAuthority other = CertificateAuthority.builder().subject("CN=untrusted CA").random(RANDOM).build();
        try (SessionCard alice = serveIssued(other, "alice")) {
            Kdc.Kinit k = kdc.kinit("alice@" + Kdc.REALM, alice.pin().reveal());
            assertThat(k.ok()).as("%s", k).isFalse();
            assertThat(k.kinit().output()).as("%s", k)
                    .contains("Failed to verify own certificate (depth 0): unable to get local issuer certificate");
        }
    }

    /** Issued by the same CA key with a clock two days back: the five-minute certificate has long expired. */
    @Test
    void anExpiredCertificateIsRefused() throws Exception {
        Clock past = Clock.fixed(Instant.now().minus(Duration.ofDays(2)), ZoneOffset.UTC);
        CertificateAuthority pastCa = CertificateAuthority.builder().signer(signer).certificate(ca.certificate())
                .clock(past).random(RANDOM).build();
        try (SessionCard alice = serveIssued(pastCa, "alice")) {
            assertThat(alice.certificate().getNotAfter().toInstant()).isBefore(Instant.now());
            Kdc.Kinit k = kdc.kinit("alice@" + Kdc.REALM, alice.pin().reveal());
            assertThat(k.ok()).as("%s", k).isFalse();
            assertThat(k.kinit().output()).as("%s", k)
                    .contains("Failed to verify own certificate (depth 0): certificate has expired");
        }
    }

    /**
     * The KDC refuses the certificate its CRL lists (the client checks no revocation of its own certificate unless
     * its krb5.conf names a CRL, and this realm's does not); a fresh card of the same CA still gets a TGT.
     */
    @Test
    void aRevokedCertificateIsRefusedByTheKdc() throws Exception {
        assertThat(Files.readString(kdc.dir.resolve("kdc.conf"), StandardCharsets.UTF_8))
                .containsPattern("pkinit_revoke = FILE:/\\S*/crl\\.pem\n")
                .contains("pkinit_require_crl_checking = true");
        try (SessionCard alice = serve(revoked, revokedKey)) {
            int before = kdc.kdcTrace().length();
            Kdc.Kinit k = kdc.kinit("alice@" + Kdc.REALM, alice.pin().reveal());
            assertThat(k.ok()).as("%s", k).isFalse();
            // KDC_ERR_REVOKED_CERTIFICATE (RFC 4556) as the client reports it; the client itself let it go.
            assertThat(k.kinit().output()).as("%s", k)
                    .contains("Revoked certificate while getting initial credentials");
            assertThat(k.trace()).as("%s", k).doesNotContain("Failed to verify own certificate");
            assertThat(kdcTraceSince(before))
                    .contains("Failed to verify received certificate (depth 0): certificate revoked");
            assertThat(kdc.kdcLog()).contains("PREAUTH_FAILED: alice@EXAMPLE.TEST for krbtgt/EXAMPLE.TEST@"
                    + "EXAMPLE.TEST, Failed to verify received certificate (depth 0): certificate revoked");
        }
        try (SessionCard alice = serveIssued(ca, "alice")) {
            assertThat(store.revoked()).extracting(Revocation::serial)
                    .containsExactly(revoked.getSerialNumber()).doesNotContain(alice.certificate().getSerialNumber());
            Kdc.Kinit k = kdc.kinit("alice@" + Kdc.REALM, alice.pin().reveal());
            assertThat(k.ok()).as("an unrevoked card with CRL checking on: %s", k).isTrue();
        }
    }

    @Test
    void aCertificateWithoutSmartCardLogonIsRefused() throws Exception {
        KeyPair key = SessionKeyType.RSA_2048.generate(RANDOM);
        X509Certificate cert = KdcCertificates.withoutSmartCardLogon(signer, ca.certificate(),
                UserIdentity.of("alice", DOMAIN), key.getPublic(), RANDOM);
        try (SessionCard alice = serve(cert, key)) {
            int before = kdc.kdcTrace().length();
            Kdc.Kinit k = kdc.kinit("alice@" + Kdc.REALM, alice.pin().reveal());
            assertThat(k.ok()).as("%s", k).isFalse();
            assertThat(k.kinit().output()).as("%s", k).contains("Inconsistent key purpose");
            assertThat(kdcTraceSince(before)).contains("PKINIT server found a matching UPN SAN in client cert")
                    .contains("PKINIT server found no acceptable EKU in client cert");
        }
    }

    @Test
    void aUserTheKdcDoesNotKnowIsRefused() throws Exception {
        try (SessionCard carol = serveIssued(ca, "carol")) {
            Kdc.Kinit k = kdc.kinit("carol@" + Kdc.REALM, carol.pin().reveal());
            assertThat(k.ok()).as("%s", k).isFalse();
            assertThat(k.kinit().output()).as("%s", k)
                    .contains("Client 'carol@EXAMPLE.TEST' not found in Kerberos database");
            assertThat(kdc.kdcLog()).contains("CLIENT_NOT_FOUND: carol@EXAMPLE.TEST");
        }
    }

    @Test
    void alicesCardPresentedAsBobIsRefused() throws Exception {
        try (SessionCard alice = serveIssued(ca, "alice")) {
            int before = kdc.kdcTrace().length();
            Kdc.Kinit k = kdc.kinit("bob@" + Kdc.REALM, alice.pin().reveal());
            assertThat(k.ok()).as("%s", k).isFalse();
            assertThat(k.kinit().output()).as("%s", k).contains("Client name mismatch");
            assertThat(kdcTraceSince(before)).contains("PKINIT server found no acceptable SAN in client cert");
        }
    }

    @Test
    void aWrongPinIsRefusedAndTheRetryLimitLocksTheCard() throws Exception {
        try (SessionCard alice = serveIssued(ca, "alice")) {
            String wrong = alice.pin().reveal().equals("13572468") ? "24681357" : "13572468";
            for (int left = 2; left >= 0; left--) {
                Kdc.Kinit k = kdc.kinit("alice@" + Kdc.REALM, wrong);
                assertThat(k.ok()).as("%s", k).isFalse();
                assertThat(k.kinit().output()).as("%s", k).contains("Preauthentication failed");
                assertThat(k.trace()).as("%s", k).contains("PKINIT PKCS11 C_Login failed");
                assertThat(HexFormat.of().formatHex(pinStatus(alice.card()))).isEqualTo(left == 0 ? "6983" : "63c" + left);
            }
            Kdc.Kinit k = kdc.kinit("alice@" + Kdc.REALM, alice.pin().reveal());
            assertThat(k.ok()).as("the right PIN on a locked card: %s", k).isFalse();
            assertThat(k.trace()).as("%s", k).contains("PKINIT PKCS11 C_Login failed: pin locked");
        }
    }

    /** VERIFY without data (SP 800-73-4 3.2.1): 9000 verified, 63Cx x tries left, 6983 blocked. */
    private static byte[] pinStatus(PivCard card) {
        card.transmit(HexFormat.of().parseHex("00A4040009A00000030800001000"));
        return card.transmit(HexFormat.of().parseHex("0020008000"));
    }
}
