package dev.scbridge.ca;

import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.Security;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.RSAKeyGenParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Objects;

/**
 * A CA key that lives in a PKCS#11 token (an HSM, a smart card, SoftHSM2 in the tests) and never leaves it: every
 * signature is made by the token. Uses the JDK's SunPKCS11 provider, configured for this token only and never
 * registered with {@link Security#addProvider}; Bouncy Castle's content signer asks that provider instance for the
 * signature (PKCS #11 v2.40 C_Sign with CKM_SHA256_RSA_PKCS, CKM_ECDSA_SHA256/384).
 *
 * <p>The key is found by its label: {@code scbridge ca init --pkcs11} stores it with CKA_LABEL and CKA_ID set to the
 * label, next to the CA certificate under the same label (SunPKCS11's key store shows a private key only together
 * with its certificate). Keys generated here are CKA_SENSITIVE and not CKA_EXTRACTABLE.
 *
 * <p>The PIN logs in once, in {@link #open} or {@link #generate}; the caller wipes its array, nothing here keeps it.
 * A PKCS#11 login belongs to the whole process (PKCS #11 v2.40, 5.6): once a token is logged in, SunPKCS11 skips
 * the login, so a later {@code open} in the same process does not check its PIN. The CLI opens a token once per run.
 */
public final class Pkcs11CaSigner implements CaSigner {
    private final Pkcs11Token token;
    private final Provider provider;
    private final KeyStore keyStore;
    private final PrivateKey privateKey;
    private final PublicKey publicKey;
    private final CaKeyType keyType;

    private Pkcs11CaSigner(Pkcs11Token token, Provider provider, KeyStore keyStore, PrivateKey privateKey,
                           PublicKey publicKey) {
        this.token = token;
        this.provider = provider;
        this.keyStore = keyStore;
        this.privateKey = privateKey;
        this.publicKey = publicKey;
        this.keyType = CaKeyType.of(publicKey);
    }

    /**
     * Logs in to {@code token} and finds its key by label.
     *
     * @throws CaException one line: the module cannot be loaded, no such slot, a wrong or locked PIN, no such key
     */
    public static Pkcs11CaSigner open(Pkcs11Token token, char[] pin) throws CaException {
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(pin, "pin");
        Provider provider = provider(token);
        KeyStore ks = login(token, provider, pin);
        try {
            Key key = ks.getKey(token.keyLabel(), null);
            Certificate cert = ks.getCertificate(token.keyLabel());
            if (!(key instanceof PrivateKey pk) || cert == null) {
                throw new CaException(token + ": no private key with a certificate labelled '" + token.keyLabel()
                        + "' in the token", null);
            }
            return new Pkcs11CaSigner(token, provider, ks, pk, standard(cert.getPublicKey()));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new CaException(token + ": cannot read key '" + token.keyLabel() + "': " + e.getMessage(), e);
        }
    }

    /**
     * Logs in and generates a new key pair of {@code type} inside the token, as session objects until
     * {@link #store}: if the CA is never finished, nothing stays in the token. Refuses a label already in use.
     */
    public static Pkcs11CaSigner generate(Pkcs11Token token, CaKeyType type, char[] pin) throws CaException {
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(pin, "pin");
        Provider provider = provider(token);
        KeyStore ks = login(token, provider, pin);
        try {
            if (ks.containsAlias(token.keyLabel())) {
                throw new CaException(token + ": the token already holds '" + token.keyLabel()
                        + "'; refusing to replace a key (choose another --key-label)", null);
            }
            KeyPairGenerator g = KeyPairGenerator.getInstance(type.isRsa() ? "RSA" : "EC", provider);
            g.initialize(type.isRsa() ? new RSAKeyGenParameterSpec(type.bits(), RSAKeyGenParameterSpec.F4)
                    : new ECGenParameterSpec(type.bits() == 256 ? "secp256r1" : "secp384r1"));
            KeyPair pair = g.generateKeyPair();
            return new Pkcs11CaSigner(token, provider, ks, pair.getPrivate(), standard(pair.getPublic()));
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new CaException(token + ": cannot generate a " + type.title() + " key in the token: "
                    + e.getMessage(), e);
        }
    }

    /**
     * Makes the key a token object labelled {@link Pkcs11Token#keyLabel()} and stores {@code certificate} (this
     * key's) beside it under the same label. The token copies the key (C_CopyObject); its bytes never leave it.
     */
    public void store(X509Certificate certificate) throws CaException {
        if (!standard(certificate.getPublicKey()).equals(publicKey)) {
            throw new IllegalArgumentException("the certificate is not for this key");
        }
        try {
            keyStore.setKeyEntry(token.keyLabel(), privateKey, null, new Certificate[] {certificate});
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new CaException(token + ": cannot store the key in the token: " + e.getMessage(), e);
        }
    }

    /** The token and key this signer uses. */
    public Pkcs11Token token() {
        return token;
    }

    @Override
    public PublicKey publicKey() {
        return publicKey;
    }

    @Override
    public CaKeyType keyType() {
        return keyType;
    }

    @Override
    public ContentSigner newContentSigner() throws CaException {
        try {
            return new JcaContentSignerBuilder(keyType.signatureAlgorithm()).setProvider(provider).build(privateKey);
        } catch (OperatorCreationException | RuntimeException e) {
            throw new CaException(token + ": cannot sign with the " + keyType.title() + " CA key: " + e.getMessage(),
                    e);
        }
    }

    /** For tests: the token's handle to the key (its {@code getEncoded()} is null: the bytes stay in the token). */
    PrivateKey keyHandle() {
        return privateKey;
    }

    @Override
    public String toString() {
        return "Pkcs11CaSigner[" + keyType.title() + ", " + token + ", private key in the token]";
    }

    /** A SunPKCS11 instance for this token only; configure() returns a new, unregistered provider. */
    private static Provider provider(Pkcs11Token token) throws CaException {
        Provider base = Security.getProvider("SunPKCS11");
        if (base == null) {
            throw new CaException("this Java runtime has no SunPKCS11 provider (module jdk.crypto.cryptoki)", null);
        }
        try {
            return base.configure(token.sunPkcs11Config());
        } catch (RuntimeException e) {
            String why = rootMessage(e);
            if (why.contains("CKR_SLOT_ID_INVALID")) {
                why = "no slot " + token.slot() + " (CKR_SLOT_ID_INVALID; list the slots with 'pkcs11-tool --module "
                        + token.module() + " -L')";
            }
            throw new CaException(token + ": cannot use the PKCS#11 module: " + why, e);
        }
    }

    private static KeyStore login(Pkcs11Token token, Provider provider, char[] pin) throws CaException {
        try {
            KeyStore ks = KeyStore.getInstance("PKCS11", provider);
            ks.load(null, pin);
            return ks;
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            String why = rootMessage(e);
            if (why.contains("CKR_PIN_INCORRECT")) {
                why = "wrong PIN (CKR_PIN_INCORRECT)";
            } else if (why.contains("CKR_PIN_LOCKED")) {
                why = "the PIN is locked (CKR_PIN_LOCKED): unblock it with the token's SO PIN";
            } else if (why.contains("CKR_PIN_LEN_RANGE")) {
                why = "wrong PIN: its length is out of the token's range (CKR_PIN_LEN_RANGE)";
            }
            throw new CaException(token + ": cannot log in: " + why, e);
        }
    }

    /** A provider-neutral copy of a public key (SunPKCS11's public keys are token objects). */
    private static PublicKey standard(PublicKey key) throws CaException {
        try {
            return KeyFactory.getInstance(key.getAlgorithm()).generatePublic(new X509EncodedKeySpec(key.getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new CaException("cannot read the token's " + key.getAlgorithm() + " public key: " + e.getMessage(),
                    e);
        }
    }

    /** The innermost message: SunPKCS11 wraps the PKCS#11 return code (CKR_...) in one or two layers. */
    private static String rootMessage(Throwable e) {
        Throwable t = e;
        String message = e.getMessage();
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
            if (t.getMessage() != null) {
                message = t.getMessage();
            }
        }
        return message == null ? e.getClass().getSimpleName() : message.strip();
    }
}
