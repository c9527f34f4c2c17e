package dev.scbridge.cli;

import dev.scbridge.ca.CaStore;
import dev.scbridge.ca.TestCa;
import org.bouncycastle.cert.X509CRLHolder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;

class CaCommandTest {
    private static final String SECRET = TestCa.PASSPHRASE;

    /**
     * Runs {@code scbridge ARGS} in-process with Main's handlers. Until Main lists {@link CaCommand} among its
     * subcommands, the test adds it; afterwards this is {@code MainTest.run}.
     */
    static MainTest.Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cmd = new CommandLine(new Main());
        if (!cmd.getSubcommands().containsKey("ca")) {
            cmd.addSubcommand(new CaCommand());
        }
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        cmd.setParameterExceptionHandler(ErrorHandlers::usage);
        cmd.setExecutionExceptionHandler(ErrorHandlers::failure);
        int code = cmd.execute(args);
        return new MainTest.Run(code, out.toString(), err.toString());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "ca                                        | scbridge: missing command (one of: init, export, crl, revoke) (see 'scbridge ca --help')",
        "ca init                                   | scbridge: missing required option: '--dir=DIR' (see 'scbridge ca init --help')",
        "ca init --dir D                           | scbridge: missing --passphrase-file FILE or --passphrase-env NAME (see 'scbridge ca init --help')",
        "ca init --dir D --key rsa1024             | scbridge: invalid value for option '--key': unknown key type 'rsa1024' (expected rsa2048, rsa3072, p256 or p384) (see 'scbridge ca init --help')",
        "ca init --dir D --validity 4000d          | scbridge: invalid value for option '--validity': 96000h (expected 1m..3653d) (see 'scbridge ca init --help')",
        "ca init --dir D --passphrase-env SCBRIDGE_TEST_UNSET_VARIABLE | scbridge: environment variable SCBRIDGE_TEST_UNSET_VARIABLE is not set or empty (see 'scbridge ca init --help')",
        "ca init --dir D --passphrase-env A --passphrase-file B | scbridge: --passphrase-file and --passphrase-env are mutually exclusive (see 'scbridge ca init --help')",
        "ca init --dir D --passphrase secret       | scbridge: unknown option '--passphrase' (see 'scbridge ca init --help')",
        "ca export --dir D --format der            | scbridge: --format der needs --out FILE (binary output) (see 'scbridge ca export --help')",
        "ca export --dir D --format gif            | scbridge: invalid value for option '--format': 'gif' (expected der or pem) (see 'scbridge ca export --help')",
        "ca export --dir D --json                  | scbridge: --json needs --out FILE (stdout carries the certificate) (see 'scbridge ca export --help')",
        "ca crl --dir D --next-update 400d         | scbridge: invalid value for option '--next-update': 9600h (expected 1m..366d) (see 'scbridge ca crl --help')",
        "ca crl --dir D                            | scbridge: missing --passphrase-file FILE or --passphrase-env NAME (see 'scbridge ca crl --help')",
        "ca crl --dir D --next-update soon         | scbridge: invalid value for option '--next-update': 'soon' is not a duration (e.g. 90s, 5m, 2h, 1d or PT5M) (see 'scbridge ca crl --help')",
        "ca revoke --dir D                         | scbridge: missing required parameter: 'SERIAL' (see 'scbridge ca revoke --help')",
        "ca revoke --dir D 12zz                    | scbridge: invalid SERIAL: serial is not hex: 'z' at index 2 (see 'scbridge ca revoke --help')",
        "ca revoke --dir D 00                      | scbridge: invalid SERIAL: serial must be positive (RFC 5280 4.1.2.2) (see 'scbridge ca revoke --help')"})
    void badCommandLine_isOneLineAndExit2(String args, String line) {
        MainTest.Run r = run(args.trim().split(" +"));
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.errLine()).isEqualTo(line);
        assertThat(r.out()).isEmpty();
    }

    @Test
    void init_json_createsTheCaAndPrintsNoSecret(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("ca");
        Path pass = passphraseFile(tmp);
        MainTest.Run r = run("ca", "init", "--dir", dir.toString(), "--key", "p256", "--subject",
                "CN=Example Logon CA,O=Example", "--validity", "365d", "--passphrase-file", pass.toString(), "--json");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.err()).isEmpty();
        X509Certificate cert = certificate(Files.readAllBytes(dir.resolve("ca.crt")));
        String sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(cert.getEncoded()));
        assertThat(r.out().lines().toList()).containsExactly("{\"dir\":\"" + dir + "\",\"certificate\":\""
                + dir.resolve("ca.crt") + "\",\"key\":\"" + dir.resolve("ca.key")
                + "\",\"subject\":\"CN=Example Logon CA,O=Example\",\"keyType\":\"p256\",\"notAfter\":\""
                + cert.getNotAfter().toInstant() + "\",\"serial\":\""
                + cert.getSerialNumber().toString(16).toUpperCase() + "\",\"sha256\":\"" + sha256 + "\"}");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir))).isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("ca.key"))))
                .isEqualTo("rw-------");
        assertThat(CaStore.open(dir, SECRET.toCharArray()).certificate()).isEqualTo(cert);
        assertThat(r.out() + r.err()).doesNotContain(SECRET).doesNotContain("horse");
    }

    @Test
    void init_text_refusesAnExistingCaAndAShortPassphrase(@TempDir Path tmp) throws Exception {
        Path dir = TestCa.copyTo(tmp);
        MainTest.Run r = run("ca", "init", "--dir", dir.toString(), "--passphrase-file", passphraseFile(tmp).toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.errLine()).isEqualTo("scbridge: cannot create the CA: " + dir.resolve("ca.crt")
                + ": already exists; refusing to overwrite a CA (choose another --dir)");
        Path shortPass = tmp.resolve("short");
        Files.writeString(shortPass, "abc\n");
        r = run("ca", "init", "--dir", tmp.resolve("new").toString(), "--passphrase-file", shortPass.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.errLine()).isEqualTo("scbridge: the CA passphrase has 3 characters (at least 8) "
                + "(see 'scbridge ca init --help')");
        assertThat(tmp.resolve("new")).doesNotExist();
    }

    @Test
    void export_pemToStdout_withPublishingHints() throws Exception {
        Path dir = TestCa.original();
        MainTest.Run r = run("ca", "export", "--dir", dir.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).isEqualTo(Files.readString(dir.resolve("ca.crt")));
        assertThat(r.err()).contains("certutil -dspublish -f ca.crt NTAuthCA")
                .contains("Group Policy Management").contains("Trusted Root Certification Authorities > Import");
    }

    @Test
    void export_derAndPemFiles(@TempDir Path tmp) throws Exception {
        Path dir = TestCa.original();
        X509Certificate ca = CaStore.at(dir).certificate();
        Path der = tmp.resolve("scbridge-ca.cer");
        MainTest.Run r = run("ca", "export", "--dir", dir.toString(), "--out", der.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(Files.readAllBytes(der)).isEqualTo(ca.getEncoded());
        assertThat(r.out()).startsWith("CA certificate written to " + der + " (DER, sha256 ");
        assertThat(r.err()).contains("certutil -dspublish -f " + der + " NTAuthCA");

        Path pem = tmp.resolve("ca.pem");
        r = run("ca", "export", "--dir", dir.toString(), "--format", "PEM", "--out", pem.toString(), "--json");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(Files.readString(pem)).startsWith("-----BEGIN CERTIFICATE-----");
        assertThat(certificate(Files.readAllBytes(pem))).isEqualTo(ca);
        assertThat(r.out()).startsWith("{\"file\":\"" + pem + "\",\"format\":\"pem\",\"subject\":\"");
    }

    @Test
    void missingCa_isOneLineAndExit1(@TempDir Path tmp) {
        MainTest.Run r = run("ca", "export", "--dir", tmp.resolve("nope").toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.errLine()).isEqualTo("scbridge: cannot open the CA: " + tmp.resolve("nope")
                + ": not a directory (make a CA with 'scbridge ca init --dir " + tmp.resolve("nope") + "')");
        r = run("ca", "revoke", "--dir", tmp.toString(), "4F1A");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.errLine()).isEqualTo("scbridge: cannot open the CA: " + tmp.resolve("ca.crt")
                + ": no such file");
    }

    @Test
    void crl_wrongPassphrase_isOneLineWithoutTheSecret(@TempDir Path tmp) throws Exception {
        Path dir = TestCa.copyTo(tmp);
        Path wrong = tmp.resolve("wrong");
        Files.writeString(wrong, "hunter2-not-it\n");
        MainTest.Run r = run("ca", "crl", "--dir", dir.toString(), "--passphrase-file", wrong.toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.errLine()).isEqualTo("scbridge: cannot sign the CRL: " + dir.resolve("ca.key")
                + ": wrong passphrase, or the key file was altered");
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).doesNotContain("hunter2");
    }

    @Test
    void revokeThenCrl_listsTheSerial(@TempDir Path tmp) throws Exception {
        Path dir = TestCa.copyTo(tmp);
        MainTest.Run r = run("ca", "revoke", "--dir", dir.toString(), "4f:1a:2b");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).startsWith("serial 4F1A2B revoked at ");
        r = run("ca", "revoke", "--dir", dir.toString(), "0x4F1A2B", "--json");
        assertThat(r.code()).isZero();
        assertThat(r.out()).startsWith("{\"serial\":\"4F1A2B\",\"revokedAt\":\"").endsWith(
                "\",\"alreadyRevoked\":true}" + System.lineSeparator());

        Path out = tmp.resolve("ca.crl");
        r = run("ca", "crl", "--dir", dir.toString(), "--passphrase-file", passphraseFile(tmp).toString(),
                "--next-update", "1d", "--out", out.toString(), "--json");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.err()).isEmpty();
        assertThat(r.out()).startsWith("{\"file\":\"" + out + "\",\"format\":\"der\",\"crlNumber\":\"1\","
                + "\"revoked\":1,\"thisUpdate\":\"");
        X509CRL crl = (X509CRL) CertificateFactory.getInstance("X.509")
                .generateCRL(new ByteArrayInputStream(Files.readAllBytes(out)));
        crl.verify(CaStore.at(dir).certificate().getPublicKey());
        assertThat(crl.getRevokedCertificate(new BigInteger("4F1A2B", 16))).isNotNull();
        assertThat(crl.getNextUpdate().getTime() - crl.getThisUpdate().getTime()).isEqualTo(86_400_000L);
        assertThat(r.out()).doesNotContain(SECRET);

        r = run("ca", "crl", "--dir", dir.toString(), "--passphrase-file", passphraseFile(tmp).toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).startsWith("-----BEGIN X509 CRL-----");
        assertThat(r.errLine()).startsWith("scbridge: CRL number 2, 1 revoked, next update ");
        java.util.Collection<?> entries = new X509CRLHolder(new ByteArrayInputStream(java.util.Base64
                .getMimeDecoder().decode(r.out().replaceAll("-----[A-Z0-9 ]+-----", "").strip())))
                .getRevokedCertificates();
        assertThat(entries).hasSize(1);
    }

    @Test
    void help_listsTheSubcommands() {
        MainTest.Run r = run("ca", "--help");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("init").contains("export").contains("crl").contains("revoke");
    }

    private static Path passphraseFile(Path tmp) throws Exception {
        Path pass = tmp.resolve("passphrase");
        if (!Files.exists(pass)) {
            Files.writeString(pass, SECRET + "\n");
        }
        return pass;
    }

    private static X509Certificate certificate(byte[] bytes) throws Exception {
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(bytes));
    }
}
