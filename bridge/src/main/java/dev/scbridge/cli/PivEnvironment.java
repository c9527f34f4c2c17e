package dev.scbridge.cli;

import dev.scbridge.pcsc.Pcsc;
import dev.scbridge.pcsc.ScardException;
import dev.scbridge.pcsc.nativ.NativePcsc;

import java.io.Console;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * What the {@code piv} and {@code readers} commands take from the outside world: the card opener, the PC/SC
 * backend, environment variables and the terminal. Production values by default; tests replace them (and must put
 * them back with {@link #reset()}).
 */
final class PivEnvironment {
    /** Reads a secret without echo; null when there is no terminal. */
    @FunctionalInterface
    interface Terminal {
        char[] readPassword(String prompt);
    }

    static volatile Supplier<Pcsc> pcsc = PivEnvironment::systemPcsc;
    static volatile PivCardOpener opener = new PivPcscOpener(() -> pcsc.get());
    static volatile Function<String, String> env = System::getenv;
    static volatile Terminal terminal = PivEnvironment::console;

    private PivEnvironment() {
    }

    static void reset() {
        pcsc = PivEnvironment::systemPcsc;
        opener = new PivPcscOpener(() -> pcsc.get());
        env = System::getenv;
        terminal = PivEnvironment::console;
    }

    private static char[] console(String prompt) {
        Console c = System.console();
        return c == null ? null : c.readPassword("%s", prompt);
    }

    /** The operating system's PC/SC service through the native binding (pcsc-lite, WinSCard, PCSC.framework). */
    private static Pcsc systemPcsc() {
        try {
            return NativePcsc.open();
        } catch (ScardException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }
}
