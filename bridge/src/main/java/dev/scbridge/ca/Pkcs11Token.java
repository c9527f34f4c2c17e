package dev.scbridge.ca;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Where a CA key lives in a PKCS#11 token: the module (the vendor's shared library), the slot ID and the key's label
 * (its CKA_LABEL, also its CKA_ID). Never the PIN. Stored as {@code DIR/pkcs11}, a few {@code name=value} lines:
 * <pre>
 * # scbridge CA: the private key is in a PKCS#11 token (no PIN here)
 * module=/usr/lib/softhsm/libsofthsm2.so
 * slot=1922193295
 * key-label=scbridge-ca
 * </pre>
 *
 * @param module   the PKCS#11 module, an absolute path
 * @param slot     the slot ID (as {@code pkcs11-tool -L} and {@code softhsm2-util --show-slots} print it)
 * @param keyLabel the key's label, 1-{@value #MAX_LABEL_CHARS} printable ASCII characters
 */
public record Pkcs11Token(Path module, long slot, String keyLabel) {
    public static final String DEFAULT_KEY_LABEL = "scbridge-ca";
    /** CKA_LABEL has no length limit; tools show about this much, and the descriptor stays one short line. */
    public static final int MAX_LABEL_CHARS = 64;
    /** The descriptor is three short lines. */
    static final int MAX_FILE_BYTES = 4096;

    public Pkcs11Token {
        Objects.requireNonNull(module, "module");
        Objects.requireNonNull(keyLabel, "keyLabel");
        module = module.toAbsolutePath().normalize();
        String m = module.toString();
        // The path goes into SunPKCS11's configuration text as a quoted string.
        if (m.contains("\"") || m.chars().anyMatch(c -> c < 0x20)) {
            throw new IllegalArgumentException("the PKCS#11 module path contains a quote or a control character");
        }
        if (slot < 0) {
            throw new IllegalArgumentException("slot " + slot + " is negative");
        }
        if (keyLabel.isEmpty() || keyLabel.length() > MAX_LABEL_CHARS
                || !keyLabel.chars().allMatch(c -> c > 0x20 && c < 0x7F)) {
            throw new IllegalArgumentException("key label '" + keyLabel + "' must be 1-" + MAX_LABEL_CHARS
                    + " printable ASCII characters without spaces");
        }
    }

    /** The descriptor file's bytes. */
    byte[] format() {
        return ("# scbridge CA: the private key is in a PKCS#11 token (no PIN here)\n"
                + "module=" + module + "\nslot=" + slot + "\nkey-label=" + keyLabel + "\n")
                .getBytes(StandardCharsets.UTF_8);
    }

    /** Reads what {@link #format} wrote; a {@link CaStoreException.Reason#CORRUPT} names what is wrong. */
    static Pkcs11Token parse(Path file, byte[] bytes) throws CaStoreException {
        Map<String, String> values = new HashMap<>();
        for (String line : new String(bytes, StandardCharsets.UTF_8).split("\n")) {
            String l = line.strip();
            if (l.isEmpty() || l.startsWith("#")) {
                continue;
            }
            int eq = l.indexOf('=');
            if (eq <= 0 || values.put(l.substring(0, eq), l.substring(eq + 1)) != null) {
                throw corrupt(file, "bad line '" + l + "' (expected module=, slot=, key-label= once each)");
            }
        }
        String module = values.get("module");
        String slot = values.get("slot");
        String label = values.get("key-label");
        if (module == null || slot == null || label == null || values.size() != 3) {
            throw corrupt(file, "needs exactly module=, slot= and key-label=");
        }
        try {
            return new Pkcs11Token(Path.of(module), Long.parseLong(slot), label);
        } catch (IllegalArgumentException e) {
            throw corrupt(file, e.getMessage());
        }
    }

    /** SunPKCS11's configuration: generated private keys are sensitive and never extractable. */
    String sunPkcs11Config() {
        return "--name=scbridge-ca\n"
                + "library = \"" + module + "\"\n"
                + "slot = " + slot + "\n"
                + "attributes(generate, CKO_PRIVATE_KEY, *) = {\n"
                + "  CKA_SENSITIVE = true\n"
                + "  CKA_EXTRACTABLE = false\n"
                + "}\n";
    }

    private static CaStoreException corrupt(Path file, String message) {
        return new CaStoreException(CaStoreException.Reason.CORRUPT, file, message, null);
    }

    @Override
    public String toString() {
        return "PKCS#11 " + module + " slot " + slot + " key '" + keyLabel + "'";
    }
}
