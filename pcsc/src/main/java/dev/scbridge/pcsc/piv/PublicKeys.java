package dev.scbridge.pcsc.piv;

import dev.scbridge.apdu.DecodeException;
import dev.scbridge.apdu.Tlv;
import dev.scbridge.apdu.piv.PivAlgorithm;

import java.math.BigInteger;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.Arrays;
import java.util.List;

/**
 * Public keys as PIV carries them, SP 800-73-4 Part 2, 3.3.2 Table 11 (and YubiKey GET METADATA tag 04):
 * RSA as {@code 81} modulus, {@code 82} exponent; EC as {@code 86} uncompressed point {@code 04 || X || Y}.
 */
final class PublicKeys {
    private static final int TAG_MODULUS = 0x81;
    private static final int TAG_EXPONENT = 0x82;
    private static final int TAG_POINT = 0x86;
    private static final int UNCOMPRESSED = 0x04;

    private PublicKeys() {
    }

    /** Decodes the content of {@code 7F49} (or of metadata tag 04) for a key of {@code algorithm}. */
    static PublicKey decode(PivAlgorithm algorithm, byte[] content) throws BadResponseException {
        try {
            List<Tlv> tlvs = Tlv.parseAll(content);
            if (algorithm.isRsa()) {
                BigInteger n = new BigInteger(1, Tlv.require(tlvs, TAG_MODULUS, "modulus").value());
                BigInteger e = new BigInteger(1, Tlv.require(tlvs, TAG_EXPONENT, "exponent").value());
                if (n.bitLength() != algorithm.bits()) {
                    throw new BadResponseException("RSA modulus is " + n.bitLength() + " bits (expected: "
                            + algorithm.bits() + ")");
                }
                return KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(n, e));
            }
            if (algorithm.isEc()) {
                return ecPoint(algorithm, Tlv.require(tlvs, TAG_POINT, "EC point").value());
            }
        } catch (DecodeException e) {
            throw new BadResponseException("public key: " + e.getMessage(), e);
        } catch (GeneralSecurityException e) {
            throw new BadResponseException("public key: " + e.getMessage(), e);
        }
        throw new BadResponseException("public keys of " + algorithm + " are not supported");
    }

    /** An uncompressed point {@code 04 || X || Y} on the curve of {@code algorithm}. */
    static ECPublicKey ecPoint(PivAlgorithm algorithm, byte[] point) throws GeneralSecurityException,
            BadResponseException {
        int n = algorithm.elementLength();
        if (point.length != 1 + 2 * n || point[0] != UNCOMPRESSED) {
            throw new BadResponseException("EC point is " + point.length + " bytes (expected: " + (1 + 2 * n)
                    + ", starting 04)");
        }
        BigInteger x = new BigInteger(1, Arrays.copyOfRange(point, 1, 1 + n));
        BigInteger y = new BigInteger(1, Arrays.copyOfRange(point, 1 + n, 1 + 2 * n));
        return (ECPublicKey) KeyFactory.getInstance("EC")
                .generatePublic(new ECPublicKeySpec(new ECPoint(x, y), curve(algorithm)));
    }

    /** {@code 04 || X || Y}, each coordinate left-padded to the field length. */
    static byte[] encodePoint(ECPublicKey key, PivAlgorithm algorithm) {
        int n = algorithm.elementLength();
        byte[] out = new byte[1 + 2 * n];
        out[0] = UNCOMPRESSED;
        fixed(key.getW().getAffineX(), out, 1, n);
        fixed(key.getW().getAffineY(), out, 1 + n, n);
        return out;
    }

    static ECParameterSpec curve(PivAlgorithm algorithm) throws GeneralSecurityException {
        String name = switch (algorithm) {
            case ECC_P256 -> "secp256r1";
            case ECC_P384 -> "secp384r1";
            default -> throw new IllegalArgumentException(algorithm + " is not a NIST curve");
        };
        AlgorithmParameters p = AlgorithmParameters.getInstance("EC");
        p.init(new ECGenParameterSpec(name));
        return p.getParameterSpec(ECParameterSpec.class);
    }

    /** The PIV algorithm of a JCA key: RSA by modulus size, EC by field size (P-256, P-384). */
    static PivAlgorithm algorithmOf(java.security.Key key) {
        if (key instanceof java.security.interfaces.RSAKey rsa) {
            int bits = rsa.getModulus().bitLength();
            for (PivAlgorithm a : PivAlgorithm.values()) {
                if (a.isRsa() && a.bits() == bits) {
                    return a;
                }
            }
            throw new IllegalArgumentException("RSA-" + bits + " is not a PIV key size");
        }
        if (key instanceof java.security.interfaces.ECKey ec) {
            int bits = ec.getParams().getCurve().getField().getFieldSize();
            return switch (bits) {
                case 256 -> PivAlgorithm.ECC_P256;
                case 384 -> PivAlgorithm.ECC_P384;
                default -> throw new IllegalArgumentException("EC-" + bits + " is not a PIV curve");
            };
        }
        throw new IllegalArgumentException(key.getAlgorithm() + " keys are not supported");
    }

    /** {@code v} as exactly {@code len} unsigned big-endian bytes at {@code out[off]}. */
    static void fixed(BigInteger v, byte[] out, int off, int len) {
        byte[] b = v.toByteArray();
        int start = Math.max(0, b.length - len);
        int count = b.length - start;
        if (count > len || v.signum() < 0 || v.bitLength() > len * 8) {
            throw new IllegalArgumentException("value does not fit " + len + " bytes");
        }
        System.arraycopy(b, start, out, off + len - count, count);
    }

    static byte[] fixed(BigInteger v, int len) {
        byte[] out = new byte[len];
        fixed(v, out, 0, len);
        return out;
    }
}
