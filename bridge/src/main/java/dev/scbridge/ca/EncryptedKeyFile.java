package dev.scbridge.ca;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.EncryptionScheme;
import org.bouncycastle.asn1.pkcs.KeyDerivationFunc;
import org.bouncycastle.asn1.pkcs.PBES2Parameters;
import org.bouncycastle.asn1.pkcs.PBKDF2Params;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.crypto.util.PBKDF2Config;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfoBuilder;
import org.bouncycastle.pkcs.PKCSException;
import org.bouncycastle.pkcs.jcajce.JcePKCSPBEInputDecryptorProviderBuilder;
import org.bouncycastle.pkcs.jcajce.JcePKCSPBEOutputEncryptorBuilder;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemReader;
import org.bouncycastle.util.io.pem.PemWriter;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * The CA's private key at rest: a PEM {@code ENCRYPTED PRIVATE KEY}, i.e. PKCS#8 EncryptedPrivateKeyInfo
 * (RFC 5958 3) under PBES2 (RFC 8018 6.2) with PBKDF2-HMAC-SHA256 and AES-256-CBC. That is the format
 * {@code openssl pkcs8 -topk8 -v2 aes-256-cbc -v2prf hmacWithSHA256} writes, so the key can be checked or moved
 * with OpenSSL ({@code openssl pkey -in ca.key}) without scbridge.
 */
final class EncryptedKeyFile {
    static final String PEM_TYPE = "ENCRYPTED PRIVATE KEY";
    /** OWASP 2023 guidance for PBKDF2-HMAC-SHA256 (the same as the card state file). */
    static final int ITERATIONS = 600_000;
    /** A file may not ask for more work than this: a hostile or damaged file must not hang {@code open}. */
    static final int MAX_ITERATIONS = 10_000_000;
    /** An RSA-3072 key encrypted and in PEM is about 2.5 KB; anything near this is not a key file. */
    static final int MAX_FILE_BYTES = 64 * 1024;
    private static final int SALT_BYTES = 16;
    /** Bouncy Castle as an instance, not registered globally: PBES2 with every PRF, independent of the JDK. */
    private static final Provider BC = new BouncyCastleProvider();

    private EncryptedKeyFile() {
    }

    /** The encrypted PEM text of {@code key}. */
    static byte[] encrypt(PrivateKey key, char[] passphrase, SecureRandom random) throws CaException {
        byte[] plain = key.getEncoded();
        try {
            PBKDF2Config kdf = new PBKDF2Config.Builder().withIterationCount(ITERATIONS)
                    .withPRF(PBKDF2Config.PRF_SHA256).withSaltLength(SALT_BYTES).build();
            PKCS8EncryptedPrivateKeyInfo epki = new PKCS8EncryptedPrivateKeyInfoBuilder(PrivateKeyInfo.getInstance(plain))
                    .build(new JcePKCSPBEOutputEncryptorBuilder(kdf, NISTObjectIdentifiers.id_aes256_CBC)
                            .setProvider(BC).setRandom(random).build(passphrase));
            StringWriter pem = new StringWriter();
            try (PemWriter w = new PemWriter(pem)) {
                w.writeObject(new PemObject(PEM_TYPE, epki.getEncoded()));
            }
            return pem.toString().getBytes(StandardCharsets.US_ASCII);
        } catch (OperatorCreationException | IOException | RuntimeException e) {
            throw new CaException("cannot encrypt the CA key: " + e.getMessage(), e);
        } finally {
            if (plain != null) {
                Arrays.fill(plain, (byte) 0);
            }
        }
    }

    /** The key in {@code file} ({@code pem} is its content), decrypted with {@code passphrase}. */
    static PrivateKey decrypt(Path file, byte[] pem, char[] passphrase) throws CaStoreException {
        PKCS8EncryptedPrivateKeyInfo epki = parse(file, pem);
        PrivateKeyInfo info;
        try {
            info = epki.decryptPrivateKeyInfo(new JcePKCSPBEInputDecryptorProviderBuilder().setProvider(BC)
                    .build(passphrase));
        } catch (PKCSException | RuntimeException e) {
            // CBC padding that does not check out, or (1 time in 256) plaintext that is not a PrivateKeyInfo.
            throw new CaStoreException(CaStoreException.Reason.WRONG_PASSPHRASE, file,
                    "wrong passphrase, or the key file was altered", e);
        }
        try {
            return new JcaPEMKeyConverter().getPrivateKey(info);
        } catch (IOException | RuntimeException e) {
            throw new CaStoreException(CaStoreException.Reason.CORRUPT, file,
                    "decrypts, but not to a key scbridge can use (" + e.getMessage() + ")", e);
        }
    }

    /** The structure, checked to be PBES2 with PBKDF2 and a bounded iteration count before any work is done. */
    private static PKCS8EncryptedPrivateKeyInfo parse(Path file, byte[] pem) throws CaStoreException {
        PemObject object;
        try (PemReader r = new PemReader(new StringReader(new String(pem, StandardCharsets.US_ASCII)))) {
            object = r.readPemObject();
        } catch (IOException | RuntimeException e) {
            throw corrupt(file, "is not PEM (" + e.getMessage() + ")", e);
        }
        if (object == null || !PEM_TYPE.equals(object.getType())) {
            throw corrupt(file, "is not a PEM '" + PEM_TYPE + "' (an encrypted PKCS#8 key)", null);
        }
        try {
            PKCS8EncryptedPrivateKeyInfo epki = new PKCS8EncryptedPrivateKeyInfo(object.getContent());
            AlgorithmIdentifier alg = epki.getEncryptionAlgorithm();
            if (!PKCSObjectIdentifiers.id_PBES2.equals(alg.getAlgorithm())) {
                throw corrupt(file, "is encrypted with " + alg.getAlgorithm().getId() + ", not PBES2", null);
            }
            PBES2Parameters pbes2 = PBES2Parameters.getInstance(alg.getParameters());
            KeyDerivationFunc kdf = pbes2.getKeyDerivationFunc();
            if (!PKCSObjectIdentifiers.id_PBKDF2.equals(kdf.getAlgorithm())) {
                throw corrupt(file, "derives its key with " + kdf.getAlgorithm().getId() + ", not PBKDF2", null);
            }
            ASN1Encodable params = kdf.getParameters();
            BigInteger iterations = PBKDF2Params.getInstance(params).getIterationCount();
            if (iterations.signum() <= 0 || iterations.compareTo(BigInteger.valueOf(MAX_ITERATIONS)) > 0) {
                throw corrupt(file, "asks for " + iterations + " PBKDF2 iterations (at most " + MAX_ITERATIONS
                        + ")", null);
            }
            EncryptionScheme scheme = pbes2.getEncryptionScheme();
            if (scheme == null) {
                throw corrupt(file, "has no encryption scheme", null);
            }
            return epki;
        } catch (IOException | RuntimeException e) {
            throw corrupt(file, "is not an encrypted PKCS#8 key (" + e.getMessage() + ")", e);
        }
    }

    private static CaStoreException corrupt(Path file, String message, Throwable cause) {
        return new CaStoreException(CaStoreException.Reason.CORRUPT, file, message, cause);
    }
}
