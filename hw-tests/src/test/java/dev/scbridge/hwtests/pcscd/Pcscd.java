package dev.scbridge.hwtests.pcscd;

import java.io.IOException;
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
 * The private pcscd of scripts/pcscd.sh, for tier-2 tests. If scripts/test.sh already started one (same
 * SCBRIDGE_PCSCD_DIR), it is used and left running; otherwise it is started here and {@link #close()} stops it.
 * Where pcscd cannot be installed, every test using it is skipped with the script's reason.
 */
final class Pcscd implements AutoCloseable {
    /** Bound on every subprocess: tools answer in well under a second, an install may take a minute or two. */
    static final Duration TOOL_TIMEOUT = Duration.ofSeconds(60);
    static final Duration SCRIPT_TIMEOUT = Duration.ofMinutes(5);

    final Path root;
    final Path dir;
    final Path socket;
    final int port;
    private final boolean ours;

    private Pcscd(Path root, Path dir, int port, boolean ours) {
        this.root = root;
        this.dir = dir;
        this.socket = dir.resolve("run/pcscd.comm");
        this.port = port;
        this.ours = ours;
    }

    /** The running private pcscd, started if need be; skips the calling test class if it cannot run here. */
    static Pcscd require() throws IOException, InterruptedException {
        Path root = checkoutRoot();
        String envDir = System.getenv("SCBRIDGE_PCSCD_DIR");
        Path dir = envDir != null ? Path.of(envDir) : root.resolve("hw-tests/target/pcscd");
        String envPort = System.getenv("SCBRIDGE_VPCD_PORT");
        int port = envPort != null ? Integer.parseInt(envPort) : 35963;
        Pcscd p = new Pcscd(root, dir, port, false);
        if (p.script("status").exit() == 0) {
            return p;
        }
        Result start = p.script("start");
        boolean skipped = start.output().contains("SKIPPED");
        if (skipped) {
            System.err.println("\n*** SKIPPING tier-2 pcscd tests: " + start.output().strip() + "\n");
        }
        assumeTrue(!skipped, () -> "pcscd + vpcd not available here: " + start.output().strip());
        if (start.exit() != 0) {
            throw new IllegalStateException("scripts/pcscd.sh start failed: " + start.output());
        }
        return new Pcscd(root, dir, port, true);
    }

    Result script(String command) throws IOException, InterruptedException {
        return run(SCRIPT_TIMEOUT, List.of(root.resolve("scripts/pcscd.sh").toString(), command));
    }

    /** Runs a tool with this pcscd's socket; bounded by {@link #TOOL_TIMEOUT}. */
    Result tool(String... command) throws IOException, InterruptedException {
        return run(TOOL_TIMEOUT, List.of(command));
    }

    /**
     * Waits (bounded) until pcscd reports no card in {@code reader}: pcscd notices a card leaving vpcd on its next
     * poll, and a test that serves the next card before then sees the old one go away under it.
     */
    void awaitNoCard(String reader, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Result last = null;
        while (System.nanoTime() < deadline) {
            last = tool("opensc-tool", "--list-readers");
            if (last.output().lines().noneMatch(l -> l.contains(reader) && l.contains("Yes"))) {
                return;
            }
            Thread.sleep(100); // an external daemon's view: nothing to wait on but polling
        }
        throw new IllegalStateException("pcscd still shows a card in " + reader + " after " + timeout + ": " + last);
    }

    Result run(Duration timeout, List<String> command) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(new ArrayList<>(command));
        Map<String, String> env = pb.environment();
        env.put("PCSCLITE_CSOCK_NAME", socket.toString());
        env.put("SCBRIDGE_PCSCD_DIR", dir.toString());
        env.put("SCBRIDGE_VPCD_PORT", Integer.toString(port));
        Path out = Files.createTempFile("scbridge-tool", ".out");
        try {
            pb.redirectErrorStream(true).redirectOutput(out.toFile()).redirectInput(ProcessBuilder.Redirect.PIPE);
            Process p = pb.start();
            p.getOutputStream().close();
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                throw new IllegalStateException("timed out after " + timeout + ": " + String.join(" ", command));
            }
            return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), command);
        } finally {
            Files.deleteIfExists(out);
        }
    }

    @Override
    public void close() throws IOException, InterruptedException {
        if (ours) {
            script("stop");
        }
    }

    /** The checkout: SCBRIDGE_ROOT if set, else the first folder above the working directory with the script. */
    private static Path checkoutRoot() {
        String env = System.getenv("SCBRIDGE_ROOT");
        Path p = env != null ? Path.of(env) : Path.of("").toAbsolutePath();
        for (Path q = p; q != null; q = q.getParent()) {
            if (Files.isExecutable(q.resolve("scripts/pcscd.sh"))) {
                return q;
            }
        }
        throw new IllegalStateException("scripts/pcscd.sh not found above " + p);
    }

    /** What a subprocess printed (stdout and stderr together) and its exit code. */
    record Result(int exit, String output, List<String> command) {
        @Override
        public String toString() {
            return String.join(" ", command) + " -> exit " + exit + "\n" + output;
        }
    }
}
