package dev.scbridge.cli;

import picocli.CommandLine.Option;

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
 * {@code --pin-file FILE}, as a picocli mixin: the user PIN of the PKCS#11 token that holds a CA's key. Never on the
 * command line, where {@code ps} and shell history would show it. The file's first line is the PIN; the caller
 * wipes the returned array.
 */
final class PinFileOption {
    /** Longest PIN file we read: a PIN, not a document. */
    static final int MAX_PIN_FILE_BYTES = 1024;

    @Option(names = "--pin-file", paramLabel = "FILE",
            description = "For a CA whose key is in a PKCS#11 token: the token's user PIN, the first line of FILE.")
    Path file;

    boolean given() {
        return file != null;
    }

    /** The PIN; a {@link CliFailure} (exit 1) when the file cannot be read or its first line is empty. */
    char[] read() throws CliFailure {
        byte[] bytes;
        try {
            if (Files.size(file) > MAX_PIN_FILE_BYTES) {
                throw new CliFailure("PIN file " + file + " is longer than " + MAX_PIN_FILE_BYTES + " bytes", null);
            }
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new CliFailure("cannot read the PIN file " + file + ": " + e.getClass().getSimpleName(), e);
        }
        CharBuffer chars = null;
        try {
            chars = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes));
            int end = 0;
            while (end < chars.limit() && chars.get(end) != '\n' && chars.get(end) != '\r') {
                end++;
            }
            if (end == 0) {
                throw new CliFailure("PIN file " + file + " has an empty first line", null);
            }
            char[] pin = new char[end];
            chars.get(pin, 0, end);
            return pin;
        } catch (CharacterCodingException e) {
            throw new CliFailure("PIN file " + file + " is not UTF-8 text", e);
        } finally {
            Arrays.fill(bytes, (byte) 0);
            if (chars != null && chars.hasArray()) {
                Arrays.fill(chars.array(), '\0');
            }
        }
    }
}
