package dev.scbridge.ca;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * One SoftHSM2 token for this test JVM, made before the first PKCS#11 call: SoftHSM reads {@code SOFTHSM2_CONF}
 * (set by bridge/pom.xml's surefire configuration to target/softhsm/softhsm2.conf) when the module is initialized,
 * once per process. Tests share the token and use {@link #label} for keys of their own. Skips, saying why, where
 * softhsm2 is not installed ({@code apt-get install -y softhsm2}).
 */
public final class SoftHsm {
    public static final Path MODULE = Path.of("/usr/lib/softhsm/libsofthsm2.so");
    public static final String PIN = "4711-test-pin";
    private static final String SO_PIN = "so-test-pin-0815";
    private static final Pattern SLOT = Pattern.compile("reassigned to slot (\\d+)");
    private static final AtomicInteger LABELS = new AtomicInteger();
    private static SoftHsm instance;

    private final long slot;
    private final long neverLoggedInSlot;

    private SoftHsm(long slot, long neverLoggedInSlot) {
        this.slot = slot;
        this.neverLoggedInSlot = neverLoggedInSlot;
    }

    /** The shared token, made on first use; skips the test when softhsm2 is missing. */
    public static synchronized SoftHsm require() {
        assumeTrue(Files.isReadable(MODULE), "SKIPPED: SoftHSM2 is not installed (no " + MODULE
                + "); apt-get install -y softhsm2 to run the PKCS#11 CA tests");
        String conf = System.getenv("SOFTHSM2_CONF");
        assumeTrue(conf != null, "SKIPPED: SOFTHSM2_CONF is not set; run the PKCS#11 CA tests through Maven "
                + "(bridge/pom.xml's surefire configuration sets it)");
        if (instance == null) {
            Path file = Path.of(conf);
            prepare(file);
            instance = new SoftHsm(initToken(file, "scbridge"), initToken(file, "scbridge-pin-tests"));
        }
        return instance;
    }

    public long slot() {
        return slot;
    }

    /**
     * A second token that no test logs in to successfully. A PKCS#11 login belongs to the whole process: once the
     * first token is logged in, SunPKCS11 does not present a PIN for it again, so wrong PINs are tried here.
     */
    public long neverLoggedInSlot() {
        return neverLoggedInSlot;
    }

    /** A key label no other test in this JVM uses. */
    public static String label(String prefix) {
        return prefix + "-" + ProcessHandle.current().pid() + "-" + LABELS.incrementAndGet();
    }

    public Pkcs11Token token(String label) {
        return new Pkcs11Token(MODULE, slot, label);
    }

    /** A PIN file (first line the PIN) in {@code dir}. */
    public static Path pinFile(Path dir, String pin) throws IOException {
        Path file = dir.resolve("pin-" + LABELS.incrementAndGet());
        Files.writeString(file, pin + "\n", StandardCharsets.UTF_8);
        return file;
    }

    private static void prepare(Path conf) {
        try {
            Path tokens = conf.getParent().resolve("tokens");
            if (Files.exists(tokens)) {
                try (Stream<Path> old = Files.walk(tokens)) {
                    for (Path p : old.sorted(Comparator.reverseOrder()).toList()) {
                        Files.delete(p);
                    }
                }
            }
            Files.createDirectories(tokens);
            Files.writeString(conf, "directories.tokendir = " + tokens + "\nobjectstore.backend = file\n"
                    + "log.level = ERROR\n");
        } catch (IOException e) {
            throw new AssertionError("cannot write " + conf, e);
        }
    }

    private static long initToken(Path conf, String label) {
        try {
            ProcessBuilder pb = new ProcessBuilder("softhsm2-util", "--init-token", "--free", "--label", label,
                    "--so-pin", SO_PIN, "--pin", PIN).redirectErrorStream(true);
            pb.environment().put("SOFTHSM2_CONF", conf.toString());
            Process p = pb.start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("softhsm2-util finished").isTrue();
            Matcher m = SLOT.matcher(out);
            assertThat(p.exitValue() == 0 && m.find()).as("softhsm2-util --init-token: " + out).isTrue();
            return Long.parseLong(m.group(1));
        } catch (IOException e) {
            assumeTrue(false, "SKIPPED: cannot run softhsm2-util (" + e.getMessage() + "); apt-get install -y softhsm2");
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
