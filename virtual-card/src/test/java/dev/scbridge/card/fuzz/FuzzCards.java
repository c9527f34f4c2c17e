package dev.scbridge.card.fuzz;

import dev.scbridge.apdu.piv.PivKeyRef;
import dev.scbridge.card.PivCard;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.RSAKeyGenParameterSpec;

/**
 * The card each fuzz input starts from: builder defaults (PIN 123456, PUK 12345678, default 3DES management key)
 * plus keys that let inputs reach the private-key paths without generating RSA keys (which would dominate fuzzing
 * time): RSA-2048 in 9A, P-256 in 9C (PIN always) and 9E (no PIN). Everything is seeded, so a finding replays
 * identically.
 */
final class FuzzCards {
    static final int SERIAL = 12_345_678;
    static final KeyPair RSA_9A = generate("RSA", "fuzz 9A");
    static final KeyPair P256_9C = generate("EC", "fuzz 9C");
    static final KeyPair P256_9E = generate("EC", "fuzz 9E");

    private FuzzCards() {
    }

    static SecureRandom seeded(String seed) {
        try {
            SecureRandom r = SecureRandom.getInstance("SHA1PRNG");
            r.setSeed(seed.getBytes(StandardCharsets.US_ASCII));
            return r;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyPair generate(String algorithm, String seed) {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance(algorithm);
            if (algorithm.equals("RSA")) {
                g.initialize(new RSAKeyGenParameterSpec(2048, RSAKeyGenParameterSpec.F4), seeded(seed));
            } else {
                g.initialize(new ECGenParameterSpec("secp256r1"), seeded(seed));
            }
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static PivCard newCard() {
        return PivCard.builder().serial(SERIAL).random(seeded("fuzz card"))
                .key(PivKeyRef.AUTHENTICATION, RSA_9A)
                .key(PivKeyRef.SIGNATURE, P256_9C)
                .key(PivKeyRef.CARD_AUTH, P256_9E)
                .build();
    }
}
