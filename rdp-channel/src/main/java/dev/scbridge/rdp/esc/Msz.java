package dev.scbridge.rdp.esc;

import dev.scbridge.apdu.DecodeException;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A multistring (MS-RDPESC 2.2.2.4, 2.2.3.4): names each followed by NUL, then a final NUL, carried as a byte
 * array sized in bytes (UTF-16LE for W, 8-bit for A). {@code "Teleport\0\0"} in W is 20 bytes. The empty list
 * encodes as a lone NUL; {@link #decode} also accepts zero bytes.
 */
public final class Msz {
    private Msz() {
    }

    /** Encodes names, each NUL-terminated, then the final NUL. */
    public static byte[] encode(List<String> names, boolean wide) {
        Charset cs = charset(wide);
        int width = wide ? 2 : 1;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String n : names) {
            if (n.isEmpty() || n.indexOf('\0') >= 0) {
                throw new IllegalArgumentException("multistring element must be non-empty without NUL: " + n);
            }
            out.writeBytes(n.getBytes(cs));
            out.writeBytes(new byte[width]);
        }
        out.writeBytes(new byte[width]);
        return out.toByteArray();
    }

    /** Decodes a multistring; stops at the first empty element; bytes after it must be NULs. */
    public static List<String> decode(String field, byte[] bytes, boolean wide) throws DecodeException {
        int width = wide ? 2 : 1;
        if (bytes.length % width != 0) {
            throw new DecodeException(field, "odd length " + bytes.length + " for a UTF-16 multistring", 0);
        }
        List<String> names = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < bytes.length; i += width) {
            boolean nul = bytes[i] == 0 && (width == 1 || bytes[i + 1] == 0);
            if (!nul) {
                continue;
            }
            if (i == start) {
                for (int j = i; j < bytes.length; j++) {
                    if (bytes[j] != 0) {
                        throw new DecodeException(field, "text after the terminating empty string", j);
                    }
                }
                return names;
            }
            names.add(new String(bytes, start, i - start, charset(wide)));
            start = i + width;
        }
        if (start != bytes.length) {
            throw new DecodeException(field, "last name is not NUL-terminated", start);
        }
        return names;
    }

    private static Charset charset(boolean wide) {
        return wide ? StandardCharsets.UTF_16LE : StandardCharsets.ISO_8859_1;
    }
}
