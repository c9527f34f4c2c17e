package dev.scbridge.card;

import dev.scbridge.apdu.piv.PivAlgorithm;
import dev.scbridge.apdu.piv.PivKeyRef;
import java.security.SecureRandom;
import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The card's non-volatile memory: PIN, PUK, management key, slot keys and data objects, version and serial.
 * What {@link CardStateFile} saves and loads. Package-private: nothing outside the card reaches the keys.
 */
final class PivCardState {
    /** YubiKey data object capacity (Yubico .NET SDK cert-size; yubico-piv-tool internal.h CB_OBJ_MAX 3063). */
    static final int MAX_OBJECT_SIZE = 3063;
    /** Total object storage of a YubiKey 5 (Yubico .NET SDK: about 51,200 bytes of NVM). */
    static final int MAX_TOTAL_OBJECT_BYTES = 51_200;
    static final int DEFAULT_RETRIES = 3;

    byte[] version;
    int serial;
    byte[] atr;
    ReferenceData pin;
    ReferenceData puk;
    ManagementKey managementKey;
    final Map<PivKeyRef, SlotKey> slots = new EnumMap<>(PivKeyRef.class);
    /** Object id → contents inside the 53 wrapper. */
    final Map<Integer, byte[]> objects = new TreeMap<>();

    static PivCardState factoryNew(byte[] version, int serial, byte[] atr) {
        PivCardState s = new PivCardState();
        s.version = version.clone();
        s.serial = serial;
        s.atr = atr.clone();
        s.resetCredentials(DEFAULT_RETRIES, DEFAULT_RETRIES);
        s.managementKey = ManagementKey.factoryDefault();
        return s;
    }

    /** PIN 123456 and PUK 12345678, as on a new YubiKey (Yubico .NET SDK pin-puk-mgmt-key). */
    void resetCredentials(int pinRetries, int pukRetries) {
        if (pin != null) {
            pin.wipe();
        }
        if (puk != null) {
            puk.wipe();
        }
        pin = new ReferenceData(ReferenceData.Kind.PIN, ReferenceData.pad("123456"), pinRetries, true);
        puk = new ReferenceData(ReferenceData.Kind.PUK, ReferenceData.pad("12345678"), pukRetries, true);
    }

    int objectBytes() {
        int n = 0;
        for (byte[] v : objects.values()) {
            n += v.length;
        }
        return n;
    }

    /** YubiKey RESET (INS FB): keys, certificates and objects go; the attestation key and its certificate stay. */
    void factoryReset() {
        SlotKey attestation = slots.get(PivKeyRef.ATTESTATION);
        byte[] attestationCert = objects.get(PivKeyRef.ATTESTATION.certificateObject());
        slots.clear();
        objects.clear();
        if (attestation != null) {
            slots.put(PivKeyRef.ATTESTATION, attestation);
        }
        if (attestationCert != null) {
            objects.put(PivKeyRef.ATTESTATION.certificateObject(), attestationCert);
        }
        resetCredentials(DEFAULT_RETRIES, DEFAULT_RETRIES);
        managementKey.wipe();
        managementKey = ManagementKey.factoryDefault();
    }

    static int randomSerial(SecureRandom random) {
        // Positive and 8 digits or fewer, like a YubiKey serial.
        return 10_000_000 + random.nextInt(89_999_999);
    }

    PivAlgorithm managementAlgorithm() {
        return managementKey.algorithm();
    }

    void wipe() {
        pin.wipe();
        puk.wipe();
        managementKey.wipe();
        slots.clear();
        objects.clear();
    }
}
