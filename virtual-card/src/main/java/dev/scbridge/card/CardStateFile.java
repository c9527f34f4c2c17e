package dev.scbridge.card;

import dev.scbridge.apdu.piv.TouchPolicy;

import dev.scbridge.apdu.piv.PinPolicy;

import dev.scbridge.apdu.DecodeException;
import dev.scbridge.apdu.Tlv;
import dev.scbridge.apdu.piv.PivAlgorithm;
import dev.scbridge.apdu.piv.PivKeyRef;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * An admin's long-lived virtual card on disk. Everything (PIN, PUK, management key, private keys, objects) is
 * encrypted with AES-256-GCM under a key derived from a passphrase with PBKDF2-HMAC-SHA256; the header is
 * authenticated as associated data. Files are written atomically with owner-only permissions.
 *
 * <pre>
 *  "SCBCARD1" | u32 iterations | salt (16) | nonce (12) | AES-256-GCM(state TLVs) with 16-byte tag
 * </pre>
 */
final class CardStateFile {
    private static final byte[] MAGIC = "SCBCARD1".getBytes(StandardCharsets.US_ASCII);
    /** OWASP 2023 guidance for PBKDF2-HMAC-SHA256. */
    static final int ITERATIONS = 600_000;
    /** Bounds on what a file may ask of us, so a hostile file cannot make loading take forever. */
    private static final int MIN_ITERATIONS = 100_000;
    private static final int MAX_ITERATIONS = 10_000_000;
    /** A full card: 51,200 bytes of objects plus 25 RSA-4096 keys stays well under this. */
    static final int MAX_FILE_SIZE = 1 << 20;
    private static final int SALT = 16;
    private static final int NONCE = 12;
    private static final int HEADER = MAGIC.length + 4 + SALT + NONCE;

    private static final int T_VERSION = 0xC1;
    private static final int T_SERIAL = 0xC2;
    private static final int T_ATR = 0xC3;
    private static final int T_PIN = 0xE4;
    private static final int T_PUK = 0xE5;
    private static final int T_MGMT = 0xE6;
    private static final int T_SLOT = 0xE7;
    private static final int T_OBJECT = 0xE8;

    private CardStateFile() {
    }

    static void save(PivCardState s, Path file, char[] passphrase) throws IOException {
        byte[] plain = serialize(s);
        SecureRandom random = new SecureRandom();
        byte[] salt = new byte[SALT];
        byte[] nonce = new byte[NONCE];
        random.nextBytes(salt);
        random.nextBytes(nonce);
        ByteBuffer header = ByteBuffer.allocate(HEADER).put(MAGIC).putInt(ITERATIONS).put(salt).put(nonce);
        byte[] sealed;
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, deriveKey(passphrase, salt, ITERATIONS), new GCMParameterSpec(128, nonce));
            c.updateAAD(header.array());
            sealed = c.doFinal(plain);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM unavailable", e);
        } finally {
            Arrays.fill(plain, (byte) 0);
        }
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, ".card", ".tmp");
        try {
            try {
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException notPosix) {
                // Windows: the ACL of the temp file is already user-only.
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.writeBytes(header.array());
            out.writeBytes(sealed);
            Files.write(tmp, out.toByteArray());
            try {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    static PivCardState load(Path file, char[] passphrase) throws IOException {
        long size = Files.size(file);
        if (size > MAX_FILE_SIZE || size < HEADER + 16) {
            throw new IOException(file + ": not a scbridge card file (size " + size + ")");
        }
        byte[] all = Files.readAllBytes(file);
        ByteBuffer b = ByteBuffer.wrap(all);
        byte[] magic = new byte[MAGIC.length];
        b.get(magic);
        if (!Arrays.equals(magic, MAGIC)) {
            throw new IOException(file + ": not a scbridge card file");
        }
        int iterations = b.getInt();
        if (iterations < MIN_ITERATIONS || iterations > MAX_ITERATIONS) {
            throw new IOException(file + ": implausible key-derivation iterations " + iterations);
        }
        byte[] salt = new byte[SALT];
        byte[] nonce = new byte[NONCE];
        b.get(salt).get(nonce);
        byte[] plain;
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.DECRYPT_MODE, deriveKey(passphrase, salt, iterations), new GCMParameterSpec(128, nonce));
            c.updateAAD(all, 0, HEADER);
            plain = c.doFinal(all, HEADER, all.length - HEADER);
        } catch (AEADBadTagException e) {
            throw new IOException(file + ": wrong passphrase, or the file was altered");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM unavailable", e);
        }
        try {
            return deserialize(plain);
        } catch (DecodeException | IllegalArgumentException e) {
            throw new IOException(file + ": card state is corrupt: " + e.getMessage());
        } finally {
            Arrays.fill(plain, (byte) 0);
        }
    }

    private static SecretKeySpec deriveKey(char[] passphrase, byte[] salt, int iterations)
            throws GeneralSecurityException {
        if (passphrase == null || passphrase.length == 0) {
            throw new IllegalArgumentException("an empty passphrase would leave the keys unprotected");
        }
        PBEKeySpec spec = new PBEKeySpec(passphrase, salt, iterations, 256);
        try {
            byte[] k = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
            SecretKeySpec key = new SecretKeySpec(k, "AES");
            Arrays.fill(k, (byte) 0);
            return key;
        } finally {
            spec.clearPassword();
        }
    }

    private static byte[] u8(int v) {
        return new byte[] {(byte) v};
    }

    private static Tlv reference(int tag, ReferenceData r) {
        return Tlv.of(tag, new Tlv(0x80, r.valueForStorage()), new Tlv(0x81, u8(r.retriesTotal())),
                new Tlv(0x82, u8(r.retriesLeft())), new Tlv(0x83, u8(r.isDefault() ? 1 : 0)));
    }

    static byte[] serialize(PivCardState s) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new Tlv(T_VERSION, s.version).encode());
        out.writeBytes(new Tlv(T_SERIAL, ByteBuffer.allocate(4).putInt(s.serial).array()).encode());
        out.writeBytes(new Tlv(T_ATR, s.atr).encode());
        out.writeBytes(reference(T_PIN, s.pin).encode());
        out.writeBytes(reference(T_PUK, s.puk).encode());
        ManagementKey m = s.managementKey;
        out.writeBytes(Tlv.of(T_MGMT, new Tlv(0x80, u8(m.algorithm().code())), new Tlv(0x81, m.keyForStorage()),
                new Tlv(0x82, u8(m.touch().code()))).encode());
        for (Map.Entry<PivKeyRef, SlotKey> e : s.slots.entrySet()) {
            SlotKey k = e.getValue();
            out.writeBytes(Tlv.of(T_SLOT, new Tlv(0x80, u8(e.getKey().code())), new Tlv(0x81, u8(k.algorithm().code())),
                    new Tlv(0x82, u8(k.pinPolicy().code())), new Tlv(0x83, u8(k.touchPolicy().code())),
                    new Tlv(0x84, u8(k.origin().code())), new Tlv(0x85, k.privateKeyForStorage()),
                    new Tlv(0x86, k.publicKey().getEncoded())).encode());
        }
        for (Map.Entry<Integer, byte[]> e : s.objects.entrySet()) {
            out.writeBytes(Tlv.of(T_OBJECT, new Tlv(0x80, Tlv.tagBytes(e.getKey())), new Tlv(0x81, e.getValue()))
                    .encode());
        }
        return out.toByteArray();
    }

    private static byte[] field(List<Tlv> tlvs, int tag) throws DecodeException {
        return Tlv.require(tlvs, tag, "state field " + Integer.toHexString(tag)).value();
    }

    private static int byteField(List<Tlv> tlvs, int tag) throws DecodeException {
        byte[] v = field(tlvs, tag);
        if (v.length != 1) {
            throw new DecodeException("state field " + Integer.toHexString(tag), "expected 1 byte", 0);
        }
        return v[0] & 0xFF;
    }

    private static ReferenceData restoreReference(ReferenceData.Kind kind, List<Tlv> t) throws DecodeException {
        ReferenceData r = new ReferenceData(kind, field(t, 0x80), byteField(t, 0x81), byteField(t, 0x83) == 1);
        r.restoreCounters(byteField(t, 0x81), byteField(t, 0x82));
        return r;
    }

    static PivCardState deserialize(byte[] plain) throws DecodeException {
        List<Tlv> top = Tlv.parseAll(plain);
        PivCardState s = new PivCardState();
        s.version = field(top, T_VERSION);
        byte[] serial = field(top, T_SERIAL);
        if (serial.length != 4) {
            throw new DecodeException("serial", "expected 4 bytes", 0);
        }
        s.serial = ByteBuffer.wrap(serial).getInt();
        s.atr = field(top, T_ATR);
        s.pin = restoreReference(ReferenceData.Kind.PIN, Tlv.require(top, T_PIN, "PIN").children());
        s.puk = restoreReference(ReferenceData.Kind.PUK, Tlv.require(top, T_PUK, "PUK").children());
        List<Tlv> m = Tlv.require(top, T_MGMT, "management key").children();
        s.managementKey = new ManagementKey(PivAlgorithm.fromCode(byteField(m, 0x80)), field(m, 0x81),
                TouchPolicy.fromCode(byteField(m, 0x82)));
        for (Tlv t : top) {
            if (t.tag() == T_SLOT) {
                List<Tlv> k = t.children();
                PivAlgorithm alg = PivAlgorithm.fromCode(byteField(k, 0x81));
                KeyPair pair = SlotKey.restore(alg, field(k, 0x85), field(k, 0x86));
                s.slots.put(PivKeyRef.fromCode(byteField(k, 0x80)), new SlotKey(alg, pair,
                        PinPolicy.fromCode(byteField(k, 0x82)), TouchPolicy.fromCode(byteField(k, 0x83)),
                        KeyOrigin.fromCode(byteField(k, 0x84))));
            } else if (t.tag() == T_OBJECT) {
                List<Tlv> o = t.children();
                int id = 0;
                for (byte x : field(o, 0x80)) {
                    id = (id << 8) | (x & 0xFF);
                }
                s.objects.put(id, field(o, 0x81));
            }
        }
        return s;
    }
}
