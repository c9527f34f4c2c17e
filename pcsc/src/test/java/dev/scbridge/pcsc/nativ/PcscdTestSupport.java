package dev.scbridge.pcsc.nativ;

/** Lets tests in other packages use {@link PcscdFixture} (package-private to keep it out of the API). */
public final class PcscdTestSupport {
    private PcscdTestSupport() {
    }

    /** Starts (or finds) the private pcscd; the returned handle stops what it started. */
    public static AutoCloseable start() {
        return PcscdFixture.start();
    }

    /** vpcd's TCP port for the fixture. */
    public static int vpcdPort(AutoCloseable fixture) {
        return ((PcscdFixture) fixture).vpcdPort;
    }
}
