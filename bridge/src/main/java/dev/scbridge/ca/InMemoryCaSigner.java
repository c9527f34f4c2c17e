package dev.scbridge.ca;

import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.util.Objects;

/**
 * A CA key that lives only in this process's memory: for throwaway demo CAs and tests. The private key has no
 * getter and never prints. Signing uses the default JCA providers (SunRsaSign, SunEC).
 */
public final class InMemoryCaSigner implements CaSigner {
    private final PrivateKey privateKey;
    private final PublicKey publicKey;
    private final CaKeyType keyType;
    private final SecureRandom random;

    private InMemoryCaSigner(KeyPair keyPair, SecureRandom random) {
        this.privateKey = Objects.requireNonNull(keyPair.getPrivate(), "private key");
        this.publicKey = Objects.requireNonNull(keyPair.getPublic(), "public key");
        this.keyType = CaKeyType.of(publicKey);
        this.random = Objects.requireNonNull(random, "random");
    }

    /** A new key of {@code type}. */
    public static InMemoryCaSigner generate(CaKeyType type, SecureRandom random) {
        return new InMemoryCaSigner(type.generate(random), random);
    }

    /** Wraps an existing key pair (its type must be one of {@link CaKeyType}). */
    public static InMemoryCaSigner of(KeyPair keyPair, SecureRandom random) {
        return new InMemoryCaSigner(keyPair, random);
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
            return new JcaContentSignerBuilder(keyType.signatureAlgorithm()).setSecureRandom(random).build(privateKey);
        } catch (OperatorCreationException e) {
            throw new CaException("cannot sign with the " + keyType.title() + " CA key: " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "InMemoryCaSigner[" + keyType.title() + ", private key redacted]";
    }
}
