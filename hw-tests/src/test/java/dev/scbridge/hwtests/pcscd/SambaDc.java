package dev.scbridge.hwtests.pcscd;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The throwaway Samba AD domain controller of scripts/samba-dc.sh (its Heimdal KDC with PKINIT), for tier-2 tests.
 * {@link #start} always provisions a fresh domain for the caller's CA anchor and KDC certificate (written into
 * {@link #dir} as anchor.pem, kdc.pem, kdc-key.pem); {@link #close()} stops exactly that samba. Where Samba cannot
 * be installed or provisioned, the calling tests are skipped loudly with the script's reason. {@link #kinit} is MIT's
 * kinit with OpenSC's PKCS#11 module, as in {@link Kdc}, reading only this domain's krb5.conf.
 */
final class SambaDc implements AutoCloseable {
    static final String REALM = "SAMBA.TEST";
    /** Provisioning a domain takes about 10 s here; a slow CI machine gets more. */
    static final Duration START_TIMEOUT = Duration.ofMinutes(5);

    final Path dir;
    private final Pcscd pcscd;
    private int run;

    private SambaDc(Pcscd pcscd, Path dir) {
        this.pcscd = pcscd;
        this.dir = dir;
    }

    /** The folder the caller writes anchor.pem, kdc.pem and kdc-key.pem into before {@link #start}. */
    static Path stateDir(Pcscd pcscd) throws IOException {
        String env = System.getenv("SCBRIDGE_SAMBA_DIR");
        Path dir = env != null ? Path.of(env) : pcscd.root.resolve("hw-tests/target/samba");
        Files.createDirectories(dir);
        return dir;
    }

    /** Provisions a fresh domain and starts its KDC; skips the calling test class if it cannot run here. */
    static SambaDc start(Pcscd pcscd, Path dir) throws IOException, InterruptedException {
        SambaDc s = new SambaDc(pcscd, dir);
        Pcscd.Result start = s.script("start");
        boolean skipped = start.output().contains("SKIPPED");
        if (skipped) {
            System.err.println("\n*** SKIPPING tier-2 Samba AD PKINIT tests: " + start.output().strip() + "\n");
        }
        assumeTrue(!skipped, () -> "Samba AD DC not available here: " + start.output().strip());
        if (start.exit() != 0) {
            throw new IllegalStateException("scripts/samba-dc.sh start failed: " + start.output());
        }
        return s;
    }

    Pcscd.Result script(String command) throws IOException, InterruptedException {
        return run(START_TIMEOUT, null, null,
                List.of(pcscd.root.resolve("scripts/samba-dc.sh").toString(), command));
    }

    /**
     * kinit with the card's certificate through OpenSC's PKCS#11 module, {@code pin} typed on standard input (it
     * never appears in the command line or the output). A fresh credential cache each call; the client's
     * KRB5_TRACE goes to {@link Kdc.Kinit#trace}. {@code moreOptions} are further {@code -X} attribute=value pairs.
     */
    Kdc.Kinit kinit(String principal, String pin, String... moreOptions) throws IOException, InterruptedException {
        run++;
        Path cache = dir.resolve("ccache-" + run);
        Path trace = dir.resolve("kinit-trace-" + run + ".log");
        Files.deleteIfExists(cache);
        Files.deleteIfExists(trace);
        List<String> command = new ArrayList<>(List.of("kinit", "-X",
                "X509_user_identity=PKCS11:module_name=" + Kdc.openscModule()));
        for (String o : moreOptions) {
            command.add("-X");
            command.add(o);
        }
        command.add(principal);
        Pcscd.Result r = run(Pcscd.TOOL_TIMEOUT, Map.of("KRB5CCNAME", "FILE:" + cache, "KRB5_TRACE", trace.toString()),
                pin == null ? null : pin + "\n", command);
        Pcscd.Result klist = run(Pcscd.TOOL_TIMEOUT, Map.of("KRB5CCNAME", "FILE:" + cache), null, List.of("klist"));
        String t = Files.exists(trace) ? Files.readString(trace, StandardCharsets.UTF_8) : "";
        if (pin != null && (r.output().contains(pin) || t.contains(pin) || klist.output().contains(pin))) {
            throw new AssertionError("the PIN appeared in kinit's output or trace");
        }
        return new Kdc.Kinit(r, klist, t);
    }

    /** What samba has logged so far (at debug level 3: the Heimdal KDC's reasons and Samba's auth audit lines). */
    String log() throws IOException {
        Path t = dir.resolve("samba.log");
        return Files.exists(t) ? Files.readString(t, StandardCharsets.UTF_8) : "";
    }

    private Pcscd.Result run(Duration timeout, Map<String, String> extraEnv, String stdin, List<String> command)
            throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(new ArrayList<>(command));
        Map<String, String> env = pb.environment();
        env.put("PCSCLITE_CSOCK_NAME", pcscd.socket.toString());
        env.put("SCBRIDGE_SAMBA_DIR", dir.toString());
        env.put("KRB5_CONFIG", dir.resolve("krb5.conf").toString());
        env.remove("KRB5_TRACE");
        if (extraEnv != null) {
            env.putAll(extraEnv);
        }
        Path out = Files.createTempFile("scbridge-samba", ".out");
        try {
            pb.redirectErrorStream(true).redirectOutput(out.toFile()).redirectInput(ProcessBuilder.Redirect.PIPE);
            Process p = pb.start();
            try (OutputStream in = p.getOutputStream()) {
                if (stdin != null) {
                    in.write(stdin.getBytes(StandardCharsets.UTF_8));
                }
            } catch (IOException e) {
                // the tool exited before reading its input; its output says why
            }
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                throw new IllegalStateException("timed out after " + timeout + ": " + String.join(" ", command));
            }
            return new Pcscd.Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), command);
        } finally {
            Files.deleteIfExists(out);
        }
    }

    @Override
    public void close() throws IOException, InterruptedException {
        script("stop");
    }
}
