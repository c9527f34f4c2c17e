package dev.scbridge.rdp.scard;

import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Which backend readers a session exposes. A virtual session exposes its one reader; a session redirecting one real
 * reader through the native backend exposes that reader only, so the host never sees the gateway's other readers.
 * Names outside the filter behave as readers that do not exist.
 */
@FunctionalInterface
public interface ReaderFilter extends Predicate<String> {
    /** Exactly these reader names. */
    static ReaderFilter only(Set<String> names) {
        Set<String> copy = Set.copyOf(names);
        return copy::contains;
    }

    /** Exactly this reader. */
    static ReaderFilter only(String name) {
        Objects.requireNonNull(name, "name");
        return name::equals;
    }

    /** Every backend reader (tests, or a backend that holds only the session's readers). */
    static ReaderFilter all() {
        return name -> true;
    }
}
