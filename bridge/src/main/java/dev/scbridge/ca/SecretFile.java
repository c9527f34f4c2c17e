package dev.scbridge.ca;

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
 * A secret (a passphrase, a token PIN) read from the first line of a small file, so that it never appears on a
 * command line. The bytes and characters read are wiped; the caller wipes the returned array.
 */
public final class SecretFile {
    /** Longest file read: a secret, not a document. */
    public static final int MAX_BYTES = 1024;

    private SecretFile() {
    }

    /**
     * The first line of {@code file} as UTF-8, without its line break, never empty.
     *
     * @param what how messages name the file, e.g. {@code "passphrase file"} or {@code "PIN file"}
     * @throws IOException with a one-line message naming the file (never the secret)
     */
    public static char[] firstLine(Path file, String what) throws IOException {
        byte[] bytes;
        try {
            if (Files.size(file) > MAX_BYTES) {
                throw new IOException(what + " " + file + " is longer than " + MAX_BYTES + " bytes");
            }
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            if (e.getMessage() != null && e.getMessage().startsWith(what + " ")) {
                throw e;
            }
            throw new IOException("cannot read the " + what + " " + file + ": " + e.getClass().getSimpleName(), e);
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
                throw new IOException(what + " " + file + " has an empty first line");
            }
            char[] secret = new char[end];
            chars.get(secret, 0, end);
            return secret;
        } catch (CharacterCodingException e) {
            throw new IOException(what + " " + file + " is not UTF-8 text", e);
        } finally {
            Arrays.fill(bytes, (byte) 0);
            if (chars != null && chars.hasArray()) {
                Arrays.fill(chars.array(), '\0');
            }
        }
    }
}
