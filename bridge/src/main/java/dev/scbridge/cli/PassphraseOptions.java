package dev.scbridge.cli;

import dev.scbridge.ca.SecretFile;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

import java.io.IOException;
import java.nio.file.Path;

/**
 * {@code --passphrase-file FILE | --passphrase-env NAME}, as a picocli mixin: never a passphrase on the command line,
 * where {@code ps} and shell history would show it. The file's first line is the passphrase (a trailing newline is
 * not part of it); the caller wipes the returned array.
 */
final class PassphraseOptions {

    @Option(names = "--passphrase-file", paramLabel = "FILE",
            description = "Read the passphrase from the first line of FILE.")
    Path file;

    @Option(names = "--passphrase-env", paramLabel = "NAME",
            description = "Read the passphrase from the environment variable NAME.")
    String env;

    boolean given() {
        return file != null || env != null;
    }

    /**
     * The passphrase; a usage error (exit 2) when neither or both options are given or the variable is unset, a
     * {@link CliFailure} (exit 1) when the file cannot be read.
     */
    char[] read(CommandSpec spec) throws CliFailure {
        if (file != null && env != null) {
            throw new ParameterException(spec.commandLine(),
                    "--passphrase-file and --passphrase-env are mutually exclusive");
        }
        if (env != null) {
            String value = System.getenv(env);
            if (value == null || value.isEmpty()) {
                throw new ParameterException(spec.commandLine(), "environment variable " + env
                        + " is not set or empty");
            }
            return value.toCharArray();
        }
        if (file == null) {
            throw new ParameterException(spec.commandLine(), "missing --passphrase-file FILE or --passphrase-env NAME");
        }
        return readFirstLine(file);
    }

    /** The first line of {@code file}; a {@link CliFailure} (exit 1) naming the file when it cannot be used. */
    static char[] readFirstLine(Path file) throws CliFailure {
        try {
            return SecretFile.firstLine(file, "passphrase file");
        } catch (java.io.IOException e) {
            throw new CliFailure(e.getMessage(), e);
        }
    }
}
