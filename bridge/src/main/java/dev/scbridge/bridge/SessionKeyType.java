package dev.scbridge.bridge;

import dev.scbridge.apdu.piv.PivAlgorithm;
import dev.scbridge.ca.CaKeyType;

import java.security.KeyPair;
import java.security.SecureRandom;
import java.util.Locale;

/**
 * The key a session card holds in slot 9A. Windows' recorded logon used RSA-2048 (the type Windows' smart-card
 * logon has always supported); P-256 and P-384 are PIV's EC algorithms (SP 800-78-4).
 */
public enum SessionKeyType {
    RSA_2048("rsa2048", PivAlgorithm.RSA2048, CaKeyType.RSA_2048),
    RSA_3072("rsa3072", PivAlgorithm.RSA3072, CaKeyType.RSA_3072),
    P256("p256", PivAlgorithm.ECC_P256, CaKeyType.P256),
    P384("p384", PivAlgorithm.ECC_P384, CaKeyType.P384);

    private final String code;
    private final PivAlgorithm pivAlgorithm;
    private final CaKeyType generator;

    SessionKeyType(String code, PivAlgorithm pivAlgorithm, CaKeyType generator) {
        this.code = code;
        this.pivAlgorithm = pivAlgorithm;
        this.generator = generator;
    }

    /** The command-line spelling. */
    public String code() {
        return code;
    }

    public PivAlgorithm pivAlgorithm() {
        return pivAlgorithm;
    }

    /** e.g. {@code "RSA-2048"}. */
    public String title() {
        return generator.title();
    }

    /** A fresh key pair (the same generation the CA uses for its own keys). */
    public KeyPair generate(SecureRandom random) {
        return generator.generate(random);
    }

    /** Parses {@code rsa2048}, {@code p256}...; IllegalArgumentException lists the choices. */
    public static SessionKeyType parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        for (SessionKeyType k : values()) {
            if (k.code.equals(t) || k.name().toLowerCase(Locale.ROOT).equals(t)) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown key type '" + text + "' (expected rsa2048, rsa3072, p256 or p384)");
    }
}
