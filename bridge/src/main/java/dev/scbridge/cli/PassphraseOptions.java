package dev.scbridge.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * {@code --passphrase-file FILE | --passphrase-env NAME}, as a picocli mixin: never a passphrase on the command line,
 * where {@code ps} and shell history would show it. The file's first line is the passphrase (a trailing newline is
 * not part of it); the caller wipes the returned array.
 */
final class PassphraseOptions {
    /** Longest passphrase file we read: a passphrase, not a document. */
    static final int MAX_PASSPHRASE_BYTES = 1024;

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

    /** The first line of {@code file} as UTF-8, non-empty, from a file of at most {@value #MAX_PASSPHRASE_BYTES}. */
    static char[] readFirstLine(Path file) throws CliFailure {
        byte[] bytes;
        try {
            if (Files.size(file) > MAX_PASSPHRASE_BYTES) {
                throw new CliFailure("passphrase file " + file + " is longer than " + MAX_PASSPHRASE_BYTES + " bytes",
                        null);
            }
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new CliFailure("cannot read the passphrase file " + file + ": " + e.getMessage(), e);
        }
        try {
            CharBuffer chars = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes));
            int end = 0;
            while (end < chars.limit() && chars.get(end) != '\n' && chars.get(end) != '\r') {
                end++;
            }
            char[] p = new char[end];
            chars.get(p, 0, end);
            Arrays.fill(chars.array(), '\0');
            if (p.length == 0) {
                throw new CliFailure("passphrase file " + file + " has an empty first line", null);
            }
            return p;
        } catch (CharacterCodingException e) {
            throw new CliFailure("passphrase file " + file + " is not UTF-8 text", e);
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }
}
