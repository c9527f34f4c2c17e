package dev.scbridge.bridge;

import dev.scbridge.apdu.ApduTransport.RawTransport;
import dev.scbridge.apdu.Hex;
import dev.scbridge.ca.CaKeyType;
import dev.scbridge.ca.CertificateAuthority;
import dev.scbridge.ca.UserIdentity;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The logon exchange against the real software card. Expected command bytes are the ones Windows sent in the
 * recorded logon (shared/vectors/windows-logon-trace.txt, source gravitational/teleport
 * lib/srv/desktop/rdp/rdpclient/src/rdpdr/log/scard.log @9fd53b338c72): steps 045, 047, 085, 087, 093, 103-118,
 * 2006, 2024, 2039, 2161, 2176, 2191.
 */
class WindowsLogonExchangeTest {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-03-01T12:00:00Z"), ZoneOffset.UTC);
    private static final UserIdentity ALICE = UserIdentity.of("alice", "example.test");
    private static final String PIN = "70472168";

    private static CertificateAuthority ca;
    private static KeyPair rsa;
    private static X509Certificate rsaCert;

    @BeforeAll
    static void setUp() throws Exception {
        ca = CertificateAuthority.builder().keyType(CaKeyType.P256).clock(CLOCK).random(RANDOM).build();
        rsa = SessionKeyType.RSA_2048.generate(RANDOM);
        rsaCert = ca.issue(ALICE, rsa.getPublic());
    }

    private static WindowsLogonExchange exchange() {
        return new WindowsLogonExchange(ca.certificate(), CLOCK, RANDOM);
    }

    @Test
    void rsaCard_logsOn_withTheRecordedWindowsCommands() throws Exception {
        try (SessionCard session = SessionCard.load(rsaCert, rsa, SessionPin.of(PIN), RANDOM)) {
            Recorder wire = new Recorder(session.card()::transmit);
            Collected seen = new Collected();
            LogonResult r = exchange().play(wire, session.pin(), seen);

            assertThat(r.upn()).isEqualTo("alice@example.test");
            assertThat(r.signatureAlgorithm()).isEqualTo("SHA1withRSA");
            assertThat(r.certificate()).isEqualTo(rsaCert);
            assertThat(r.cardGuid()).hasSize(32);
            assertThat(r.apdus()).isEqualTo(wire.commands.size()).isEqualTo(seen.steps.size());

            List<String> c = wire.hex();
            assertThat(c.get(0)).isEqualTo("00 A4 04 00 09 A0 00 00 03 08 00 00 10 00");
            assertThat(c.get(1)).isEqualTo("00 CB 3F FF 05 5C 03 5F C1 02 00");
            assertThat(c.get(2)).isEqualTo("00 CB 3F FF 05 5C 03 5F C1 05 00");
            int afterCert = 3;
            while (c.get(afterCert).startsWith("00 C0 00 00")) {
                assertThat(c.get(afterCert)).hasSize("00 C0 00 00 00".length());
                afterCert++;
            }
            assertThat(afterCert).isGreaterThan(3);
            assertThat(c.subList(afterCert, afterCert + 8)).containsExactly(
                    "00 CB 3F FF 05 5C 03 5F C1 0A 00",
                    "00 CB 3F FF 05 5C 03 5F C1 0B 00",
                    "00 CB 3F FF 05 5C 03 5F C1 01 00",
                    "00 CB 3F FF 05 5C 03 5F C1 0C 00",
                    "00 CB 3F FF 05 5C 03 5F C1 07 00",
                    "00 A4 04 00 09 A0 00 00 03 08 00 00 10 00",
                    "00 20 00 80 08 37 30 34 37 32 31 36 38",
                    c.get(afterCert + 7));
            String ga1 = c.get(afterCert + 7);
            String ga2 = c.get(afterCert + 8);
            assertThat(wire.commands.get(afterCert + 7)).hasSize(245);
            // As recorded (steps 2161, 2176): the DigestInfo straddles the two pieces.
            assertThat(ga1).startsWith("10 87 07 9A F0 7C 82 01 06 82 00 81 82 01 00 00 01 FF FF FF")
                    .endsWith(" FF FF 00 30 21 30 09 06 05 2B 0E 03");
            assertThat(wire.commands.get(afterCert + 8)).hasSize(32);
            assertThat(ga2).startsWith("00 87 07 9A 1A 02 1A 05 00 04 14 ").endsWith(" 00");
            assertThat(c.get(afterCert + 9)).isEqualTo("00 C0 00 00 08");
            assertThat(c).hasSize(afterCert + 10);
            assertThat(wire.responses).allSatisfy(resp -> assertThat(resp.length).isLessThanOrEqualTo(258));
            assertThat(seen.steps.get(afterCert + 8).sw()).isEqualTo(0x6108);
        }
    }

    @Test
    void ecCard_logsOn_withEcdsa() throws Exception {
        KeyPair ec = SessionKeyType.P256.generate(RANDOM);
        try (SessionCard session = SessionCard.load(ca.issue(ALICE, ec.getPublic()), ec, SessionPin.of(PIN), RANDOM)) {
            Recorder wire = new Recorder(session.card()::transmit);
            LogonResult r = exchange().play(wire, session.pin(), ExchangeListener.NONE);
            assertThat(r.signatureAlgorithm()).isEqualTo("SHA256withECDSA");
            assertThat(wire.hex()).anySatisfy(cmd -> assertThat(cmd).startsWith("00 87 11 9A 26 7C 24 82 00 81 20 "));
        }
    }

    @Test
    void keysMismatch_fails() {
        KeyPair other = SessionKeyType.RSA_2048.generate(RANDOM);
        try (SessionCard session = SessionCard.load(rsaCert, other, SessionPin.of(PIN), RANDOM)) {
            assertThatThrownBy(() -> exchange().play(session.card()::transmit, session.pin(), ExchangeListener.NONE))
                    .isInstanceOf(LogonFailedException.class)
                    .hasMessageContaining("does not verify with the certificate's public key");
        }
    }

    @Test
    void wrongPin_fails() {
        try (SessionCard session = SessionCard.load(rsaCert, rsa, SessionPin.of(PIN), RANDOM)) {
            assertThatThrownBy(() -> exchange().play(session.card()::transmit, SessionPin.of("12345678"),
                    ExchangeListener.NONE))
                    .isInstanceOf(LogonFailedException.class).hasMessageStartingWith("VERIFY: wrong PIN (");
        }
    }

    @Test
    void certificateFromAnotherCa_doesNotChain() throws Exception {
        CertificateAuthority stranger = CertificateAuthority.builder().keyType(CaKeyType.P256).clock(CLOCK)
                .random(RANDOM).subject("CN=Someone Else").build();
        X509Certificate foreign = stranger.issue(ALICE, rsa.getPublic());
        try (SessionCard session = SessionCard.load(foreign, rsa, SessionPin.of(PIN), RANDOM)) {
            assertThatThrownBy(() -> exchange().play(session.card()::transmit, session.pin(), ExchangeListener.NONE))
                    .isInstanceOf(LogonFailedException.class)
                    .hasMessageStartingWith("the certificate does not chain to CN=scbridge demo CA");
        }
    }

    @Test
    void expiredCertificate_isNotOffered() {
        WindowsLogonExchange later = new WindowsLogonExchange(ca.certificate(),
                Clock.offset(CLOCK, java.time.Duration.ofMinutes(10)), RANDOM);
        try (SessionCard session = SessionCard.load(rsaCert, rsa, SessionPin.of(PIN), RANDOM)) {
            assertThatThrownBy(() -> later.play(session.card()::transmit, session.pin(), ExchangeListener.NONE))
                    .isInstanceOf(LogonFailedException.class)
                    .hasMessageStartingWith("Windows would not offer the certificate for logon: expired");
        }
    }

    @Test
    void probeAnsweredOtherThan6A82_fails() {
        try (SessionCard session = SessionCard.load(rsaCert, rsa, SessionPin.of(PIN), RANDOM)) {
            RawTransport rewriting = cmd -> Hex.spaced(cmd).equals("00 CB 3F FF 05 5C 03 5F C1 0A 00")
                    ? Hex.decode("69 82") : session.card().transmit(cmd);
            assertThatThrownBy(() -> exchange().play(rewriting, session.pin(), ExchangeListener.NONE))
                    .isInstanceOf(LogonFailedException.class)
                    .hasMessage("GET DATA 5FC10A answered 6982 security status not satisfied; Windows expects 6A82 "
                            + "for an absent object");
        }
    }

    @Test
    void responseLongerThanWindowsReceiveBuffer_fails() {
        try (SessionCard session = SessionCard.load(rsaCert, rsa, SessionPin.of(PIN), RANDOM)) {
            RawTransport tooLong = cmd -> cmd[1] == (byte) 0xCB && cmd[9] == 0x02
                    ? Arrays.copyOf(Hex.decode("53 00"), 300) : session.card().transmit(cmd);
            assertThatThrownBy(() -> exchange().play(tooLong, session.pin(), ExchangeListener.NONE))
                    .isInstanceOf(LogonFailedException.class)
                    .hasMessageContaining("answered 300 bytes to GET DATA 5FC102 (CHUID)")
                    .hasMessageContaining("258-byte receive buffer");
        }
    }

    @Test
    void cardWithoutCertificate_failsAtTheCertificateRead() {
        RawTransport noCert = new RawTransport() {
            final dev.scbridge.card.PivCard card = dev.scbridge.card.PivCard.builder().pin(PIN)
                    .key(dev.scbridge.apdu.piv.PivKeyRef.AUTHENTICATION, rsa).build();

            @Override
            public byte[] transmit(byte[] command) {
                return card.transmit(command);
            }
        };
        assertThatThrownBy(() -> exchange().play(noCert, SessionPin.of(PIN), ExchangeListener.NONE))
                .isInstanceOf(LogonFailedException.class)
                .hasMessage("GET DATA 5FC105 (PIV Authentication certificate) answered 6A82 file or application "
                        + "not found");
    }

    @Test
    void transcript_neverCarriesThePin() throws Exception {
        try (SessionCard session = SessionCard.load(rsaCert, rsa, SessionPin.of("31415926"), RANDOM)) {
            Collected seen = new Collected();
            exchange().play(session.card()::transmit, session.pin(), seen);
            assertThat(seen.text()).doesNotContain("31415926").doesNotContain("33 31 34 31");
            assertThat(seen.steps).extracting(ExchangeStep::name).contains("VERIFY PIN");
        }
    }

    @Test
    void closingTheSession_wipesThePin() {
        SessionCard session = SessionCard.load(rsaCert, rsa, SessionPin.of(PIN), RANDOM);
        session.close();
        assertThatThrownBy(() -> session.pin().reveal()).isInstanceOf(IllegalStateException.class);
        assertThat(session.toString()).doesNotContain(PIN).contains("PIN redacted");
    }

    /** Keeps every command and response. */
    private static final class Recorder implements RawTransport {
        final List<byte[]> commands = new ArrayList<>();
        final List<byte[]> responses = new ArrayList<>();
        private final RawTransport card;

        Recorder(RawTransport card) {
            this.card = card;
        }

        @Override
        public byte[] transmit(byte[] command) throws java.io.IOException {
            commands.add(command.clone());
            byte[] r = card.transmit(command);
            responses.add(r.clone());
            return r;
        }

        List<String> hex() {
            return commands.stream().map(Hex::spaced).toList();
        }
    }

    private static final class Collected implements ExchangeListener {
        final List<ExchangeStep> steps = new ArrayList<>();
        final List<String> notes = new ArrayList<>();

        @Override
        public void apdu(ExchangeStep step) {
            steps.add(step);
        }

        @Override
        public void note(String text) {
            notes.add(text);
        }

        String text() {
            return steps + "\n" + notes;
        }
    }
}
