package dev.scbridge.card;

/**
 * Volatile security status of the PIV application (SP 800-73-4 Part 2 section 2.4, "Security Status"):
 * cleared by reset and power-off, kept across re-selection of PIV.
 */
final class SecurityStatus {
    boolean pinVerified;
    /**
     * PIN verified by the command immediately before: what a PIN-Always key (9C) needs. Any APDU after the VERIFY
     * other than the pieces of one GENERAL AUTHENTICATE clears it, and so does that command (PivApplet and YubiKey
     * behaviour, facts/piv.md 8).
     */
    boolean pinJustVerified;
    boolean adminAuthenticated;
    /** Pending 9B challenge-response: what the next GENERAL AUTHENTICATE step must present. */
    byte[] adminExpected;
    AdminStep adminStep = AdminStep.NONE;

    enum AdminStep {
        NONE,
        /** Witness sent encrypted (tag 80); the host must return it decrypted, with its own challenge. */
        MUTUAL_WITNESS,
        /** Challenge sent in clear (tag 81); the host must return E(K, challenge) in tag 82. */
        EXTERNAL_CHALLENGE
    }

    void clearAdminChallenge() {
        if (adminExpected != null) {
            java.util.Arrays.fill(adminExpected, (byte) 0);
        }
        adminExpected = null;
        adminStep = AdminStep.NONE;
    }

    void clear() {
        pinVerified = false;
        pinJustVerified = false;
        adminAuthenticated = false;
        clearAdminChallenge();
    }
}
