package dev.scbridge.cli;

import dev.scbridge.apdu.ApduTransport;
import dev.scbridge.apdu.piv.PivAlgorithm;
import dev.scbridge.apdu.piv.PivKeyRef;
import dev.scbridge.card.PivCard;
import dev.scbridge.pcsc.piv.ManagementKey;
import dev.scbridge.apdu.piv.PinPolicy;
import dev.scbridge.pcsc.piv.PivClient;
import dev.scbridge.apdu.piv.TouchPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code scbridge piv ...} run in-process against the software card: outputs, one-line errors, exit codes. */
class PivCommandTest {
    private static final String READER = "Virtual PCD 00 00";
    private final PivCard card = PivCard.builder().build();
    private final Map<String, String> env = new HashMap<>();
    private final List<MainTest.Run> runs = new ArrayList<>();

    @TempDir
    Path dir;

    @BeforeEach
    void useTheSoftwareCard() {
        PivEnvironment.opener = name -> PivCardOpener.of(READER, ApduTransport.ofBytes(card::transmit));
        PivEnvironment.env = env::get;
        PivEnvironment.terminal = prompt -> null;
        env.put("PIN", "123456");
        env.put("PUK", "12345678");
    }

    @AfterEach
    void restore() {
        PivEnvironment.reset();
    }

    private MainTest.Run run(String... args) {
        MainTest.Run r = MainTest.run(args);
        runs.add(r);
        return r;
    }

    @Test
    void verifyPin_fromEnv() {
        MainTest.Run r = run("piv", "verify-pin", "--pin-env", "PIN");
        assertThat(r.code()).isZero();
        assertThat(r.out()).isEqualTo("PIN verified." + System.lineSeparator());
        assertThat(r.err()).isEmpty();
    }

    @Test
    void verifyPin_wrong_isOneLineWithTriesLeft() {
        env.put("PIN", "654321");
        MainTest.Run r = run("piv", "verify-pin", "--pin-env", "PIN");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.errLine()).isEqualTo("scbridge: wrong PIN, 2 tries left");
        run("piv", "verify-pin", "--pin-env", "PIN");
        assertThat(run("piv", "verify-pin", "--pin-env", "PIN").errLine())
                .isEqualTo("scbridge: wrong PIN, no tries left: the PIN is now blocked");
        assertThat(run("piv", "verify-pin", "--pin-env", "PIN").errLine())
                .isEqualTo("scbridge: the PIN is blocked; unblock it with 'scbridge piv unblock-pin' (6983)");
    }

    @Test
    void verifyPin_fromFile_andFromTheTerminal() throws Exception {
        Path file = dir.resolve("pin");
        Files.writeString(file, "123456\r\nignored second line\n");
        assertThat(run("piv", "verify-pin", "--pin-file", file.toString()).code()).isZero();
        PivEnvironment.terminal = prompt -> "123456".toCharArray();
        assertThat(run("piv", "verify-pin").code()).isZero();
    }

    @Test
    void verifyPin_onTheCommandLine_warns() {
        MainTest.Run r = run("piv", "verify-pin", "--pin", "123456");
        assertThat(r.code()).isZero();
        assertThat(r.errLine()).isEqualTo("scbridge: warning: a PIN given on the command line is visible to other"
                + " users (ps, shell history); prefer --pin-file or --pin-env");
    }

    @Test
    void verifyPin_withoutASource_isAUsageError() {
        MainTest.Run r = run("piv", "verify-pin");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.errLine()).isEqualTo("scbridge: no terminal to read the PIN from; use --pin-file or --pin-env"
                + " (see 'scbridge piv verify-pin --help')");
    }

    @Test
    void badArguments_exit2() {
        assertThat(run("piv", "verify-pin", "--pin-env", "PIN", "--pin-file", "x").errLine())
                .isEqualTo("scbridge: give the PIN once: --pin-file, --pin-env or --pin"
                        + " (see 'scbridge piv verify-pin --help')");
        assertThat(run("piv", "verify-pin", "--pin-env", "NOPE").errLine()).isEqualTo("scbridge: environment"
                + " variable NOPE (for the PIN) is not set (see 'scbridge piv verify-pin --help')");
        assertThat(run("piv", "verify-pin", "--pin-file", dir.resolve("missing").toString()).code()).isEqualTo(2);
        env.put("PIN", "123456789");
        assertThat(run("piv", "verify-pin", "--pin-env", "PIN").errLine()).isEqualTo("scbridge: the PIN must be 1 to"
                + " 8 characters (6 to 8 on most cards) (see 'scbridge piv verify-pin --help')");
        assertThat(run("piv", "generate", "9z").errLine()).startsWith("scbridge: invalid value for positional"
                + " parameter at index 0 (SLOT): not a PIV slot: '9z'");
        assertThat(run("piv", "generate", "9a", "-a", "DSA").code()).isEqualTo(2);
        env.put("MGM", "0102zz");
        assertThat(run("piv", "generate", "9a", "--management-key-env", "MGM").errLine()).isEqualTo("scbridge: the"
                + " management key must be 32, 48 or 64 hex digits (see 'scbridge piv generate --help')");
        assertThat(run("piv", "reset").errLine()).isEqualTo("scbridge: reset erases every key, certificate and"
                + " object on the card; add --force to go ahead (see 'scbridge piv reset --help')");
        assertThat(run("piv").errLine()).startsWith("scbridge: missing command (one of: info, verify-pin,");
        assertThat(runs).allSatisfy(r -> {
            assertThat(r.code()).isEqualTo(2);
            assertThat(r.out()).isEmpty();
        });
    }

    @Test
    void readerProblems_exit1() {
        PivEnvironment.opener = name -> {
            throw new CliFailure("no reader matches '" + name + "'", null);
        };
        MainTest.Run r = run("piv", "info", "--reader", "Yubikey");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.errLine()).isEqualTo("scbridge: no reader matches 'Yubikey'");
    }

    @Test
    void changePin_andUnblockPin() {
        env.put("NEW", "24681357");
        assertThat(run("piv", "change-pin", "--pin-env", "PIN", "--new-pin-env", "NEW").out())
                .isEqualTo("New PIN set." + System.lineSeparator());
        assertThat(run("piv", "verify-pin", "--pin-env", "NEW").code()).isZero();
        env.put("PUK", "00000000");
        MainTest.Run wrongPuk = run("piv", "unblock-pin", "--puk-env", "PUK", "--new-pin-env", "NEW");
        assertThat(wrongPuk.code()).isEqualTo(1);
        assertThat(wrongPuk.errLine()).isEqualTo("scbridge: wrong PUK, 2 tries left");
        env.put("PUK", "12345678");
        assertThat(run("piv", "unblock-pin", "--puk-env", "PUK", "--new-pin-env", "NEW").out())
                .isEqualTo("PIN unblocked." + System.lineSeparator());
    }

    @Test
    void changePin_typedTwiceOnTheTerminal_mustMatch() {
        String[] answers = {"123456", "11112222", "11113333"};
        int[] i = {0};
        PivEnvironment.terminal = prompt -> answers[i[0]++].toCharArray();
        MainTest.Run r = run("piv", "change-pin");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.errLine()).isEqualTo("scbridge: the two new PINs differ (see 'scbridge piv change-pin --help')");
    }

    @Test
    void generate_printsThePublicKey_andWrongManagementKeyFails() {
        MainTest.Run r = run("piv", "generate", "9a", "-a", "ECCP256");
        assertThat(r.code()).isZero();
        assertThat(r.out()).startsWith("-----BEGIN PUBLIC KEY-----\n").endsWith("-----END PUBLIC KEY-----\n");
        env.put("MGM", "000000000000000000000000000000000000000000000000");
        MainTest.Run wrong = run("piv", "generate", "9c", "--management-key-env", "MGM");
        assertThat(wrong.code()).isEqualTo(1);
        assertThat(wrong.errLine()).isEqualTo("scbridge: wrong management key");
    }

    @Test
    void importExportCert_andSignTest() throws Exception {
        PivClient piv = PivClient.open(ApduTransport.ofBytes(card::transmit));
        piv.admin().authenticate(ManagementKey.defaultKey(PivAlgorithm.TDES));
        piv.keys().generate(PivKeyRef.AUTHENTICATION, PivAlgorithm.ECC_P256, PinPolicy.DEFAULT, TouchPolicy.DEFAULT);
        X509Certificate cert = piv.keys().attest(PivKeyRef.AUTHENTICATION);
        Path pem = dir.resolve("cert.pem");
        Files.writeString(pem, PivPem.encode("CERTIFICATE", cert.getEncoded()));

        assertThat(run("piv", "export-cert", "9a").errLine())
                .isEqualTo("scbridge: not found on the card: GET DATA 5FC105 (6A82)");
        assertThat(run("piv", "sign-test", "9a", "--pin-env", "PIN").out()).isEqualTo("Signature verified with the"
                + " key metadata public key (ECCP256, slot 9A)." + System.lineSeparator());
        MainTest.Run imported = run("piv", "import-cert", "9a", pem.toString(), "--compress");
        assertThat(imported.code()).isZero();
        assertThat(imported.out()).startsWith("Certificate imported into slot 9A: CN=YubiKey PIV Attestation 9a");
        assertThat(run("piv", "export-cert", "9a").out()).isEqualTo(Files.readString(pem));
        Path der = dir.resolve("cert.der");
        assertThat(run("piv", "export-cert", "9a", der.toString(), "--format", "DER").code()).isZero();
        assertThat(Files.readAllBytes(der)).isEqualTo(cert.getEncoded());
        assertThat(run("piv", "sign-test", "9a", "--pin-env", "PIN").out()).isEqualTo("Signature verified with the"
                + " certificate public key (ECCP256, slot 9A)." + System.lineSeparator());
        assertThat(run("piv", "sign-test", "9c", "--pin-env", "PIN").errLine())
                .isEqualTo("scbridge: slot 9C has no certificate and no key to test");
        assertThat(run("piv", "import-cert", "9a", dir.resolve("nothing").toString()).code()).isEqualTo(2);
    }

    @Test
    void info_showsVersionTriesAndSlots() {
        run("piv", "generate", "9d", "-a", "ECCP384");
        MainTest.Run r = run("piv", "info");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("Reader:                   " + READER,
                "PIV version:              5.7.1", "PIN tries remaining:      3/3", "Management key algorithm: TDES",
                "WARNING: Using default PIN!", "CCC:                      No data available",
                "Slot 9D (KEY_MANAGEMENT):", "  Private key type:       ECCP384",
                "  Key origin:             generated");
        assertThat(r.err()).isEmpty();
    }

    @Test
    void reset_withForce_restoresDefaults() {
        env.put("NEW", "24681357");
        run("piv", "change-pin", "--pin-env", "PIN", "--new-pin-env", "NEW");
        MainTest.Run r = run("piv", "reset", "--force");
        assertThat(r.code()).isZero();
        assertThat(r.out()).startsWith("PIV application reset.");
        assertThat(run("piv", "verify-pin", "--pin-env", "PIN").code()).isZero();
    }

    @Test
    void noPinOrPukEverAppearsInOutput() throws Exception {
        String pin = "73915824";
        String newPin = "46280357";
        String puk = "59173846";
        env.put("PIN", "123456");
        env.put("P1", pin);
        env.put("P2", newPin);
        env.put("PUK", "12345678");
        env.put("K", puk);
        Path pinFile = dir.resolve("pin");
        Files.writeString(pinFile, newPin);
        run("piv", "change-pin", "--pin-env", "PIN", "--new-pin-env", "P1");
        run("piv", "verify-pin", "--pin-env", "P1");
        run("piv", "verify-pin", "--pin", pin);
        run("piv", "verify-pin", "--pin-env", "P2");
        run("piv", "change-pin", "--pin-env", "P1", "--new-pin", newPin);
        run("piv", "verify-pin", "--pin-file", pinFile.toString());
        run("piv", "unblock-pin", "--puk-env", "K", "--new-pin-env", "P1");
        run("piv", "unblock-pin", "--puk", puk, "-n", pin);
        run("piv", "sign-test", "9a", "--pin-env", "P1");
        run("piv", "info");
        assertThat(runs).hasSize(10);
        assertThat(runs).allSatisfy(r -> assertThat(r.out() + r.err()).doesNotContain(pin, newPin, puk));
    }
}
