package dev.scbridge.pcsc.piv;

/**
 * The three bytes of YubiKey GET VERSION (INS FD; Yubico .NET SDK PIV APDU "version"): major, minor, patch.
 * Hosts gate features on it (facts/piv.md section 6, "Client version gates").
 */
public record FirmwareVersion(int major, int minor, int patch) implements Comparable<FirmwareVersion> {
    /** GET METADATA exists from 5.3 (yubikit FEATURE_METADATA). */
    public static final FirmwareVersion METADATA = new FirmwareVersion(5, 3, 0);
    /** GET SERIAL from 5.0 (ykman 5.0.3). */
    public static final FirmwareVersion SERIAL = new FirmwareVersion(5, 0, 0);
    /** MOVE KEY / delete key from 5.7 (yubico-piv-tool ykpiv_move_key). */
    public static final FirmwareVersion MOVE_KEY = new FirmwareVersion(5, 7, 0);

    public FirmwareVersion {
        if (major < 0 || major > 255 || minor < 0 || minor > 255 || patch < 0 || patch > 255) {
            throw new IllegalArgumentException("version parts are bytes: " + major + "." + minor + "." + patch);
        }
    }

    public boolean isAtLeast(FirmwareVersion other) {
        return compareTo(other) >= 0;
    }

    @Override
    public int compareTo(FirmwareVersion o) {
        return Integer.compare((major << 16) | (minor << 8) | patch, (o.major << 16) | (o.minor << 8) | o.patch);
    }

    @Override
    public String toString() {
        return major + "." + minor + "." + patch;
    }
}
