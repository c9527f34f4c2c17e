package dev.scbridge.card;

import dev.scbridge.apdu.piv.TouchPolicy;

import dev.scbridge.apdu.piv.PinPolicy;

import dev.scbridge.apdu.piv.CertificateContainer;
import dev.scbridge.apdu.piv.Chuid;
import dev.scbridge.apdu.piv.PivAlgorithm;
import dev.scbridge.apdu.piv.PivKeyRef;
import dev.scbridge.apdu.piv.PivObjectId;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Builds a {@link PivCard}: a new card has the YubiKey defaults (PIN 123456, PUK 12345678, the default
 * management key, 3 tries each) and a fresh random CHUID, whose GUID Windows uses as the card's identity.
 * A gateway's session card sets its own PIN, key and certificate. Every setting is checked here, so a card that
 * builds is a card hosts accept.
 */
public final class PivCardBuilder {
    private byte[] atr = PivCard.DEFAULT_ATR;
    private byte[] version = PivCard.DEFAULT_VERSION;
    private Integer serial;
    private SecureRandom random;
    private byte[] pin;
    private byte[] puk;
    private int pinRetries = PivCardState.DEFAULT_RETRIES;
    private int pukRetries = PivCardState.DEFAULT_RETRIES;
    private ManagementKey managementKey;
    private boolean chuid = true;
    private final Map<PivKeyRef, SlotKey> keys = new EnumMap<>(PivKeyRef.class);
    private final Map<Integer, byte[]> objects = new LinkedHashMap<>();

    PivCardBuilder() {
    }

    /** Answer To Reset (2-33 bytes, starting 3B or 3F); default 3B 95 13 81 01 80 73 FF 01 00 0B. */
    public PivCardBuilder atr(byte[] atr) {
        if (atr.length < 2 || atr.length > 33 || (atr[0] != 0x3B && atr[0] != 0x3F)) {
            throw new IllegalArgumentException("an ATR is 2-33 bytes starting 3B or 3F");
        }
        this.atr = atr.clone();
        return this;
    }

    /** The firmware version GET VERSION reports (hosts gate features on it); default 5.7.1. */
    public PivCardBuilder version(int major, int minor, int patch) {
        for (int v : new int[] {major, minor, patch}) {
            if (v < 0 || v > 255) {
                throw new IllegalArgumentException("version parts are bytes");
            }
        }
        this.version = new byte[] {(byte) major, (byte) minor, (byte) patch};
        return this;
    }

    public PivCardBuilder serial(int serial) {
        if (serial <= 0) {
            throw new IllegalArgumentException("serial must be positive");
        }
        this.serial = serial;
        return this;
    }

    public PivCardBuilder random(SecureRandom random) {
        this.random = random;
        return this;
    }

    /** 6-8 ASCII digits. */
    public PivCardBuilder pin(String digits) {
        this.pin = checked(ReferenceData.Kind.PIN, digits);
        return this;
    }

    /** 6-8 characters. */
    public PivCardBuilder puk(String value) {
        this.puk = checked(ReferenceData.Kind.PUK, value);
        return this;
    }

    private static byte[] checked(ReferenceData.Kind kind, String value) {
        byte[] padded = ReferenceData.pad(value);
        if (!ReferenceData.isWellFormed(kind, padded)) {
            throw new IllegalArgumentException(kind == ReferenceData.Kind.PIN
                    ? "a PIN is 6-8 digits" : "a PUK is 6-8 characters");
        }
        return padded;
    }

    /** Tries before the PIN blocks (1-255). */
    public PivCardBuilder pinRetries(int retries) {
        this.pinRetries = checkedRetries(retries);
        return this;
    }

    public PivCardBuilder pukRetries(int retries) {
        this.pukRetries = checkedRetries(retries);
        return this;
    }

    private static int checkedRetries(int retries) {
        if (retries < 1 || retries > ReferenceData.MAX_RETRIES) {
            throw new IllegalArgumentException("retries must be 1-" + ReferenceData.MAX_RETRIES);
        }
        return retries;
    }

    /** Management key: 3DES (24 bytes) or AES-128/192/256. The bytes are copied. */
    public PivCardBuilder managementKey(PivAlgorithm algorithm, byte[] key) {
        this.managementKey = new ManagementKey(algorithm, key, TouchPolicy.NEVER);
        return this;
    }

    /** Puts an existing key pair into a slot (origin: imported), with the slot's default PIN policy. */
    public PivCardBuilder key(PivKeyRef slot, KeyPair pair) {
        return key(slot, pair, PinPolicy.DEFAULT, TouchPolicy.DEFAULT);
    }

    public PivCardBuilder key(PivKeyRef slot, KeyPair pair, PinPolicy pinPolicy, TouchPolicy touchPolicy) {
        if (!slot.isAsymmetricSlot() || slot == PivKeyRef.ATTESTATION) {
            throw new IllegalArgumentException(slot + " does not hold a user key");
        }
        keys.put(slot, new SlotKey(SlotKey.algorithmOf(pair.getPublic()), pair, pinPolicy, touchPolicy,
                KeyOrigin.IMPORTED));
        return this;
    }

    /** Writes the slot's certificate object (70 cert, 71 00, FE) as yubico-piv-tool does. */
    public PivCardBuilder certificate(PivKeyRef slot, X509Certificate certificate) {
        if (slot.certificateObject() == 0 || slot == PivKeyRef.ATTESTATION) {
            throw new IllegalArgumentException(slot + " has no certificate object");
        }
        try {
            return object(slot.certificateObject(), CertificateContainer.of(certificate.getEncoded()).encode());
        } catch (CertificateEncodingException e) {
            throw new IllegalArgumentException("certificate does not encode", e);
        }
    }

    /** Any storable object (PIV ids, 5F0000-5FFFFF): the contents that go inside the 53 wrapper. */
    public PivCardBuilder object(int id, byte[] contents) {
        if (!DataCommands.isStorable(id)) {
            throw new IllegalArgumentException(String.format("object %X is not writable", id));
        }
        if (contents.length == 0 || contents.length > PivCardState.MAX_OBJECT_SIZE) {
            throw new IllegalArgumentException("object contents must be 1-" + PivCardState.MAX_OBJECT_SIZE + " bytes");
        }
        objects.put(id, contents.clone());
        if (id == PivObjectId.CHUID.code()) {
            chuid = false;
        }
        return this;
    }

    public PivCardBuilder object(PivObjectId id, byte[] contents) {
        return object(id.code(), contents);
    }

    /** Leave the CHUID absent (a card straight after YubiKey RESET). By default a random one is written. */
    public PivCardBuilder withoutChuid() {
        chuid = false;
        objects.remove(PivObjectId.CHUID.code());
        return this;
    }

    public PivCard build() {
        SecureRandom r = random != null ? random : new SecureRandom();
        PivCardState s = PivCardState.factoryNew(version, serial != null ? serial : PivCardState.randomSerial(r), atr);
        if (pin != null || pinRetries != PivCardState.DEFAULT_RETRIES || puk != null
                || pukRetries != PivCardState.DEFAULT_RETRIES) {
            s.resetCredentials(pinRetries, pukRetries);
            if (pin != null) {
                s.pin.change(pin, false);
            }
            if (puk != null) {
                s.puk.change(puk, false);
            }
        }
        if (managementKey != null) {
            s.managementKey = managementKey;
        }
        s.slots.putAll(keys);
        if (chuid) {
            s.objects.put(PivObjectId.CHUID.code(), Chuid.generate(r).encode());
        }
        int total = 0;
        for (Map.Entry<Integer, byte[]> e : objects.entrySet()) {
            s.objects.put(e.getKey(), e.getValue().clone());
            total += e.getValue().length;
        }
        if (total > PivCardState.MAX_TOTAL_OBJECT_BYTES) {
            throw new IllegalArgumentException("objects exceed the card's " + PivCardState.MAX_TOTAL_OBJECT_BYTES
                    + " bytes");
        }
        if (pin != null) {
            Arrays.fill(pin, (byte) 0);
        }
        if (puk != null) {
            Arrays.fill(puk, (byte) 0);
        }
        return new PivCard(s, r);
    }
}
