package dev.scbridge.cli;

import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Path;

/**
 * {@code --pin-file FILE}, as a picocli mixin: the user PIN of the PKCS#11 token that holds a CA's key. Never on the
 * command line, where {@code ps} and shell history would show it. The file's first line is the PIN; the caller
 * wipes the returned array.
 */
final class PinFileOption {

    @Option(names = "--pin-file", paramLabel = "FILE",
            description = "For a CA whose key is in a PKCS#11 token: the token's user PIN, the first line of FILE.")
    Path file;

    boolean given() {
        return file != null;
    }

    /** The PIN; a {@link CliFailure} (exit 1) when the file cannot be read or its first line is empty. */
    char[] read() throws CliFailure {
        try {
            return dev.scbridge.ca.SecretFile.firstLine(file, "PIN file");
        } catch (java.io.IOException e) {
            throw new CliFailure(e.getMessage(), e);
        }
    }
}
