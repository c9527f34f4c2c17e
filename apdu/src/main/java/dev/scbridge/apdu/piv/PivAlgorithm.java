package dev.scbridge.apdu.piv;

import java.util.Optional;

/**
 * Cryptographic algorithm identifiers, SP 800-78-4 Table 6-2 as used in P1 of GENERAL AUTHENTICATE and tag 80 of
 * GENERATE ASYMMETRIC KEY PAIR, plus the YubiKey 5.7 additions (yubico-piv-tool ykpiv.h; yubikit KeyType,
 * ManagementKeyType).
 */
public enum PivAlgorithm {
    TDES(0x03, Kind.SYMMETRIC, 192, 8),
    AES128(0x08, Kind.SYMMETRIC, 128, 16),
    AES192(0x0A, Kind.SYMMETRIC, 192, 16),
    AES256(0x0C, Kind.SYMMETRIC, 256, 16),
    RSA1024(0x06, Kind.RSA, 1024, 0),
    RSA2048(0x07, Kind.RSA, 2048, 0),
    RSA3072(0x05, Kind.RSA, 3072, 0),
    RSA4096(0x16, Kind.RSA, 4096, 0),
    ECC_P256(0x11, Kind.EC, 256, 0),
    ECC_P384(0x14, Kind.EC, 384, 0),
    /** Not supported by the software card (no JDK 17 provider path for raw PIV use); listed so codes decode. */
    ED25519(0xE0, Kind.EDWARDS, 256, 0),
    X25519(0xE1, Kind.EDWARDS, 256, 0);

    public enum Kind {
        SYMMETRIC,
        RSA,
        EC,
        EDWARDS
    }

    private final int code;
    private final Kind kind;
    private final int bits;
    private final int blockSize;

    PivAlgorithm(int code, Kind kind, int bits, int blockSize) {
        this.code = code;
        this.kind = kind;
        this.bits = bits;
        this.blockSize = blockSize;
    }

    public int code() {
        return code;
    }

    public Kind kind() {
        return kind;
    }

    /** Key size in bits (modulus, curve order or symmetric key). */
    public int bits() {
        return bits;
    }

    /** Cipher block size of a management-key algorithm (8 for 3DES, 16 for AES), 0 otherwise. */
    public int blockSize() {
        return blockSize;
    }

    /** Symmetric key length in bytes. */
    public int keyLength() {
        return bits / 8;
    }

    public boolean isRsa() {
        return kind == Kind.RSA;
    }

    public boolean isEc() {
        return kind == Kind.EC;
    }

    public boolean isSymmetric() {
        return kind == Kind.SYMMETRIC;
    }

    /** Bytes of one EC field element (32 for P-256, 48 for P-384), or the RSA modulus length in bytes. */
    public int elementLength() {
        return (bits + 7) / 8;
    }

    public static Optional<PivAlgorithm> find(int code) {
        for (PivAlgorithm a : values()) {
            if (a.code == code) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }

    /** Checked lookup: IllegalArgumentException names the unknown code. */
    public static PivAlgorithm fromCode(int code) {
        return find(code).orElseThrow(() ->
                new IllegalArgumentException(String.format("unknown PIV algorithm %02X", code)));
    }
}
