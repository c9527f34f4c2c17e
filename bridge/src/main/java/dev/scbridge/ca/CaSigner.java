package dev.scbridge.ca;

import org.bouncycastle.operator.ContentSigner;

import java.security.PublicKey;

/**
 * Where the CA's private key lives: the one seam between certificate building and key custody. Today the key is
 * in memory ({@link InMemoryCaSigner}); a key store, a PKCS#11 token or a remote KMS implements the same interface
 * later. Implementations never expose the private key and redact it from {@code toString}.
 */
public interface CaSigner {
    /** The CA's public key (it goes into the CA certificate and is checked against it). */
    PublicKey publicKey();

    /** The key's type, which fixes the signature algorithm. */
    default CaKeyType keyType() {
        return CaKeyType.of(publicKey());
    }

    /**
     * A fresh single-use signer for one to-be-signed structure, using {@link CaKeyType#signatureAlgorithm()}.
     *
     * @throws CaException when the key cannot be used (locked token, unreachable service)
     */
    ContentSigner newContentSigner() throws CaException;
}
