package dev.scbridge.pcsc.nativ;

import com.sun.jna.NativeLibrary;
import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The private pcscd + vpcd of {@code scripts/pcscd.sh} for tier-2 tests (design.md). Uses a running one if
 * {@code PCSCLITE_CSOCK_NAME} is set, else starts it (and stops it in {@link #close()}). When pcscd cannot run
 * here the tests are skipped with a loud message, never failed. The socket path reaches libpcsclite through
 * the process environment: if the JVM was started without the variable, it is set with libc setenv before the
 * library first connects (libpcsclite reads it at SCardEstablishContext).
 */
final class PcscdFixture implements AutoCloseable {
    /** How long the script may take (it may apt-get install pcscd and vpcd on first use). */
    private static final long SCRIPT_TIMEOUT_SECONDS = 600;

    final String socket;
    final int vpcdPort;
    private final boolean startedHere;
    private final Path script;

    private PcscdFixture(String socket, int vpcdPort, boolean startedHere, Path script) {
        this.socket = socket;
        this.vpcdPort = vpcdPort;
        this.startedHere = startedHere;
        this.script = script;
    }

    static PcscdFixture start() {
        int port = Integer.parseInt(System.getenv().getOrDefault("SCBRIDGE_VPCD_PORT", "35963"));
        Path script = findScript();
        String env = System.getenv("PCSCLITE_CSOCK_NAME");
        if (env != null && Files.exists(Path.of(env))) {
            return new PcscdFixture(env, port, false, script);
        }
        if (script == null) {
            skip("scripts/pcscd.sh not found and PCSCLITE_CSOCK_NAME not set");
        }
        String out = run(script, "start");
        if (out.contains("SKIPPED")) {
            skip(out.trim());
        }
        String socket = null;
        for (String line : out.split("\n")) {
            if (line.startsWith("export PCSCLITE_CSOCK_NAME=")) {
                socket = line.substring("export PCSCLITE_CSOCK_NAME=".length()).trim();
            }
        }
        if (socket == null) {
            skip("scripts/pcscd.sh start printed no socket: " + out.trim());
        }
        boolean already = out.contains("already running");
        setenv("PCSCLITE_CSOCK_NAME", socket);
        return new PcscdFixture(socket, port, !already, script);
    }

    private static Path findScript() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path s = dir.resolve("scripts/pcscd.sh");
            if (Files.isExecutable(s)) {
                return s;
            }
        }
        return null;
    }

    private static String run(Path script, String command) {
        try {
            Process p = new ProcessBuilder("bash", script.toString(), command).redirectErrorStream(true).start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(SCRIPT_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                skip("scripts/pcscd.sh " + command + " did not finish");
            }
            String text = new String(out, StandardCharsets.UTF_8);
            if (p.exitValue() != 0) {
                skip("scripts/pcscd.sh " + command + " exited " + p.exitValue() + ": " + text.trim());
            }
            return text;
        } catch (IOException e) {
            skip("cannot run scripts/pcscd.sh: " + e);
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            skip("interrupted");
            return null;
        }
    }

    private static void setenv(String name, String value) {
        if (value.equals(System.getenv(name))) {
            return;
        }
        int rv = NativeLibrary.getInstance("c").getFunction("setenv").invokeInt(new Object[] {name, value, 1});
        if (rv != 0) {
            skip("setenv " + name + " failed");
        }
    }

    static void skip(String why) {
        String message = "\n*** SKIPPED pcscd tests: " + why + " ***\n";
        System.err.println(message);
        Assumptions.abort(message);
    }

    @Override
    public void close() {
        if (startedHere && script != null) {
            run(script, "stop");
        }
    }
}
