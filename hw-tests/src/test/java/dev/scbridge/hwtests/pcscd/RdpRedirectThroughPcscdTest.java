package dev.scbridge.hwtests.pcscd;

import dev.scbridge.bridge.ExchangeListener;
import dev.scbridge.bridge.RdpLogon;
import dev.scbridge.bridge.SessionCard;
import dev.scbridge.bridge.SessionKeyType;
import dev.scbridge.bridge.SessionPin;
import dev.scbridge.ca.CaKeyType;
import dev.scbridge.ca.CertificateAuthority;
import dev.scbridge.ca.UserIdentity;
import dev.scbridge.pcsc.nativ.NativePcsc;
import dev.scbridge.rdp.esc.Ioctl;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.security.KeyPair;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tier 2: smart-card redirection. The Windows logon exchange goes through {@code RdpdrSmartCardChannel}, whose
 * ScardService is backed by {@link NativePcsc} (libpcsclite) talking to the private pcscd, where vsmartcard's vpcd
 * driver holds the session card: the path a gateway takes when it redirects a real reader.
 */
@Tag("pcscd")
class RdpRedirectThroughPcscdTest {
    @Test
    void windowsLogonOverTheChannelRedirectedToTheCardBehindPcscd() throws Exception {
        SecureRandom random = new SecureRandom();
        CertificateAuthority ca = CertificateAuthority.builder().keyType(CaKeyType.P256).random(random).build();
        KeyPair key = SessionKeyType.RSA_2048.generate(random);
        try (Pcscd pcscd = Pcscd.require();
             SessionCard session = SessionCard.load(ca.issue(UserIdentity.of("alice", "example.test"),
                     key.getPublic()), key, SessionPin.random(random), random);
             ServedCard served = new ServedCard(pcscd, session.card())) {
            NativePcsc pcsc = NativePcsc.open();
            List<Ioctl> seen = new ArrayList<>();
            RdpLogon.Result r = new RdpLogon(ca.certificate(), Clock.systemUTC(), random)
                    .play(pcsc, ServedCard.READER, session, x -> seen.add(x.ioctl()), ExchangeListener.NONE);
            assertThat(r.logon().upn()).isEqualTo("alice@example.test");
            assertThat(r.logon().signatureAlgorithm()).isEqualTo("SHA1withRSA");
            assertThat(seen).contains(Ioctl.GET_STATUS_CHANGE_W, Ioctl.CONNECT_W, Ioctl.BEGIN_TRANSACTION,
                    Ioctl.TRANSMIT, Ioctl.CANCEL);
        }
    }
}
