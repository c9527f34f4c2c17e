package dev.scbridge.card;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scbridge.apdu.Hex;
import dev.scbridge.apdu.ResponseApdu;
import dev.scbridge.apdu.piv.PivKeyRef;
import java.io.ByteArrayOutputStream;
import java.security.MessageDigest;
import java.security.Signature;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The APDUs Windows' inbox PIV minidriver sends at logon (shared/vectors/windows-logon-trace.txt, Teleport's
 * scard.log of a real Windows Server logon), byte for byte: 9-byte AID without Le, GET DATA with Le 00, 61xx chains
 * read with GET RESPONSE, 240-byte command chaining of an already padded PKCS#1 v1.5 block.
 */
class WindowsLogonFlowTest {
    private static final String PIN = "70472168";

    private final byte[] certificate = new byte[1200];
    private final CardSession s;

    WindowsLogonFlowTest() {
        Arrays.fill(certificate, (byte) 0x42);
        certificate[0] = 0x30;
        certificate[1] = (byte) 0x82;
        certificate[2] = (byte) ((certificate.length - 4) >> 8);
        certificate[3] = (byte) (certificate.length - 4);
        s = new CardSession(PivCard.builder().pin(PIN).key(PivKeyRef.AUTHENTICATION, TestKeys.RSA2048)
                .object(0x5FC105, dev.scbridge.apdu.piv.CertificateContainer.of(certificate).encode()).build());
    }

    @Test
    void selectWithNineByteAidAndNoLe_answersTheYubikeyTemplate() {
        // trace step 045/046
        ResponseApdu r = s.raw("00 A4 04 00 09 A0 00 00 03 08 00 00 10 00");
        assertThat(Hex.spaced(r.encode())).isEqualTo("61 11 4F 06 00 00 10 00 01 00 79 07 4F 05 A0 00 00 03 08 90 00");
    }

    @Test
    void getDataChuid_returnsA59ByteChuidWithGuid() {
        ResponseApdu r = s.raw("00 CB 3F FF 05 5C 03 5F C1 02 00");
        assertThat(r.sw()).isEqualTo(0x9000);
        assertThat(r.data()).hasSize(61);
        assertThat(Hex.spaced(Arrays.copyOf(r.data(), 4))).isEqualTo("53 3B 30 19");
        assertThat(r.data()[29]).isEqualTo((byte) 0x34);
    }

    @Test
    void certificateRead_comesIn256BytePiecesWith61xx() {
        // trace steps around line 550: 53 82 04 D0 ... 61 00, GET RESPONSE 00 C0 00 00 00 ... 61 D4, Le D4 -> 9000
        ResponseApdu first = s.raw("00 CB 3F FF 05 5C 03 5F C1 05 00");
        assertThat(first.data()).hasSize(256);
        assertThat(first.sw()).isEqualTo(0x6100);
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        all.writeBytes(first.data());
        ResponseApdu r = first;
        int rounds = 0;
        while (r.sw1() == 0x61) {
            String le = String.format("%02X", r.sw2());
            r = s.raw("00 C0 00 00 " + le);
            assertThat(r.data().length).isLessThanOrEqualTo(256);
            all.writeBytes(r.data());
            rounds++;
        }
        assertThat(r.sw()).isEqualTo(0x9000);
        assertThat(rounds).isEqualTo(4);
        byte[] object = all.toByteArray();
        // 53 82 len { 70 82 len cert, 71 01 00, FE 00 }
        assertThat(object.length).isEqualTo(4 + 4 + certificate.length + 3 + 2);
        assertThat(Arrays.copyOfRange(object, 8, 8 + certificate.length)).isEqualTo(certificate);
    }

    @Test
    void absentObjectProbes_answer6A82() {
        for (String id : new String[] {"0A", "0B", "01", "0C", "07"}) {
            assertThat(s.sw("00 CB 3F FF 05 5C 03 5F C1 " + id + " 00")).as(id).isEqualTo(0x6A82);
        }
    }

    @Test
    void verifyThenChainedSignOfPaddedSha1Block_givesAValidSignature() throws Exception {
        byte[] message = "PKINIT AuthPack".getBytes();
        byte[] digest = MessageDigest.getInstance("SHA-1").digest(message);
        byte[] block = new byte[256];
        Arrays.fill(block, (byte) 0xFF);
        block[0] = 0;
        block[1] = 1;
        byte[] digestInfo = Hex.decode("30 21 30 09 06 05 2B 0E 03 02 1A 05 00 04 14");
        int diStart = 256 - digestInfo.length - 20;
        block[diStart - 1] = 0;
        System.arraycopy(digestInfo, 0, block, diStart, digestInfo.length);
        System.arraycopy(digest, 0, block, 256 - 20, 20);

        s.select();
        assertThat(s.sw("00 20 00 80 08 " + Hex.spaced(PIN.getBytes()))).isEqualTo(0x9000);
        // 7C 82 01 06 82 00 81 82 01 00 <block>: 266 bytes, sent as 240 (CLA 10, Lc F0) + 26 (Lc 1A, Le 00)
        byte[] template = new byte[266];
        System.arraycopy(Hex.decode("7C 82 01 06 82 00 81 82 01 00"), 0, template, 0, 10);
        System.arraycopy(block, 0, template, 10, 256);
        ResponseApdu part1 = s.raw(concat(Hex.decode("10 87 07 9A F0"), Arrays.copyOf(template, 240)));
        assertThat(part1.sw()).isEqualTo(0x9000);
        ResponseApdu part2 = s.raw(concat(Hex.decode("00 87 07 9A 1A"), Arrays.copyOfRange(template, 240, 266),
                new byte[] {0}));
        assertThat(part2.sw()).isEqualTo(0x6108);
        assertThat(Hex.spaced(Arrays.copyOf(part2.data(), 8))).isEqualTo("7C 82 01 04 82 82 01 00");
        ResponseApdu rest = s.raw("00 C0 00 00 08");
        assertThat(rest.sw()).isEqualTo(0x9000);
        assertThat(rest.data()).hasSize(8);
        byte[] signature = concat(Arrays.copyOfRange(part2.data(), 8, 256), rest.data());

        Signature v = Signature.getInstance("SHA1withRSA");
        v.initVerify(TestKeys.RSA2048.getPublic());
        v.update(message);
        assertThat(v.verify(signature)).isTrue();
    }

    @Test
    void decipher_returnsTheWholePaddedBlockWithLeadingZeros() throws Exception {
        javax.crypto.Cipher enc = javax.crypto.Cipher.getInstance("RSA/ECB/PKCS1Padding");
        enc.init(javax.crypto.Cipher.ENCRYPT_MODE, TestKeys.RSA2048.getPublic());
        byte[] secret = Hex.decode("00112233445566778899AABBCCDDEEFF");
        byte[] ciphertext = enc.doFinal(secret);
        s.verifyPin(PIN);
        byte[] template = dev.scbridge.apdu.Tlv.of(0x7C, new dev.scbridge.apdu.Tlv(0x82, null),
                new dev.scbridge.apdu.Tlv(0x81, ciphertext)).encode();
        ResponseApdu r = s.send(new dev.scbridge.apdu.CommandApdu(0, 0x87, 0x07, 0x9A, template, 256));
        assertThat(r.sw()).isEqualTo(0x9000);
        byte[] raw = CardSession.tlvValue(r.data(), 0x82);
        assertThat(raw).hasSize(256);
        assertThat(raw[0]).isEqualTo((byte) 0x00);
        assertThat(raw[1]).isEqualTo((byte) 0x02);
        assertThat(Arrays.copyOfRange(raw, 256 - secret.length, 256)).isEqualTo(secret);
    }

    @Test
    void signWithoutPin_isRefused() {
        byte[] template = new byte[266];
        System.arraycopy(Hex.decode("7C 82 01 06 82 00 81 82 01 00"), 0, template, 0, 10);
        template[11] = 1;
        ResponseApdu r = s.send(new dev.scbridge.apdu.CommandApdu(0, 0x87, 0x07, 0x9A, template, 256));
        assertThat(r.sw()).isEqualTo(0x6982);
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
