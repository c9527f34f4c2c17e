package dev.scbridge.hwtests.piv;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scbridge.apdu.DecodeException;
import dev.scbridge.apdu.Hex;
import dev.scbridge.apdu.ResponseApdu;
import dev.scbridge.apdu.StatusWord;
import dev.scbridge.apdu.piv.CertificateContainer;
import dev.scbridge.apdu.piv.Chuid;
import dev.scbridge.apdu.piv.PivAlgorithm;
import dev.scbridge.apdu.piv.PivKeyRef;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import javax.crypto.Cipher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The sequence Windows' inbox PIV minidriver sends at logon, byte for byte from the real trace ({@link LogonTrace}),
 * against a card provisioned the card-agnostic way: 9B authentication, an RSA-2048 key generated in 9A, a Bouncy Castle
 * certificate for it in 5FC105, a CHUID, and the trace's 8-digit PIN set with CHANGE REFERENCE DATA. Every answer
 * must fit the 258 bytes Windows offers (facts/piv.md, "Pitfalls the real Windows logon exposes").
 */
abstract class WindowsLogonConformance extends ConformanceBase {
    private PublicKey key;
    private X509Certificate certificate;
    private Chuid chuid;
    /** The host as Windows is: every answer over 258 bytes fails the test at once. */
    private PivHost windows;

    @BeforeEach
    void provisionLikeAnAdministrator() {
        host.authenticateDefault();
        key = host.generateKey(PivKeyRef.AUTHENTICATION, PivAlgorithm.RSA2048);
        certificate = TestCertificates.logonCertificate(key, "Administrator");
        chuid = Chuid.generate(new SecureRandom());
        try {
            assertSw(host.putObject(0x5FC105, CertificateContainer.of(certificate.getEncoded()).encode()), 0x9000,
                    "PUT DATA 5FC105");
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new AssertionError(e);
        }
        assertSw(host.putObject(0x5FC102, chuid.encode()), 0x9000, "PUT DATA 5FC102 (CHUID)");
        assertSw(host.change(0x80, PivHost.DEFAULT_PIN, LogonTrace.PIN), 0x9000, "CHANGE REFERENCE DATA PIN");
        host.reset();
        windows = new PivHost(new ReceiveBuffer(host.card()));
    }

    @Test
    void logonSequence_isAnsweredAsTheTraceNeeds() throws Exception {
        // Card discovery session: steps 045-117.
        assertThat(Hex.spaced(windows.raw(LogonTrace.SELECT).encode())).isEqualTo(LogonTrace.SELECT_ANSWER);
        ResponseApdu chuidAnswer = windows.raw(LogonTrace.GET_CHUID);
        assertSw(chuidAnswer, 0x9000, "GET DATA CHUID");
        assertThat(Chuid.decode(Tlvs.value(chuidAnswer.data(), 0x53)).guid()).isEqualTo(chuid.guid());
        assertThat(CertificateContainer.decode(readCertificateLikeWindows()).certificateDer())
                .isEqualTo(certificate.getEncoded());
        for (String probe : LogonTrace.ABSENT_PROBES) {
            assertSw(windows.raw(probe), 0x6A82, "absent object probe " + probe);
        }
        // Logon session: steps 309-348.
        assertThat(Hex.spaced(windows.raw(LogonTrace.SELECT).encode())).isEqualTo(LogonTrace.SELECT_ANSWER);
        assertThat(Hex.spaced(windows.raw(LogonTrace.VERIFY).encode())).isEqualTo("90 00");
        assertThat(PublicKeys.verifiesDigestInfo(key, digestInfo(LogonTrace.SIGN_1_DIGEST),
                signLikeWindows(LogonTrace.SIGN_1_DIGEST, LogonTrace.SIGN_1_PIECE_2))).isTrue();
        byte[] secret = Hex.decode("00112233445566778899AABBCCDDEEFF00112233445566778899AABBCCDDEEFF0011223344556677");
        byte[] block = decipherLikeWindows(encrypt(secret));
        assertThat(Hex.spaced(Arrays.copyOf(block, 2))).isEqualTo("00 02");
        assertThat(Arrays.copyOfRange(block, block.length - secret.length, block.length)).isEqualTo(secret);
        // 9A is PIN-once: the second signature needs no new VERIFY.
        assertThat(PublicKeys.verifiesDigestInfo(key, digestInfo(LogonTrace.SIGN_2_DIGEST),
                signLikeWindows(LogonTrace.SIGN_2_DIGEST, LogonTrace.SIGN_2_PIECE_2))).isTrue();
    }

    @Test
    void signWithoutVerify_is6982() {
        windows.raw(LogonTrace.SELECT);
        byte[][] pieces = signPieces(LogonTrace.SIGN_1_DIGEST);
        assertSw(windows.raw(pieces[0]), 0x9000, "first piece");
        assertSw(windows.raw(pieces[1]), 0x6982, "second piece without VERIFY");
    }

    @Test
    void wrongSessionPin_countsDown() {
        windows.raw(LogonTrace.SELECT);
        assertSw(windows.raw("00 20 00 80 08 37 30 34 37 32 31 36 39"), 0x63C2, "VERIFY 70472169");
        assertThat(Hex.spaced(windows.raw(LogonTrace.VERIFY).encode())).isEqualTo("90 00");
    }

    /** Steps 085-094: GET DATA, then GET RESPONSE with the Le each 61xx announced, until 9000. */
    private byte[] readCertificateLikeWindows() throws DecodeException {
        ResponseApdu r = windows.raw(LogonTrace.GET_CERTIFICATE_9A);
        ByteArrayOutputStream object = new ByteArrayOutputStream();
        int rounds = 0;
        while (StatusWord.hasMoreData(r.sw())) {
            assertThat(r.data()).as("a piece before %s", StatusWord.hex(r.sw())).hasSize(256);
            object.writeBytes(r.data());
            assertThat(++rounds).as("GET RESPONSE rounds").isLessThan(16);
            r = windows.raw(LogonTrace.GET_RESPONSE + String.format("%02X", r.sw2()));
        }
        assertSw(r, 0x9000, "last piece of the certificate");
        object.writeBytes(r.data());
        // Our certificate (like the trace's 1,236-byte object) needs more than one GET RESPONSE.
        assertThat(rounds).as("GET RESPONSE rounds").isGreaterThanOrEqualTo(2);
        return Tlvs.value(object.toByteArray(), 0x53);
    }

    /** {@code 7C 82 01 06 {82 00, 81 82 01 00 <block>}}: 266 bytes, the block a PKCS#1 v1.5 SHA-1 one. */
    private static byte[] template(byte[] block) {
        return PivHost.concat(Hex.decode("7C 82 01 06 82 00 81 82 01 00"), block);
    }

    private static byte[] digestInfo(String digest) {
        return PivHost.concat(PublicKeys.SHA1_DIGEST_INFO, Hex.decode(digest));
    }

    /** The two pieces Windows sends: 240 bytes with CLA 10, then 26 bytes and Le 00. */
    private static byte[][] pieces(byte[] template) {
        byte[] first = PivHost.concat(Hex.decode("10 87 07 9A F0"), Arrays.copyOf(template, 240));
        byte[] second = PivHost.concat(Hex.decode("00 87 07 9A 1A"), Arrays.copyOfRange(template, 240, 266),
                new byte[] {0});
        return new byte[][] {first, second};
    }

    private static byte[][] signPieces(String digest) {
        return pieces(template(PublicKeys.pkcs1Block(256, PublicKeys.SHA1_DIGEST_INFO, Hex.decode(digest))));
    }

    private byte[] signLikeWindows(String digest, String tracePiece2) {
        byte[][] p = signPieces(digest);
        assertThat(p[0]).hasSize(LogonTrace.PIECE_1_LENGTH);
        assertThat(Hex.spaced(p[0])).startsWith(LogonTrace.SIGN_PIECE_1_START).endsWith(LogonTrace.SIGN_PIECE_1_END);
        assertThat(Hex.spaced(p[1])).isEqualTo(tracePiece2);
        return authenticateLikeWindows(p);
    }

    private byte[] decipherLikeWindows(byte[] ciphertext) {
        return authenticateLikeWindows(pieces(template(ciphertext)));
    }

    /** Both pieces, then 256 bytes + 6108, then GET RESPONSE 08: the 256-byte raw RSA result. */
    private byte[] authenticateLikeWindows(byte[][] pieces) {
        assertThat(Hex.spaced(windows.raw(pieces[0]).encode())).as("first piece").isEqualTo("90 00");
        ResponseApdu first = windows.raw(pieces[1]);
        assertSw(first, 0x6108, "second piece");
        assertThat(first.data()).hasSize(256);
        assertThat(Hex.spaced(Arrays.copyOf(first.data(), 8))).isEqualTo(LogonTrace.AUTHENTICATE_ANSWER_START);
        ResponseApdu rest = windows.raw(LogonTrace.GET_RESPONSE_8);
        assertSw(rest, 0x9000, "GET RESPONSE 08");
        assertThat(rest.data()).hasSize(8);
        return PivHost.concat(Arrays.copyOfRange(first.data(), 8, 256), rest.data());
    }

    private byte[] encrypt(byte[] secret) throws GeneralSecurityException {
        Cipher rsa = Cipher.getInstance("RSA/ECB/PKCS1Padding");
        rsa.init(Cipher.ENCRYPT_MODE, key);
        return rsa.doFinal(secret);
    }

    /** A card as Windows sees it: whatever answer does not fit 258 bytes fails the test. */
    private static final class ReceiveBuffer implements CardUnderTest {
        private final CardUnderTest card;

        ReceiveBuffer(CardUnderTest card) {
            this.card = card;
        }

        @Override
        public byte[] transmit(byte[] commandApdu) throws IOException {
            byte[] r = card.transmit(commandApdu);
            assertThat(r.length).as("%s: answer to %s within cbRecvLength", card.description(),
                    Hex.spaced(Arrays.copyOf(commandApdu, 4))).isLessThanOrEqualTo(LogonTrace.RECEIVE_BUFFER);
            return r;
        }

        @Override
        public void reset() throws IOException {
            card.reset();
        }

        @Override
        public String description() {
            return card.description() + " (258-byte receive buffer)";
        }
    }
}
