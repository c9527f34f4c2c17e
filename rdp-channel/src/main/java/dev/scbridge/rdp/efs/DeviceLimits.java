package dev.scbridge.rdp.efs;

/** Bounds shared by the device list PDUs. */
final class DeviceLimits {
    /**
     * Upper bound for DeviceCount in Device List Announce / Remove. The spec gives none; we announce one card
     * and a client redirecting every drive letter, port and printer stays well below 256.
     */
    static final int MAX_DEVICE_COUNT = 256;

    private DeviceLimits() {
    }
}
