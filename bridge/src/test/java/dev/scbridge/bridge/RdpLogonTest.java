package dev.scbridge.bridge;

import dev.scbridge.ca.CaKeyType;
import dev.scbridge.ca.CertificateAuthority;
import dev.scbridge.ca.UserIdentity;
import dev.scbridge.rdp.esc.Ioctl;
import dev.scbridge.rdp.host.RdpHost;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.security.KeyPair;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The full Windows logon over the RDP channel against a session card: the signature verifies with the cert. */
class RdpLogonTest {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static CertificateAuthority ca;
    private static KeyPair key;

    @BeforeAll
    static void setUp() throws Exception {
        ca = CertificateAuthority.builder().keyType(CaKeyType.P256).random(RANDOM).build();
        key = SessionKeyType.RSA_2048.generate(RANDOM);
    }

    @Test
    void logonOverTheChannelVerifiesTheSignatureWithTheCertificate() throws Exception {
        UserIdentity alice = UserIdentity.of("alice", "example.test");
        try (SessionCard session = SessionCard.load(ca.issue(alice, key.getPublic()), key, SessionPin.random(RANDOM),
                RANDOM)) {
            List<Ioctl> seen = new ArrayList<>();
            RdpLogon.Result r = new RdpLogon(ca.certificate(), Clock.systemUTC(), RANDOM)
                    .play(session, x -> seen.add(x.ioctl()), ExchangeListener.NONE);
            assertThat(r.logon().upn()).isEqualTo("alice@example.test");
            assertThat(r.logon().signatureAlgorithm()).isEqualTo("SHA1withRSA");
            assertThat(seen).startsWith(Ioctl.ACCESS_STARTED_EVENT, Ioctl.ESTABLISH_CONTEXT, Ioctl.LIST_READERS_W,
                    Ioctl.GET_DEVICE_TYPE_ID, Ioctl.GET_STATUS_CHANGE_W);
            assertThat(seen).contains(Ioctl.CONNECT_W, Ioctl.BEGIN_TRANSACTION, Ioctl.STATUS_W, Ioctl.READ_CACHE_W,
                    Ioctl.WRITE_CACHE_W, Ioctl.END_TRANSACTION, Ioctl.DISCONNECT, Ioctl.CANCEL,
                    Ioctl.RELEASE_CONTEXT);
            assertThat(seen.stream().filter(i -> i == Ioctl.TRANSMIT).count()).isEqualTo(r.logon().apdus());
            assertThat(r.privateKeyNanos()).isPositive().isLessThan(r.totalNanos());
        }
    }

    @Test
    void aCardWhoseKeyIsNotTheCertificatesFailsTheLogon() throws Exception {
        KeyPair other = SessionKeyType.RSA_2048.generate(RANDOM);
        try (SessionCard session = SessionCard.load(ca.issue(UserIdentity.of("bob", "example.test"),
                key.getPublic()), other, SessionPin.random(RANDOM), RANDOM)) {
            RdpLogon logon = new RdpLogon(ca.certificate(), Clock.systemUTC(), RANDOM);
            assertThatThrownBy(() -> logon.play(session, x -> { }, ExchangeListener.NONE))
                    .isInstanceOf(LogonFailedException.class)
                    .hasMessageContaining("does not verify");
        }
    }
}
