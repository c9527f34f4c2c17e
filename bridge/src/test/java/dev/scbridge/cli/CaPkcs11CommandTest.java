package dev.scbridge.cli;

import dev.scbridge.ca.CaStore;
import dev.scbridge.ca.SoftHsm;
import dev.scbridge.ca.TestCa;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code scbridge ca init --pkcs11}, then {@code ca crl} and {@code session open} with {@code --pin-file}. */
class CaPkcs11CommandTest {
    private static final String WRONG_PIN = "wrong-pin-31337";

    @ParameterizedTest
    @ValueSource(strings = {"rsa2048", "p256"})
    void initCrlSession_withTheKeyInTheToken(String key, @TempDir Path tmp) throws Exception {
        SoftHsm hsm = SoftHsm.require();
        Path dir = tmp.resolve("ca");
        Path pin = SoftHsm.pinFile(tmp, SoftHsm.PIN);
        String label = SoftHsm.label("cli-" + key);
        MainTest.Run init = CaCommandTest.run("ca", "init", "--dir", dir.toString(), "--key", key,
                "--pkcs11", SoftHsm.MODULE.toString(), "--slot", String.valueOf(hsm.slot()), "--key-label", label,
                "--pin-file", pin.toString(), "--json");
        assertThat(init.code()).as(init.err()).isZero();
        assertThat(init.out()).contains("\"keyLabel\":\"" + label + "\"", "\"slot\":" + hsm.slot(),
                "\"keyType\":\"" + key + "\"").doesNotContain("\"key\":");
        assertThat(dir.resolve(CaStore.KEY_FILE)).doesNotExist();
        assertThat(Files.readString(dir.resolve(CaStore.PKCS11_FILE))).contains("key-label=" + label);

        Path crlFile = tmp.resolve("ca.crl");
        MainTest.Run crl = CaCommandTest.run("ca", "crl", "--dir", dir.toString(), "--pin-file", pin.toString(),
                "--out", crlFile.toString());
        assertThat(crl.code()).as(crl.err()).isZero();
        CertificateFactory cf = CertificateFactory.getInstance("X.509");
        X509Certificate caCert = (X509Certificate) cf.generateCertificate(
                Files.newInputStream(dir.resolve(CaStore.CERTIFICATE_FILE)));
        ((X509CRL) cf.generateCRL(new ByteArrayInputStream(Files.readAllBytes(crlFile)))).verify(caCert.getPublicKey());

        MainTest.Run session = MainTest.run("session", "open", "--ca-dir", dir.toString(), "--pin-file",
                pin.toString(), "--upn", "alice@corp.example.com", "--json");
        assertThat(session.code()).as(session.err()).isZero();
        assertThat(session.out()).contains("\"upn\":\"alice@corp.example.com\"");

        for (MainTest.Run r : new MainTest.Run[] {init, crl, session}) {
            assertThat(r.out() + r.err()).doesNotContain(SoftHsm.PIN);
        }
    }

    @Test
    void init_wrongPin_isOneLineExit1WithoutThePin(@TempDir Path tmp) throws Exception {
        SoftHsm hsm = SoftHsm.require();
        MainTest.Run r = CaCommandTest.run("ca", "init", "--dir", tmp.resolve("ca").toString(), "--pkcs11",
                SoftHsm.MODULE.toString(), "--slot", String.valueOf(hsm.neverLoggedInSlot()), "--pin-file",
                SoftHsm.pinFile(tmp, WRONG_PIN).toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.errLine()).startsWith("scbridge: cannot create the CA: PKCS#11 ")
                .endsWith("cannot log in: wrong PIN (CKR_PIN_INCORRECT)");
        assertThat(r.out() + r.err()).doesNotContain(WRONG_PIN);
        assertThat(tmp.resolve("ca")).doesNotExist();
    }

    @Test
    void crl_wrongPin_isOneLineExit1WithoutThePin(@TempDir Path tmp) throws Exception {
        SoftHsm hsm = SoftHsm.require();
        Path dir = tmp.resolve("ca");
        Path pin = SoftHsm.pinFile(tmp, SoftHsm.PIN);
        assertThat(CaCommandTest.run("ca", "init", "--dir", dir.toString(), "--key", "p256", "--pkcs11",
                SoftHsm.MODULE.toString(), "--slot", String.valueOf(hsm.slot()), "--key-label",
                SoftHsm.label("cli-crl"), "--pin-file", pin.toString()).code()).isZero();
        // The token this process is logged in to would not ask again: point the CA at one it never logged in to.
        Path descriptor = dir.resolve(CaStore.PKCS11_FILE);
        Files.writeString(descriptor, Files.readString(descriptor).replace("slot=" + hsm.slot(),
                "slot=" + hsm.neverLoggedInSlot()));
        MainTest.Run r = CaCommandTest.run("ca", "crl", "--dir", dir.toString(), "--pin-file",
                SoftHsm.pinFile(tmp, WRONG_PIN).toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.errLine()).startsWith("scbridge: cannot sign the CRL: PKCS#11 ")
                .endsWith("cannot log in: wrong PIN (CKR_PIN_INCORRECT)");
        assertThat(r.out() + r.err()).doesNotContain(WRONG_PIN);
    }

    @Test
    void init_missingModule_isOneLineExit1(@TempDir Path tmp) throws Exception {
        SoftHsm.require();
        Path module = tmp.resolve("no-such-pkcs11.so");
        MainTest.Run r = CaCommandTest.run("ca", "init", "--dir", tmp.resolve("ca").toString(), "--pkcs11",
                module.toString(), "--slot", "0", "--pin-file", SoftHsm.pinFile(tmp, SoftHsm.PIN).toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.errLine()).startsWith("scbridge: cannot create the CA: PKCS#11 " + module)
                .contains("cannot use the PKCS#11 module");
        assertThat(r.out() + r.err()).doesNotContain(SoftHsm.PIN);
    }

    @Test
    void badMixtures_areUsageErrors(@TempDir Path tmp) throws Exception {
        Path pin = SoftHsm.pinFile(tmp, SoftHsm.PIN);
        String d = tmp.resolve("ca").toString();
        String m = SoftHsm.MODULE.toString();
        assertUsage("scbridge: --pkcs11 needs --slot N and --pin-file FILE (see 'scbridge ca init --help')",
                "ca", "init", "--dir", d, "--pkcs11", m, "--pin-file", pin.toString());
        assertUsage("scbridge: --pkcs11 takes --pin-file, not a passphrase (the key stays in the token) (see "
                + "'scbridge ca init --help')", "ca", "init", "--dir", d, "--pkcs11", m, "--slot", "1",
                "--pin-file", pin.toString(), "--passphrase-file", pin.toString());
        assertUsage("scbridge: --slot, --key-label and --pin-file need --pkcs11 MODULE (see 'scbridge ca init "
                + "--help')", "ca", "init", "--dir", d, "--slot", "1", "--passphrase-file", pin.toString());
        Path fileCa = TestCa.copyTo(tmp);
        assertUsage("scbridge: --pin-file is for a CA whose key is in a PKCS#11 token; " + fileCa + " has ca.key: "
                + "give --passphrase-file or --passphrase-env (see 'scbridge ca crl --help')",
                "ca", "crl", "--dir", fileCa.toString(), "--pin-file", pin.toString());
        assertUsage("scbridge: --pin-file and --passphrase-file/--passphrase-env are mutually exclusive (see "
                + "'scbridge ca crl --help')", "ca", "crl", "--dir", fileCa.toString(), "--pin-file",
                pin.toString(), "--passphrase-file", pin.toString());
    }

    @Test
    void tokenCa_withoutPinFile_orWithAPassphrase_isAUsageError(@TempDir Path tmp) throws Exception {
        SoftHsm hsm = SoftHsm.require();
        Path dir = tmp.resolve("ca");
        Path pin = SoftHsm.pinFile(tmp, SoftHsm.PIN);
        assertThat(CaCommandTest.run("ca", "init", "--dir", dir.toString(), "--key", "p256", "--pkcs11",
                SoftHsm.MODULE.toString(), "--slot", String.valueOf(hsm.slot()), "--key-label",
                SoftHsm.label("cli-usage"), "--pin-file", pin.toString()).code()).isZero();
        assertUsage("scbridge: missing --pin-file FILE (the CA's key is in a PKCS#11 token, see "
                + dir.resolve("pkcs11") + ") (see 'scbridge ca crl --help')", "ca", "crl", "--dir", dir.toString());
        assertUsage("scbridge: the CA in " + dir + " keeps its key in a PKCS#11 token: give --pin-file FILE, not a "
                + "passphrase (see 'scbridge ca crl --help')", "ca", "crl", "--dir", dir.toString(),
                "--passphrase-file", pin.toString());
    }

    private static void assertUsage(String line, String... args) {
        MainTest.Run r = CaCommandTest.run(args);
        assertThat(r.code()).as(r.err()).isEqualTo(2);
        assertThat(r.errLine()).isEqualTo(line);
        assertThat(r.out()).isEmpty();
    }
}
