package dev.scbridge.cli;

import dev.scbridge.pcsc.piv.Pin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Reads a PIN, PUK or management key from exactly one place: a file (first line), an environment variable given
 * by name, a plain argument (with a warning: it shows in {@code ps} and shell history), or the terminal without
 * echo. The value itself never appears in a message.
 */
final class PivSecrets {
    /** A secret file is one short line; anything longer is a wrong file, not a PIN. */
    static final long MAX_FILE_BYTES = 1024;

    private PivSecrets() {
    }

    /**
     * @param what "PIN", "new PIN", "PUK", "management key" (for prompts and messages)
     * @param option the option stem, e.g. "pin" for --pin-file/--pin-env/--pin
     * @return the secret, or null when none was given and {@code prompt} is false
     */
    static char[] read(CommandSpec spec, String what, String option, Path file, String envName, String value,
                       boolean prompt) {
        int given = (file != null ? 1 : 0) + (envName != null ? 1 : 0) + (value != null ? 1 : 0);
        if (given > 1) {
            throw usage(spec, "give the " + what + " once: --" + option + "-file, --" + option + "-env or --"
                    + option);
        }
        if (file != null) {
            return fromFile(spec, what, file);
        }
        if (envName != null) {
            String v = PivEnvironment.env.apply(envName);
            if (v == null || v.isEmpty()) {
                throw usage(spec, "environment variable " + envName + " (for the " + what + ") is not set");
            }
            return v.toCharArray();
        }
        if (value != null) {
            PrintWriter err = spec.commandLine().getErr();
            err.println(spec.root().name() + ": warning: a " + what + " given on the command line is visible to"
                    + " other users (ps, shell history); prefer --" + option + "-file or --" + option + "-env");
            err.flush();
            return value.toCharArray();
        }
        if (!prompt) {
            return null;
        }
        char[] typed = PivEnvironment.terminal.readPassword("Enter " + what + ": ");
        if (typed == null) {
            throw usage(spec, "no terminal to read the " + what + " from; use --" + option + "-file or --" + option
                    + "-env");
        }
        return typed;
    }

    private static char[] fromFile(CommandSpec spec, String what, Path file) {
        try {
            if (Files.size(file) > MAX_FILE_BYTES) {
                throw usage(spec, what + " file " + file + " is over " + MAX_FILE_BYTES + " bytes");
            }
            byte[] bytes = Files.readAllBytes(file);
            int end = 0;
            while (end < bytes.length && bytes[end] != '\n' && bytes[end] != '\r') {
                end++;
            }
            java.nio.CharBuffer chars = StandardCharsets.UTF_8.decode(java.nio.ByteBuffer.wrap(bytes, 0, end));
            char[] exact = new char[chars.remaining()];
            chars.get(exact);
            Arrays.fill(bytes, (byte) 0);
            if (chars.hasArray()) {
                Arrays.fill(chars.array(), '\0');
            }
            if (exact.length == 0) {
                throw usage(spec, what + " file " + file + " is empty");
            }
            return exact;
        } catch (IOException e) {
            throw usage(spec, "cannot read the " + what + " file " + file + " (" + e.getClass().getSimpleName()
                    + ")");
        }
    }

    /** A {@link Pin} from typed characters, which are wiped; one that cannot be a PIN is a usage error. */
    static Pin toPin(CommandSpec spec, String what, char[] chars) {
        try {
            return Pin.of(chars);
        } catch (IllegalArgumentException e) {
            throw usage(spec, "the " + what + " must be 1 to 8 characters (6 to 8 on most cards)");
        } finally {
            Arrays.fill(chars, '\0');
        }
    }

    static ParameterException usage(CommandSpec spec, String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
