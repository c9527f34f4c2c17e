package dev.scbridge.cli;

import dev.scbridge.card.PivCard;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class CardServeCommandTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "card                                   | scbridge: missing command (one of: serve) (see 'scbridge card --help')",
        "card serve --vpcd nohost               | scbridge: invalid value for option '--vpcd': 'nohost' (expected HOST:PORT) (see 'scbridge card serve --help')",
        "card serve --vpcd localhost:0          | scbridge: invalid value for option '--vpcd': port '0' (expected 1..65535) (see 'scbridge card serve --help')",
        "card serve --vpcd localhost:x          | scbridge: invalid value for option '--vpcd': port 'x' (expected 1..65535) (see 'scbridge card serve --help')",
        "card serve --listen 70000              | scbridge: invalid value for option '--listen': 70000 (expected 1..65535) (see 'scbridge card serve --help')",
        "card serve --vpcd a:1 --listen 2       | scbridge: --vpcd and --listen are mutually exclusive (see 'scbridge card serve --help')",
        "card serve --state x.card              | scbridge: --state needs --passphrase-file FILE or --passphrase-env NAME (see 'scbridge card serve --help')",
        "card serve --passphrase-env P          | scbridge: a passphrase option needs --state FILE (see 'scbridge card serve --help')",
        "card serve --state x --passphrase-env SCBRIDGE_TEST_UNSET_VARIABLE | scbridge: environment variable SCBRIDGE_TEST_UNSET_VARIABLE is not set or empty (see 'scbridge card serve --help')",
        "card serve --passphrase 1234           | scbridge: unknown option '--passphrase' (see 'scbridge card serve --help')"})
    void badCommandLine_isOneLineAndExit2(String args, String line) {
        MainTest.Run r = MainTest.run(args.trim().split(" +"));
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.errLine()).isEqualTo(line);
    }

    @Test
    void missingPassphraseFile_isOneLineAndExit1(@TempDir Path dir) {
        MainTest.Run r = MainTest.run("card", "serve", "--state", dir.resolve("c.card").toString(),
                "--passphrase-file", dir.resolve("absent").toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.errLine()).startsWith("scbridge: cannot read the passphrase file ");
    }

    @Test
    void wrongPassphrase_isOneLineAndExit1(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("c.card");
        PivCard.builder().build().save(file, "right passphrase".toCharArray());
        Path pass = dir.resolve("pass");
        Files.writeString(pass, "wrong passphrase\n");
        MainTest.Run r = MainTest.run("card", "serve", "--state", file.toString(), "--passphrase-file",
                pass.toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.errLine()).startsWith("scbridge: cannot open the card in " + file);
    }

    @Test
    void serve_listening_answersVpcdAndSavesStateOnStop(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("admin.card");
        Path pass = dir.resolve("pass");
        Files.writeString(pass, "correct horse battery staple\n");
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        StringWriter err = new StringWriter();
        CommandLine cmd = Main.commandLine(new PrintWriter(new StringWriter(), true), new PrintWriter(err, true));
        CardServeCommand serve = cmd.getSubcommands().get("card").getSubcommands().get("serve").getCommand();
        CompletableFuture<Integer> code = CompletableFuture.supplyAsync(() -> cmd.execute("card", "serve",
                "--state", file.toString(), "--passphrase-file", pass.toString(), "--listen", Integer.toString(port)));
        try {
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (serve.link == null && System.nanoTime() < deadline && !code.isDone()) {
                Thread.onSpinWait();
            }
            assertThat(serve.link).as("serving; stderr: " + err).isNotNull();
            try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
                s.setSoTimeout((int) WAIT.toMillis());
                DataOutputStream out = new DataOutputStream(s.getOutputStream());
                DataInputStream in = new DataInputStream(s.getInputStream());
                out.write(new byte[] {0, 1, 4}); // GET ATR
                out.flush();
                byte[] atr = new byte[in.readUnsignedShort()];
                in.readFully(atr);
                assertThat(atr).startsWith(0x3B);
            }
        } finally {
            serve.stop.countDown();
        }
        assertThat(code.get(WAIT.toSeconds(), TimeUnit.SECONDS)).isZero();
        assertThat(err.toString()).contains("did not exist: created a new card with default credentials")
                .contains("serving PIV card").contains("card state saved to " + file);
        assertThat(PivCard.load(file, "correct horse battery staple".toCharArray())).isNotNull();
        assertThat(err.toString()).doesNotContain("correct horse");
        assertThat(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1)).doesNotContain("correct");
    }
}
