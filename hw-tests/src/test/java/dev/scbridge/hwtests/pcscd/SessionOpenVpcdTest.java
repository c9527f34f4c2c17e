package dev.scbridge.hwtests.pcscd;

import dev.scbridge.ca.CaKeyType;
import dev.scbridge.ca.CaStore;
import dev.scbridge.cli.Main;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.math.BigInteger;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tier 2: {@code scbridge session open --vpcd} serves the session card to pcscd as an admin would try it: OpenSC
 * lists the session's certificate and logs in with the PIN the command showed ({@code --show-pin --json}).
 */
@Tag("pcscd")
class SessionOpenVpcdTest {
    private static final String PASSPHRASE = "a passphrase for the tier-2 CA";
    private static final Pattern PIN = Pattern.compile("\"pin\":\"(\\d{8})\"");
    private static final Pattern SERIAL = Pattern.compile("\"serial\":\"([0-9a-f]+)\"");
    /** pkcs15-tool prints the serial's DER: tag 02, length, value. */
    private static final Pattern ENCODED_SERIAL = Pattern.compile("Encoded serial : 02 [0-9A-F]{2} ([0-9A-F ]+)");

    @TempDir
    Path tmp;

    @Test
    void theServedSessionCardWorksWithOpenSc() throws Exception {
        try (Pcscd pcscd = Pcscd.require()) {
            Path ca = tmp.resolve("ca");
            CaStore.init(ca, CaKeyType.P256, "CN=session open test CA", Duration.ofDays(2), PASSPHRASE.toCharArray(),
                    new SecureRandom());
            Path pass = tmp.resolve("pass");
            Files.writeString(pass, PASSPHRASE + "\n");
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> Main.run(new String[] {
                "session", "open", "--ca-dir", ca.toString(), "--passphrase-file", pass.toString(),
                "--upn", "alice@example.test", "--vpcd", "127.0.0.1:" + pcscd.port, "--for", "15s", "--show-pin",
                "--json"}, new PrintWriter(out, true), new PrintWriter(err, true)));

            try {
                Pcscd.Result listed = awaitCard(pcscd, exit, err);
                Matcher pin = PIN.matcher(out.toString());
                Matcher serial = SERIAL.matcher(out.toString());
                assertThat(pin.find() && serial.find()).as(out.toString()).isTrue();
                Pcscd.Result certs = pcscd.tool("pkcs15-tool", "--list-certificates");
                Matcher encoded = ENCODED_SERIAL.matcher(certs.output());
                assertThat(encoded.find()).as("%s\n%s", listed, certs).isTrue();
                assertThat(new BigInteger(encoded.group(1).replace(" ", ""), 16))
                        .as("the certificate OpenSC reads is the session's").isEqualTo(new BigInteger(serial.group(1), 16));
                Pcscd.Result login = pcscd.tool("pkcs11-tool", "--module", Kdc.openscModule().toString(), "--login",
                        "--pin", pin.group(1), "--list-objects", "--type", "privkey");
                assertThat(login.exit()).as("%s", login).isZero();
                assertThat(login.output()).contains("Private Key Object");
            } finally {
                // the command serves for --for 15s, then exits 0: vpcd's slot is free for the next test class
                assertThat(exit.get(60, TimeUnit.SECONDS)).as(err.toString()).isZero();
                pcscd.awaitNoCard(ServedCard.READER, Duration.ofSeconds(30));
            }
        }
    }

    private static Pcscd.Result awaitCard(Pcscd pcscd, CompletableFuture<Integer> exit, StringWriter err)
            throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        Pcscd.Result last = null;
        while (System.nanoTime() < deadline && !exit.isDone()) {
            last = pcscd.tool("opensc-tool", "--list-readers");
            if (last.output().lines().anyMatch(l -> l.contains(ServedCard.READER) && l.contains("Yes"))) {
                return last;
            }
            Thread.sleep(100); // an external daemon's view: nothing to wait on but polling
        }
        throw new AssertionError("pcscd never saw the session card: " + last + "\n" + err);
    }
}
