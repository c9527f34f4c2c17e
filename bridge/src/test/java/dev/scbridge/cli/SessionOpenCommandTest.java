package dev.scbridge.cli;

import dev.scbridge.ca.TestCa;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class SessionOpenCommandTest {
    @TempDir
    Path tmp;

    private Path passphrase() throws Exception {
        Path p = tmp.resolve("pass");
        Files.writeString(p, TestCa.PASSPHRASE + "\n");
        return p;
    }

    @Test
    void opensASessionAndHidesThePinByDefault() throws Exception {
        MainTest.Run r = MainTest.run("session", "open", "--ca-dir", TestCa.original().toString(),
                "--passphrase-file", passphrase().toString(), "--upn", "alice@example.test");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("session for alice@example.test: certificate serial ")
                .contains("PIN ******** (--show-pin to print it)");
    }

    @Test
    void showPinAndJsonGiveTheEightDigitPinForAScript() throws Exception {
        MainTest.Run r = MainTest.run("session", "open", "--ca-dir", TestCa.original().toString(),
                "--passphrase-file", passphrase().toString(), "--upn", "bob@corp.example.com", "--show-pin", "--json",
                "--sid", "S-1-5-21-1-2-3-1104");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out().strip()).startsWith("{\"upn\":\"bob@corp.example.com\"").containsPattern("\"pin\":\"\\d{8}\"");
    }

    @Test
    void aBadUpnIsAUsageError() throws Exception {
        MainTest.Run r = MainTest.run("session", "open", "--ca-dir", TestCa.original().toString(),
                "--passphrase-file", passphrase().toString(), "--upn", "alice");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.errLine()).contains("--upn");
    }

    @Test
    void aWrongPassphraseFailsInOneLine() throws Exception {
        Path wrong = tmp.resolve("wrong");
        Files.writeString(wrong, "not the passphrase\n");
        MainTest.Run r = MainTest.run("session", "open", "--ca-dir", TestCa.original().toString(),
                "--passphrase-file", wrong.toString(), "--upn", "alice@example.test");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.errLine()).startsWith("scbridge: cannot open the CA: ").contains("wrong passphrase");
        assertThat(r.out()).doesNotContain("PIN");
    }

    @Test
    void forWithoutVpcdIsAUsageError() throws Exception {
        MainTest.Run r = MainTest.run("session", "open", "--ca-dir", TestCa.original().toString(),
                "--passphrase-file", passphrase().toString(), "--upn", "alice@example.test", "--for", "1m");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.errLine()).contains("--for needs --vpcd");
    }
}
