package dev.scbridge.hwtests.pcscd;

import dev.scbridge.card.PivCard;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tier 2: the software PIV card behind pcscd + vpcd, driven by software no one here wrote: OpenSC (opensc-tool,
 * pkcs15-tool, pkcs11-tool with opensc-pkcs11.so) and yubico-piv-tool. One card for the class, in the order a
 * person would provision it; each step's output is in the assertion message when it fails.
 */
@Tag("pcscd")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OpenScAndYubicoPivToolTest {
    static final String PKCS11 = "/usr/lib/x86_64-linux-gnu/opensc-pkcs11.so";
    static final String PIN = "123456";
    static final String DEFAULT_MGM = "010203040506070801020304050607080102030405060708";
    static Pcscd pcscd;
    static ServedCard served;
    @TempDir
    static Path tmp;

    @BeforeAll
    static void serve() throws Exception {
        pcscd = Pcscd.require();
        served = new ServedCard(pcscd, PivCard.builder().build());
    }

    @AfterAll
    static void stop() throws Exception {
        if (served != null) {
            served.close();
        }
        if (pcscd != null) {
            pcscd.close();
        }
    }

    private static Pcscd.Result ok(String... cmd) throws Exception {
        Pcscd.Result r = pcscd.tool(cmd);
        assertThat(r.exit()).as(r.toString()).isZero();
        return r;
    }

    private static Pcscd.Result piv(String... args) throws Exception {
        String[] cmd = new String[args.length + 3];
        cmd[0] = "yubico-piv-tool";
        cmd[1] = "-r";
        cmd[2] = "Virtual";
        System.arraycopy(args, 0, cmd, 3, args.length);
        return pcscd.tool(cmd);
    }

    private static Pcscd.Result pivOk(String... args) throws Exception {
        Pcscd.Result r = piv(args);
        assertThat(r.exit()).as(r.toString()).isZero();
        return r;
    }

    /**
     * A certificate for the card's new public key: yubico-piv-tool's own self-signed one where the tool can make it,
     * else one from a throwaway openssl CA. Debian 12's yubico-piv-tool 2.2.0 on OpenSSL 3 fails
     * {@code selfsign-certificate} before sending any APDU ("Failed signing certificate"; upstream
     * Yubico/yubico-piv-tool#388, the same with a real YubiKey), so the fallback is what runs there.
     */
    private static void certify(String slot, String cn, Path pub, Path cert) throws Exception {
        Pcscd.Result self = piv("-a", "verify-pin", "-P", PIN, "-a", "selfsign-certificate", "-s", slot,
                "-S", "/CN=" + cn + "/", "-i", pub.toString(), "-o", cert.toString());
        if (self.exit() == 0) {
            return;
        }
        assertThat(self.output()).as("only the known tool failure is tolerated: " + self)
                .contains("Failed signing certificate");
        System.err.println("NOTE: yubico-piv-tool selfsign-certificate failed as known for 2.2.0 + OpenSSL 3 "
                + "(upstream #388); certifying slot " + slot + " with a throwaway openssl CA instead");
        Path caKey = tmp.resolve("ca.key");
        Path ca = tmp.resolve("ca.pem");
        if (!Files.exists(ca)) {
            ok("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", caKey.toString(),
                    "-out", ca.toString(), "-subj", "/CN=scbridge tier-2 test CA", "-days", "1");
        }
        Path key = tmp.resolve(slot + ".csr.key");
        Path csr = tmp.resolve(slot + ".csr");
        ok("openssl", "req", "-new", "-newkey", "rsa:2048", "-nodes", "-keyout", key.toString(),
                "-subj", "/CN=" + cn, "-out", csr.toString());
        ok("openssl", "x509", "-req", "-in", csr.toString(), "-CA", ca.toString(), "-CAkey", caKey.toString(),
                "-set_serial", "1", "-force_pubkey", pub.toString(), "-days", "1", "-out", cert.toString());
    }

    @Test
    @Order(1)
    void openscTool_listsTheReaderWithACardAndReadsTheAtr() throws Exception {
        assertThat(ok("opensc-tool", "-l").output()).contains(ServedCard.READER);
        assertThat(ok("opensc-tool", "--reader", "0", "-a").output()).contains("3b:95:13:81:01:80:73:ff:01:00:0b");
        Pcscd.Result select = ok("opensc-tool", "--reader", "0", "-s", "00 A4 04 00 09 A0 00 00 03 08 00 00 10 00");
        assertThat(select.output()).as(select.toString()).contains("SW1=0x90, SW2=0x00").contains("61 11 4F 06");
    }

    @Test
    @Order(2)
    void opensc_recognisesAPivCard() throws Exception {
        assertThat(ok("opensc-tool", "--reader", "0", "-n").output()).contains("Personal Identity Verification Card");
        Pcscd.Result dump = ok("pkcs15-tool", "--reader", "0", "-D");
        assertThat(dump.output()).as(dump.toString()).contains("Manufacturer ID: piv_II").contains("PIN [PIN]");
        Pcscd.Result slots = ok("pkcs11-tool", "--module", PKCS11, "-L");
        assertThat(slots.output()).as(slots.toString()).contains(ServedCard.READER).contains("PIV_II");
    }

    @Test
    @Order(3)
    void yubicoPivTool_status() throws Exception {
        Pcscd.Result r = pivOk("-a", "status");
        assertThat(r.output()).as(r.toString()).contains("Version:\t5.7.1").contains("PIN tries left:\t3");
    }

    @Test
    @Order(4)
    void yubicoPivTool_verifyAndChangePin() throws Exception {
        assertThat(pivOk("-a", "verify-pin", "-P", PIN).output()).contains("Successfully verified PIN");
        pivOk("-a", "change-pin", "-P", PIN, "-N", "654321");
        Pcscd.Result old = piv("-a", "verify-pin", "-P", PIN);
        assertThat(old.exit()).as(old.toString()).isNotZero();
        assertThat(old.output()).as(old.toString()).containsIgnoringCase("2 tries left");
        pivOk("-a", "verify-pin", "-P", "654321");
        pivOk("-a", "change-pin", "-P", "654321", "-N", PIN);
        assertThat(pivOk("-a", "status").output()).contains("PIN tries left:\t3");
    }

    @Test
    @Order(5)
    void yubicoPivTool_generateSelfsignImportRsa9a() throws Exception {
        Path pub = tmp.resolve("9a.pub.pem");
        Path cert = tmp.resolve("9a.cert.pem");
        pivOk("-a", "generate", "-s", "9a", "-A", "RSA2048", "-o", pub.toString());
        certify("9a", "scbridge tier2", pub, cert);
        pivOk("-a", "import-certificate", "-s", "9a", "-i", cert.toString());
        assertThat(pivOk("-a", "status").output()).contains("Slot 9a:").contains("CN=scbridge tier2");
        Pcscd.Result sig = pivOk("-a", "verify-pin", "-P", PIN, "-a", "test-signature", "-s", "9a",
                "-i", cert.toString());
        assertThat(sig.output()).as(sig.toString()).contains("Successful");
    }

    @Test
    @Order(6)
    void yubicoPivTool_generateSelfsignImportEc9dAndDecipher() throws Exception {
        Path pub = tmp.resolve("9d.pub.pem");
        Path cert = tmp.resolve("9d.cert.pem");
        pivOk("-a", "generate", "-s", "9d", "-A", "ECCP256", "-o", pub.toString());
        certify("9d", "scbridge 9d", pub, cert);
        pivOk("-a", "import-certificate", "-s", "9d", "-i", cert.toString());
        Pcscd.Result dec = pivOk("-a", "verify-pin", "-P", PIN, "-a", "test-decipher", "-s", "9d",
                "-i", cert.toString());
        assertThat(dec.output()).as(dec.toString()).contains("Successful");
    }

    @Test
    @Order(7)
    void pkcs11Tool_listsObjectsAndSignsWithThePin_verifiedByOpenssl() throws Exception {
        Pcscd.Result objects = ok("pkcs11-tool", "--module", PKCS11, "-O");
        assertThat(objects.output()).as(objects.toString()).contains("Certificate Object").contains("scbridge tier2");
        Path data = tmp.resolve("data.txt");
        Files.writeString(data, "signed through pcscd, vpcd and the software card\n", StandardCharsets.UTF_8);
        Path sig = tmp.resolve("data.sig");
        ok("pkcs11-tool", "--module", PKCS11, "--login", "--pin", PIN, "--sign", "--id", "01",
                "-m", "SHA256-RSA-PKCS", "-i", data.toString(), "-o", sig.toString());
        Pcscd.Result verify = ok("openssl", "dgst", "-sha256", "-verify", tmp.resolve("9a.pub.pem").toString(),
                "-signature", sig.toString(), data.toString());
        assertThat(verify.output()).contains("Verified OK");
    }

    @Test
    @Order(9)
    void pkcs11Tool_decryptsWithAnRsaKeyIn9d_whatOpensslEncrypted() throws Exception {
        Path pub = tmp.resolve("9d-rsa.pub.pem");
        Path cert = tmp.resolve("9d-rsa.cert.pem");
        pivOk("-a", "generate", "-s", "9d", "-A", "RSA2048", "-o", pub.toString());
        certify("9d", "scbridge 9d rsa", pub, cert);
        pivOk("-a", "import-certificate", "-s", "9d", "-i", cert.toString());
        Path secret = tmp.resolve("secret.bin");
        Files.write(secret, "a session key, 32 bytes long....".getBytes(StandardCharsets.US_ASCII));
        Path encrypted = tmp.resolve("secret.enc");
        ok("openssl", "pkeyutl", "-encrypt", "-pubin", "-inkey", pub.toString(), "-pkeyopt", "rsa_padding_mode:pkcs1",
                "-in", secret.toString(), "-out", encrypted.toString());
        Path decrypted = tmp.resolve("secret.dec");
        // OpenSC's PIV ids: 03 = 9D. The card does the raw RSA operation; OpenSC strips the PKCS#1 v1.5 padding.
        ok("pkcs11-tool", "--module", PKCS11, "--login", "--pin", PIN, "--decrypt", "--id", "03",
                "-m", "RSA-PKCS", "-i", encrypted.toString(), "-o", decrypted.toString());
        assertThat(Files.readAllBytes(decrypted)).isEqualTo(Files.readAllBytes(secret));
        Pcscd.Result listed = ok("pkcs15-tool", "--reader", "0", "--list-certificates", "--list-keys");
        assertThat(listed.output()).as(listed.toString()).contains("Certificate for Key Management")
                .contains("Private RSA Key [KEY MAN key]");
    }

    @Test
    @Order(8)
    void pkcs11Tool_signsWithAP256KeyIn9c_verifiedByOpenssl() throws Exception {
        // OpenSC offers 9D EC keys for key agreement only (usage "derive"), so ECDSA goes through 9C.
        Path pub = tmp.resolve("9c.pub.pem");
        Path cert = tmp.resolve("9c.cert.pem");
        pivOk("-a", "generate", "-s", "9c", "-A", "ECCP256", "-o", pub.toString());
        certify("9c", "scbridge 9c", pub, cert);
        pivOk("-a", "import-certificate", "-s", "9c", "-i", cert.toString());
        Path data = tmp.resolve("data-ec.txt");
        Files.writeString(data, "ECDSA through pcscd and vpcd\n", StandardCharsets.UTF_8);
        Path sig = tmp.resolve("data-ec.sig");
        // OpenSC's PIV ids: 01 = 9A, 02 = 9C, 03 = 9D, 04 = 9E.
        ok("pkcs11-tool", "--module", PKCS11, "--login", "--pin", PIN, "--sign", "--id", "02",
                "-m", "ECDSA-SHA256", "--signature-format", "openssl", "-i", data.toString(), "-o", sig.toString());
        Pcscd.Result verify = ok("openssl", "dgst", "-sha256", "-verify", pub.toString(),
                "-signature", sig.toString(), data.toString());
        assertThat(verify.output()).contains("Verified OK");
    }

    @Test
    @Order(10)
    void yubicoPivTool_unblockPinWithThePuk() throws Exception {
        for (int i = 0; i < 3; i++) {
            piv("-a", "verify-pin", "-P", "000000");
        }
        Pcscd.Result blocked = piv("-a", "verify-pin", "-P", PIN);
        assertThat(blocked.exit()).as(blocked.toString()).isNotZero();
        pivOk("-a", "unblock-pin", "-P", "12345678", "-N", PIN);
        pivOk("-a", "verify-pin", "-P", PIN);
        assertThat(pivOk("-a", "status").output()).contains("PIN tries left:\t3");
    }

    @Test
    @Order(11)
    void yubicoPivTool_setManagementKeyAndBack() throws Exception {
        String other = "0807060504030201080706050403020108070605040302010";
        String newKey = other.substring(0, 48);
        pivOk("--key=" + DEFAULT_MGM, "-a", "set-mgm-key", "-n", newKey);
        Pcscd.Result wrong = piv("--key=" + DEFAULT_MGM, "-a", "set-mgm-key", "-n", DEFAULT_MGM);
        assertThat(wrong.exit()).as(wrong.toString()).isNotZero();
        pivOk("--key=" + newKey, "-a", "set-mgm-key", "-n", DEFAULT_MGM);
    }

    @Test
    @Order(12)
    void yubicoPivTool_resetAfterBlockingPinAndPuk() throws Exception {
        Pcscd.Result early = piv("-a", "reset");
        assertThat(early.exit()).as("reset before blocking: " + early).isNotZero();
        for (int i = 0; i < 3; i++) {
            piv("-a", "verify-pin", "-P", "000000");
        }
        for (int i = 0; i < 3; i++) {
            piv("-a", "unblock-pin", "-P", "00000000", "-N", "999999");
        }
        Pcscd.Result blocked = piv("-a", "verify-pin", "-P", PIN);
        assertThat(blocked.exit()).as(blocked.toString()).isNotZero();
        pivOk("-a", "reset");
        pivOk("-a", "verify-pin", "-P", PIN);
        Pcscd.Result status = pivOk("-a", "status");
        assertThat(status.output()).as(status.toString()).doesNotContain("Slot 9a:");
    }
}
