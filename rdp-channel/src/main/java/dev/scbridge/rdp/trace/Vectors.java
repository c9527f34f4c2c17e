package dev.scbridge.rdp.trace;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Finds the shared vector directory ({@code shared/vectors}, kept outside the repository). Tried in order:
 * <ol>
 * <li>system property {@value #PROPERTY};</li>
 * <li>{@code <repo root>/../shared/vectors}, the repo root being the nearest ancestor of {@code user.dir} that
 * holds {@code .git}, else the topmost ancestor in an unbroken chain of {@code pom.xml} directories;</li>
 * <li>environment variable {@value #ENV};</li>
 * <li>{@value #FALLBACK}.</li>
 * </ol>
 * Only existing directories count. Used by tests and by the CLI; no data is ever copied into the repository.
 */
public final class Vectors {
    public static final String PROPERTY = "scbridge.vectors";
    public static final String ENV = "SCBRIDGE_VECTORS";
    public static final String FALLBACK = "/work/shared/vectors";

    private Vectors() {
    }

    /** The vector directory, if any candidate exists. */
    public static Optional<Path> dir() {
        return candidates().stream().filter(Files::isDirectory).findFirst();
    }

    /**
     * A file in the vector directory.
     *
     * @throws IllegalStateException naming every place tried, if there is no directory or no such file
     */
    public static Path file(String name) {
        Path dir = dir().orElseThrow(() -> new IllegalStateException("no vector directory; tried " + candidates()
                + " (set -D" + PROPERTY + "=<dir> or " + ENV + ")"));
        Path file = dir.resolve(name);
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("vector file " + file + " does not exist");
        }
        return file;
    }

    /** Every candidate location, in lookup order (for error messages). */
    public static List<Path> candidates() {
        List<Path> out = new ArrayList<>();
        String property = System.getProperty(PROPERTY);
        if (property != null && !property.isBlank()) {
            out.add(Path.of(property));
        }
        repoRoot(Path.of(System.getProperty("user.dir"))).ifPresent(root ->
                out.add(root.resolve("../shared/vectors").normalize()));
        String env = System.getenv(ENV);
        if (env != null && !env.isBlank()) {
            out.add(Path.of(env));
        }
        out.add(Path.of(FALLBACK));
        return out;
    }

    static Optional<Path> repoRoot(Path start) {
        Path dir = start.toAbsolutePath().normalize();
        Path topPom = null;
        for (Path p = dir; p != null; p = p.getParent()) {
            if (Files.exists(p.resolve(".git"))) {
                return Optional.of(p);
            }
            if (Files.isRegularFile(p.resolve("pom.xml"))) {
                if (topPom == null || topPom.getParent() != null && topPom.getParent().equals(p)) {
                    topPom = p;
                }
            }
        }
        return Optional.ofNullable(topPom);
    }
}
