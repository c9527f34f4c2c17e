package dev.scbridge.card;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scbridge.apdu.CommandApdu;
import dev.scbridge.apdu.DecodeException;
import dev.scbridge.apdu.Hex;
import dev.scbridge.apdu.ResponseApdu;
import dev.scbridge.apdu.Tlv;
import dev.scbridge.apdu.piv.PivAlgorithm;
import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.Arrays;
import java.util.List;
import javax.crypto.KeyAgreement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** GENERATE, GENERAL AUTHENTICATE with slot keys, IMPORT, ATTEST, METADATA, MOVE (facts/piv.md 3, 5, 6, 10). */
class KeyCommandsTest {
    private final CardSession s = CardSession.fresh();

    private PublicKey generate(int slot, PivAlgorithm alg, String policies) {
        s.authenticateDefault();
        int len = 3 + (policies.isEmpty() ? 0 : Hex.decode(policies).length);
        String data = String.format("AC %02X 80 01 %02X %s", len, alg.code(), policies);
        ResponseApdu r = s.send(new CommandApdu(0, 0x47, 0, slot, Hex.decode(data), 256));
        assertThat(r.sw()).isEqualTo(0x9000);
        return publicKey(alg, r.data());
    }

    static PublicKey publicKey(PivAlgorithm alg, byte[] template) {
        try {
            Tlv t = Tlv.parseSingle(template);
            assertThat(t.tag()).isEqualTo(0x7F49);
            List<Tlv> parts = t.children();
            if (alg.isRsa()) {
                assertThat(parts.get(0).tag()).isEqualTo(0x81);
                assertThat(parts.get(1).tag()).isEqualTo(0x82);
                return KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(
                        new BigInteger(1, parts.get(0).value()), new BigInteger(1, parts.get(1).value())));
            }
            byte[] point = Tlv.require(parts, 0x86, "point").value();
            int n = alg.elementLength();
            assertThat(point).hasSize(1 + 2 * n);
            ECPoint w = new ECPoint(new BigInteger(1, Arrays.copyOfRange(point, 1, 1 + n)),
                    new BigInteger(1, Arrays.copyOfRange(point, 1 + n, point.length)));
            return KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(w, Curves.jcaParams(alg)));
        } catch (DecodeException | java.security.GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }

    private ResponseApdu sign(int slot, PivAlgorithm alg, byte[] input) {
        byte[] template = Tlv.of(0x7C, new Tlv(0x82, null), new Tlv(0x81, input)).encode();
        return s.send(new CommandApdu(0, 0x87, alg.code(), slot, template, 256));
    }

    private static byte[] sha256(byte[] m) throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(m);
    }

    @Test
    void generateWithoutManagementKey_is6982() {
        // Yubico .NET SDK generate-pair.md trace
        assertThat(s.sw("00 47 00 9C 0B AC 09 80 01 06 AA 01 02 AB 01 02")).isEqualTo(0x6982);
    }

    @ParameterizedTest
    @EnumSource(value = PivAlgorithm.class, names = {"ECC_P256", "ECC_P384"})
    void generatedEcKeySigns(PivAlgorithm alg) throws Exception {
        PublicKey pub = generate(0x9A, alg, "");
        s.verifyPin("123456");
        byte[] message = "hello".getBytes();
        byte[] digest = MessageDigest.getInstance(alg == PivAlgorithm.ECC_P256 ? "SHA-256" : "SHA-384").digest(message);
        ResponseApdu r = sign(0x9A, alg, digest);
        assertThat(r.sw()).isEqualTo(0x9000);
        Signature v = Signature.getInstance(alg == PivAlgorithm.ECC_P256 ? "SHA256withECDSA" : "SHA384withECDSA");
        v.initVerify(pub);
        v.update(message);
        assertThat(v.verify(CardSession.tlvValue(r.data(), 0x82))).isTrue();
    }

    @ParameterizedTest
    @EnumSource(value = PivAlgorithm.class, names = {"RSA2048", "RSA3072", "RSA4096"})
    void generatedRsaKeySignsRawPkcs1Blocks(PivAlgorithm alg) throws Exception {
        PublicKey pub = generate(0x9D, alg, "");
        s.verifyPin("123456");
        byte[] message = "hello".getBytes();
        byte[] digestInfo = Hex.decode("30 31 30 0D 06 09 60 86 48 01 65 03 04 02 01 05 00 04 20");
        byte[] block = new byte[alg.elementLength()];
        Arrays.fill(block, (byte) 0xFF);
        block[0] = 0;
        block[1] = 1;
        int t = digestInfo.length + 32;
        block[block.length - t - 1] = 0;
        System.arraycopy(digestInfo, 0, block, block.length - t, digestInfo.length);
        System.arraycopy(sha256(message), 0, block, block.length - 32, 32);
        ResponseApdu r = sign(0x9D, alg, block);
        assertThat(r.sw()).isEqualTo(0x9000);
        Signature v = Signature.getInstance("SHA256withRSA");
        v.initVerify(pub);
        v.update(message);
        assertThat(v.verify(CardSession.tlvValue(r.data(), 0x82))).isTrue();
    }

    @Test
    void signatureSlot_needsThePinImmediatelyBefore() throws Exception {
        generate(0x9C, PivAlgorithm.ECC_P256, "");
        byte[] digest = sha256("m".getBytes());
        assertThat(sign(0x9C, PivAlgorithm.ECC_P256, digest).sw()).isEqualTo(0x6982);
        s.verifyPin("123456");
        assertThat(sign(0x9C, PivAlgorithm.ECC_P256, digest).sw()).isEqualTo(0x9000);
        assertThat(sign(0x9C, PivAlgorithm.ECC_P256, digest).sw()).as("used up").isEqualTo(0x6982);
        s.verifyPin("123456");
        s.raw("00 CB 3F FF 03 5C 01 7E"); // any other command voids it (yubico-piv-tool relies on this)
        assertThat(sign(0x9C, PivAlgorithm.ECC_P256, digest).sw()).isEqualTo(0x6982);
    }

    @Test
    void cardAuthenticationSlot_needsNoPin() throws Exception {
        generate(0x9E, PivAlgorithm.ECC_P256, "");
        s.card.reset();
        assertThat(sign(0x9E, PivAlgorithm.ECC_P256, sha256("m".getBytes())).sw()).isEqualTo(0x9000);
    }

    @Test
    void pinPolicyNever_fromGenerateIsHonoured() throws Exception {
        generate(0x9A, PivAlgorithm.ECC_P256, "AA 01 01");
        s.card.reset();
        assertThat(sign(0x9A, PivAlgorithm.ECC_P256, sha256("m".getBytes())).sw()).isEqualTo(0x9000);
    }

    @Test
    void retiredSlot_works() throws Exception {
        generate(0x95, PivAlgorithm.ECC_P256, "");
        s.verifyPin("123456");
        assertThat(sign(0x95, PivAlgorithm.ECC_P256, sha256("m".getBytes())).sw()).isEqualTo(0x9000);
    }

    @Test
    void ecdh_givesTheSharedXCoordinate() throws Exception {
        PublicKey cardKey = generate(0x9D, PivAlgorithm.ECC_P256, "");
        KeyPair peer = TestKeys.generateEc("secp256r1");
        byte[] point = SlotKey.encodePoint((ECPublicKey) peer.getPublic(), 32);
        s.verifyPin("123456");
        byte[] template = Tlv.of(0x7C, new Tlv(0x82, null), new Tlv(0x85, point)).encode();
        ResponseApdu r = s.send(new CommandApdu(0, 0x87, 0x11, 0x9D, template, 256));
        assertThat(r.sw()).isEqualTo(0x9000);
        KeyAgreement ka = KeyAgreement.getInstance("ECDH");
        ka.init(peer.getPrivate());
        ka.doPhase(cardKey, true);
        assertThat(CardSession.tlvValue(r.data(), 0x82)).isEqualTo(ka.generateSecret());
    }

    @Test
    void ecdhWithPointOffTheCurve_is6A80() {
        generate(0x9D, PivAlgorithm.ECC_P256, "");
        s.verifyPin("123456");
        byte[] point = new byte[65];
        point[0] = 4;
        point[64] = 7;
        byte[] template = Tlv.of(0x7C, new Tlv(0x82, null), new Tlv(0x85, point)).encode();
        assertThat(s.send(new CommandApdu(0, 0x87, 0x11, 0x9D, template, 256)).sw()).isEqualTo(0x6A80);
    }

    @Test
    void emptySlotOrWrongAlgorithm_is6A80() {
        s.verifyPin("123456");
        assertThat(sign(0x9A, PivAlgorithm.ECC_P256, new byte[32]).sw()).isEqualTo(0x6A80);
        generate(0x9A, PivAlgorithm.ECC_P256, "");
        assertThat(sign(0x9A, PivAlgorithm.RSA2048, new byte[256]).sw()).isEqualTo(0x6A80);
    }

    @Test
    void rsaInputOfWrongLength_is6A80() {
        KeyPair kp = TestKeys.RSA2048;
        CardSession c = new CardSession(PivCard.builder().key(dev.scbridge.apdu.piv.PivKeyRef.AUTHENTICATION, kp)
                .build());
        c.verifyPin("123456");
        byte[] template = Tlv.of(0x7C, new Tlv(0x82, null), new Tlv(0x81, new byte[255])).encode();
        assertThat(c.send(new CommandApdu(0, 0x87, 0x07, 0x9A, template, 256)).sw()).isEqualTo(0x6A80);
        byte[] big = new byte[256];
        Arrays.fill(big, (byte) 0xFF);
        template = Tlv.of(0x7C, new Tlv(0x82, null), new Tlv(0x81, big)).encode();
        assertThat(c.send(new CommandApdu(0, 0x87, 0x07, 0x9A, template, 256)).sw()).isEqualTo(0x6A80);
    }

    @Test
    void importRsaKey_thenItSigns() throws Exception {
        RSAPrivateCrtKey k = (RSAPrivateCrtKey) TestKeys.RSA2048.getPrivate();
        byte[] data = concat(part(0x01, k.getPrimeP(), 128), part(0x02, k.getPrimeQ(), 128),
                part(0x03, k.getPrimeExponentP(), 128), part(0x04, k.getPrimeExponentQ(), 128),
                part(0x05, k.getCrtCoefficient(), 128), Hex.decode("AA 01 01"));
        s.authenticateDefault();
        assertThat(s.send(new CommandApdu(0, 0xFE, 0x07, 0x9A, data)).sw()).isEqualTo(0x9000);
        ResponseApdu meta = s.send(new CommandApdu(0, 0xF7, 0, 0x9A, null, 256));
        assertThat(meta.sw()).isEqualTo(0x9000);
        assertThat(Hex.spaced(Arrays.copyOf(meta.data(), 10))).isEqualTo("01 01 07 02 02 01 01 03 01 02");
        byte[] block = new byte[256];
        block[255] = 5;
        ResponseApdu r = sign(0x9A, PivAlgorithm.RSA2048, block);
        assertThat(r.sw()).isEqualTo(0x9000);
        BigInteger sig = new BigInteger(1, CardSession.tlvValue(r.data(), 0x82));
        java.security.interfaces.RSAPublicKey pub = (java.security.interfaces.RSAPublicKey) TestKeys.RSA2048.getPublic();
        assertThat(sig.modPow(pub.getPublicExponent(), pub.getModulus())).isEqualTo(BigInteger.valueOf(5));
        // An imported key cannot be attested.
        assertThat(s.sw("00 F9 9A 00")).isEqualTo(0x6A80);
    }

    @Test
    void importEcKey_metadataShowsImportedOriginAndPublicPoint() {
        ECPrivateKey k = (ECPrivateKey) TestKeys.P256.getPrivate();
        s.authenticateDefault();
        assertThat(s.send(new CommandApdu(0, 0xFE, 0x11, 0x9C, part(0x06, k.getS(), 32))).sw()).isEqualTo(0x9000);
        ResponseApdu meta = s.send(new CommandApdu(0, 0xF7, 0, 0x9C, null, 256));
        byte[] point = SlotKey.encodePoint((ECPublicKey) TestKeys.P256.getPublic(), 32);
        assertThat(Hex.spaced(meta.data())).isEqualTo("01 01 11 02 02 03 01 03 01 02 04 43 86 41 "
                + Hex.spaced(point));
    }

    @Test
    void importInconsistentRsaParts_is6A80() {
        RSAPrivateCrtKey k = (RSAPrivateCrtKey) TestKeys.RSA2048.getPrivate();
        byte[] data = concat(part(0x01, k.getPrimeP(), 128), part(0x02, k.getPrimeQ(), 128),
                part(0x03, k.getPrimeExponentQ(), 128), part(0x04, k.getPrimeExponentQ(), 128),
                part(0x05, k.getCrtCoefficient(), 128));
        s.authenticateDefault();
        assertThat(s.send(new CommandApdu(0, 0xFE, 0x07, 0x9A, data)).sw()).isEqualTo(0x6A80);
    }

    @Test
    void metadataOfEmptySlot_is6A88_andBioSlot_is6A88() {
        assertThat(s.sw("00 F7 00 9A")).isEqualTo(0x6A88);
        assertThat(s.sw("00 F7 00 96")).isEqualTo(0x6A88);
    }

    @Test
    void attestation_isSignedByTheF9KeyWhoseCertificateIsOnTheCard() throws Exception {
        PublicKey pub = generate(0x9A, PivAlgorithm.ECC_P256, "AA 01 02");
        ResponseApdu r = s.send(new CommandApdu(0, 0xF9, 0x9A, 0, null, 256));
        assertThat(r.sw()).isEqualTo(0x9000);
        assertThat(r.data()[0]).isEqualTo((byte) 0x30);
        CertificateFactory cf = CertificateFactory.getInstance("X.509");
        X509Certificate statement = (X509Certificate) cf.generateCertificate(new ByteArrayInputStream(r.data()));
        ResponseApdu f9 = s.send(new CommandApdu(0, 0xCB, 0x3F, 0xFF, Hex.decode("5C 03 5F FF 01"), 256));
        assertThat(f9.sw()).isEqualTo(0x9000);
        byte[] f9Der = dev.scbridge.apdu.piv.CertificateContainer.decode(Tlv.parseSingle(f9.data()).value())
                .certificateDer();
        X509Certificate issuer = (X509Certificate) cf.generateCertificate(new ByteArrayInputStream(f9Der));
        statement.verify(issuer.getPublicKey());
        assertThat(statement.getPublicKey()).isEqualTo(pub);
        assertThat(statement.getSubjectX500Principal().getName()).isEqualTo("CN=YubiKey PIV Attestation 9a");
        assertThat(statement.getIssuerX500Principal()).isEqualTo(issuer.getSubjectX500Principal());
        assertThat(statement.getExtensionValue("1.3.6.1.4.1.41482.3.3")).endsWith(5, 7, 1);
        assertThat(statement.getExtensionValue("1.3.6.1.4.1.41482.3.8")).endsWith(2, 1);
    }

    @Test
    void attestEmptySlot_is6A80() {
        assertThat(s.sw("00 F9 9A 00")).isEqualTo(0x6A80);
    }

    @Test
    void moveAndDeleteKeys() throws Exception {
        generate(0x9A, PivAlgorithm.ECC_P256, "");
        assertThat(s.sw("00 F6 9D 9A")).isEqualTo(0x9000);
        assertThat(s.sw("00 F7 00 9A")).isEqualTo(0x6A88);
        assertThat(s.raw("00 F7 00 9D").sw()).isEqualTo(0x9000);
        assertThat(s.sw("00 F6 9D 9A")).as("empty source").isEqualTo(0x6A88);
        generate(0x9A, PivAlgorithm.ECC_P256, "");
        assertThat(s.sw("00 F6 9D 9A")).as("occupied destination").isEqualTo(0x6A80);
        assertThat(s.sw("00 F6 FF 9D")).isEqualTo(0x9000);
        assertThat(s.sw("00 F7 00 9D")).isEqualTo(0x6A88);
        assertThat(s.sw("00 F6 9A F9")).isEqualTo(0x6A86);
        s.card.reset();
        assertThat(s.sw("00 F6 FF 9A")).isEqualTo(0x6982);
    }

    private static byte[] part(int tag, BigInteger v, int len) {
        return new Tlv(tag, SlotKey.leftPad(SlotKey.unsigned(v), len)).encode();
    }

    private static byte[] concat(byte[]... parts) {
        return WindowsLogonFlowTest.concat(parts);
    }
}
