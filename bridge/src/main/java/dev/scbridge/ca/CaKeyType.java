package dev.scbridge.ca;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.RSAKeyGenParameterSpec;
import java.util.Locale;

/**
 * The CA's key algorithm and the signature algorithm its certificates carry. Windows accepts all four for smart-card
 * logon chains (Microsoft: "Certificate Requirements and Enumeration"; the CA must be in the NTAuth store).
 */
public enum CaKeyType {
    RSA_2048("rsa2048", "RSA-2048", "RSA", 2048, "SHA256withRSA"),
    RSA_3072("rsa3072", "RSA-3072", "RSA", 3072, "SHA256withRSA"),
    P256("p256", "ECDSA P-256", "EC", 256, "SHA256withECDSA"),
    P384("p384", "ECDSA P-384", "EC", 384, "SHA384withECDSA");

    private final String code;
    private final String title;
    private final String jcaAlgorithm;
    private final int bits;
    private final String signatureAlgorithm;

    CaKeyType(String code, String title, String jcaAlgorithm, int bits, String signatureAlgorithm) {
        this.code = code;
        this.title = title;
        this.jcaAlgorithm = jcaAlgorithm;
        this.bits = bits;
        this.signatureAlgorithm = signatureAlgorithm;
    }

    /** The command-line spelling, e.g. {@code p256}. */
    public String code() {
        return code;
    }

    /** e.g. {@code "ECDSA P-256"}. */
    public String title() {
        return title;
    }

    /** The JCA signature algorithm name used for everything this CA signs. */
    public String signatureAlgorithm() {
        return signatureAlgorithm;
    }

    public boolean isRsa() {
        return jcaAlgorithm.equals("RSA");
    }

    /** Modulus size or curve size in bits. */
    public int bits() {
        return bits;
    }

    /** A fresh key pair (RSA with public exponent 65537; EC on the NIST curve). */
    public KeyPair generate(SecureRandom random) {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance(jcaAlgorithm);
            if (isRsa()) {
                g.initialize(new RSAKeyGenParameterSpec(bits, RSAKeyGenParameterSpec.F4), random);
            } else {
                g.initialize(new ECGenParameterSpec(bits == 256 ? "secp256r1" : "secp384r1"), random);
            }
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK cannot generate " + title + " keys", e);
        }
    }

    /** The type of an existing public key, for signers whose keys live elsewhere (key stores, PKCS#11). */
    public static CaKeyType of(PublicKey key) {
        if (key instanceof RSAPublicKey rsa) {
            int n = rsa.getModulus().bitLength();
            if (n == 2048) {
                return RSA_2048;
            }
            if (n == 3072) {
                return RSA_3072;
            }
            throw new IllegalArgumentException("unsupported CA key: RSA-" + n + " (expected RSA-2048 or RSA-3072)");
        }
        if (key instanceof ECPublicKey ec) {
            int n = ec.getParams().getCurve().getField().getFieldSize();
            if (n == 256) {
                return P256;
            }
            if (n == 384) {
                return P384;
            }
            throw new IllegalArgumentException("unsupported CA key: EC " + n + "-bit curve (expected P-256 or P-384)");
        }
        throw new IllegalArgumentException("unsupported CA key algorithm " + key.getAlgorithm());
    }

    /** Parses {@code rsa2048}, {@code RSA_2048}, {@code p256}...; IllegalArgumentException lists the choices. */
    public static CaKeyType parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        for (CaKeyType k : values()) {
            if (k.code.equals(t) || k.name().toLowerCase(Locale.ROOT).equals(t)) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown key type '" + text + "' (expected rsa2048, rsa3072, p256 or p384)");
    }
}
