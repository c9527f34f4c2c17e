package dev.scbridge.ca;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * One CA directory made once per test JVM (RSA key generation and 600,000 PBKDF2 rounds are the slow part) and
 * copied for each test that changes or damages it. Deleted when the JVM exits.
 */
public final class TestCa {
    public static final String PASSPHRASE = "correct horse battery staple";
    public static final String SUBJECT = "CN=Example Logon CA,O=Example";
    private static final Path ORIGINAL = create();

    private TestCa() {
    }

    /** The shared CA: read it, never change it. */
    public static Path original() {
        return ORIGINAL;
    }

    /** A private copy of the shared CA in {@code parent}/ca-copy. */
    public static Path copyTo(Path parent) throws IOException {
        Path dir = parent.resolve("ca-copy");
        Files.createDirectory(dir);
        for (String f : new String[] {CaStore.CERTIFICATE_FILE, CaStore.KEY_FILE, CaStore.REVOCATIONS_FILE}) {
            Files.copy(ORIGINAL.resolve(f), dir.resolve(f));
        }
        return dir;
    }

    private static Path create() {
        try {
            Path tmp = Files.createTempDirectory("scbridge-test-ca");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(tmp)));
            Path dir = tmp.resolve("ca");
            CaStore.init(dir, CaKeyType.RSA_2048, SUBJECT, Duration.ofDays(3650), PASSPHRASE.toCharArray(),
                    new SecureRandom());
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (CaStoreException | CaException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> all = Files.walk(root)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // A temp directory left behind is harmless.
        }
    }
}
