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
 * The private MIT KDC of scripts/kdc.sh, for tier-2 PKINIT tests. {@link #start} always creates a fresh realm for
 * the caller's CA anchor and KDC certificate (written into {@link #dir} as anchor.pem, kdc.pem, kdc-key.pem);
 * {@link #close()} stops exactly that KDC. Where the KDC cannot be installed, the calling tests are skipped loudly
 * with the script's reason. Clients ({@link #kinit}, {@link #klist}) reach the private pcscd through
 * PCSCLITE_CSOCK_NAME and read only this realm's configuration (KRB5_CONFIG in {@link #dir}).
 */
final class Kdc implements AutoCloseable {
    static final String REALM = "EXAMPLE.TEST";
    /** OpenSC's PKCS#11 module where Debian puts it; the first one present wins. */
    static final List<Path> OPENSC_PKCS11 = List.of(Path.of("/usr/lib/x86_64-linux-gnu/opensc-pkcs11.so"),
            Path.of("/usr/lib/aarch64-linux-gnu/opensc-pkcs11.so"), Path.of("/usr/lib/opensc-pkcs11.so"),
            Path.of("/usr/lib64/opensc-pkcs11.so"));

    final Path dir;
    private final Pcscd pcscd;
    /** The CA's CRL the KDC checks client certificates against (SCBRIDGE_KDC_CRL), or null for none. */
    private final Path crl;
    private int run;

    private Kdc(Pcscd pcscd, Path dir, Path crl) {
        this.pcscd = pcscd;
        this.dir = dir;
        this.crl = crl;
    }

    /** The folder the caller writes anchor.pem, kdc.pem and kdc-key.pem into before {@link #start}. */
    static Path stateDir(Pcscd pcscd) throws IOException {
        String env = System.getenv("SCBRIDGE_KDC_DIR");
        Path dir = env != null ? Path.of(env) : pcscd.root.resolve("hw-tests/target/kdc");
        Files.createDirectories(dir);
        return dir;
    }

    /** Starts the KDC on a fresh realm; skips the calling test class if it cannot run here. */
    static Kdc start(Pcscd pcscd, Path dir) throws IOException, InterruptedException {
        return start(pcscd, dir, null);
    }

    /**
     * Starts the KDC on a fresh realm that checks client certificates against {@code crl} (a PEM CRL of the anchor
     * CA; pkinit_revoke, with pkinit_require_crl_checking on), or against no CRL when it is null.
     */
    static Kdc start(Pcscd pcscd, Path dir, Path crl) throws IOException, InterruptedException {
        Kdc k = new Kdc(pcscd, dir, crl);
        Pcscd.Result start = k.script("start");
        boolean skipped = start.output().contains("SKIPPED");
        if (skipped) {
            System.err.println("\n*** SKIPPING tier-2 Kerberos PKINIT tests: " + start.output().strip() + "\n");
        }
        assumeTrue(!skipped, () -> "MIT KDC not available here: " + start.output().strip());
        if (start.exit() != 0) {
            throw new IllegalStateException("scripts/kdc.sh start failed: " + start.output());
        }
        return k;
    }

    static Path openscModule() {
        return OPENSC_PKCS11.stream().filter(Files::isReadable).findFirst()
                .orElseThrow(() -> new IllegalStateException("opensc-pkcs11.so not found in " + OPENSC_PKCS11));
    }

    Pcscd.Result script(String command) throws IOException, InterruptedException {
        return run(Pcscd.SCRIPT_TIMEOUT, crl == null ? null : Map.of("SCBRIDGE_KDC_CRL", crl.toString()),
                List.of(pcscd.root.resolve("scripts/kdc.sh").toString(), command));
    }

    /**
     * kinit with the card's certificate through OpenSC's PKCS#11 module, {@code pin} typed on standard input (it
     * never appears in the command line or the output). A fresh credential cache each call; the client's
     * KRB5_TRACE goes to {@link Kinit#trace}. {@code moreOptions} are further {@code -X} attribute=value pairs.
     */
    Kinit kinit(String principal, String pin, String... moreOptions) throws IOException, InterruptedException {
        run++;
        Path cache = dir.resolve("ccache-" + run);
        Path trace = dir.resolve("kinit-trace-" + run + ".log");
        Files.deleteIfExists(cache);
        Files.deleteIfExists(trace);
        List<String> command = new ArrayList<>(List.of("kinit", "-X",
                "X509_user_identity=PKCS11:module_name=" + openscModule()));
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
        return new Kinit(r, klist, t);
    }

    /** What the KDC has traced so far (its reasons for refusing a request). */
    String kdcTrace() throws IOException {
        Path t = dir.resolve("kdc-trace.log");
        return Files.exists(t) ? Files.readString(t, StandardCharsets.UTF_8) : "";
    }

    /** What the KDC logged so far (one line per AS request with its outcome). */
    String kdcLog() throws IOException {
        Path t = dir.resolve("krb5kdc.log");
        return Files.exists(t) ? Files.readString(t, StandardCharsets.UTF_8) : "";
    }

    private Pcscd.Result run(Duration timeout, Map<String, String> extraEnv, List<String> command)
            throws IOException, InterruptedException {
        return run(timeout, extraEnv, null, command);
    }

    private Pcscd.Result run(Duration timeout, Map<String, String> extraEnv, String stdin, List<String> command)
            throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(new ArrayList<>(command));
        Map<String, String> env = pb.environment();
        env.put("PCSCLITE_CSOCK_NAME", pcscd.socket.toString());
        env.put("SCBRIDGE_KDC_DIR", dir.toString());
        env.put("KRB5_CONFIG", dir.resolve("krb5.conf").toString());
        env.put("KRB5_KDC_PROFILE", dir.resolve("kdc.conf").toString());
        env.remove("KRB5_TRACE");
        env.remove("SCBRIDGE_KDC_CRL");
        if (extraEnv != null) {
            env.putAll(extraEnv);
        }
        Path out = Files.createTempFile("scbridge-kdc", ".out");
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

    /** One kinit: its exit and output, klist on the cache it wrote, and the client's KRB5_TRACE. */
    record Kinit(Pcscd.Result kinit, Pcscd.Result klist, String trace) {
        boolean ok() {
            return kinit.exit() == 0;
        }

        @Override
        public String toString() {
            return kinit + "\n" + klist + "\n--- client trace ---\n" + trace;
        }
    }
}
