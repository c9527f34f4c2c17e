package dev.scbridge.pcsc.nativ;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import dev.scbridge.pcsc.Pcsc;
import dev.scbridge.pcsc.PcscContext;
import dev.scbridge.pcsc.Scard;
import dev.scbridge.pcsc.ScardError;
import dev.scbridge.pcsc.ScardException;
import dev.scbridge.pcsc.SharedTimer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.ScheduledExecutorService;

/**
 * The platform's PC/SC library through JNA: libpcsclite.so.1 (Linux; honours {@code PCSCLITE_CSOCK_NAME}),
 * winscard.dll (Windows) or PCSC.framework (macOS), laid out per {@link NativeLayout}. Codes and numbers are
 * translated to Windows' ({@link NativeErrors}), so this backend can answer MS-RDPESC directly (smart-card
 * redirection).
 *
 * <p>Status changes are not waited for in a blocked native call (pcsc-lite holds the context's lock for the
 * whole wait, and that would need a thread per pending call): a pending {@code getStatusChange} is polled with
 * timeout 0 on {@link SharedTimer} every {@link #POLL_INTERVAL_MILLIS} ms through one monitor context per
 * instance. Event counters in the high word make a remove-and-reinsert between two polls visible. The
 * {@link Scard#PNP_NOTIFICATION} entry is answered from the reader count, as Windows does, on every platform.
 * BeginTransaction blocks the caller (the libraries have no asynchronous form); its future is already complete.
 */
public final class NativePcsc implements Pcsc, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(NativePcsc.class);

    /** How often a pending status change is polled: event latency against the cost of a pcscd round trip. */
    public static final long POLL_INTERVAL_MILLIS = 50;
    /** Pending status-change calls per instance (design.md: bounded pending calls). */
    public static final int MAX_PENDING_CALLS = 64;

    final Winscard winscard;
    final ScheduledExecutorService timer;
    private NativeContext monitor;
    final java.util.concurrent.atomic.AtomicInteger pending = new java.util.concurrent.atomic.AtomicInteger();

    private NativePcsc(Winscard winscard, ScheduledExecutorService timer) {
        this.winscard = winscard;
        this.timer = timer;
    }

    /**
     * Loads the platform's library.
     *
     * @throws ScardException {@code SCARD_E_NO_SERVICE} if the library cannot be loaded
     */
    public static NativePcsc open() throws ScardException {
        return open(NativeLayout.current());
    }

    static NativePcsc open(NativeLayout layout) throws ScardException {
        try {
            return new NativePcsc(Winscard.load(layout), SharedTimer.get());
        } catch (UnsatisfiedLinkError e) {
            throw new ScardException(ScardError.E_NO_SERVICE, "cannot load the PC/SC library: " + e.getMessage());
        }
    }

    /** The layout in use. */
    public NativeLayout layout() {
        return winscard.layout;
    }

    @Override
    public PcscContext establishContext(int scope) throws ScardException {
        if (scope != Scard.SCOPE_USER && scope != Scard.SCOPE_TERMINAL && scope != Scard.SCOPE_SYSTEM) {
            throw new ScardException(ScardError.E_INVALID_VALUE, "scope " + scope);
        }
        Memory out = winscard.handleOut();
        int rv = winscard.call("SCardEstablishContext", winscard.dword(scope), Pointer.NULL, Pointer.NULL, out);
        NativeErrors.check(winscard.layout, rv, "SCardEstablishContext", false);
        long handle = winscard.readHandle(out);
        LOG.debug("native context 0x{} established", Long.toHexString(handle));
        return new NativeContext(this, handle);
    }

    /** Releases the polling context (contexts handed out stay the caller's to release). */
    @Override
    public synchronized void close() {
        if (monitor != null) {
            monitor.close();
            monitor = null;
        }
    }

    /** The context used to poll status changes, established on first use. */
    synchronized NativeContext monitor() throws ScardException {
        if (monitor == null || !monitor.isValid()) {
            monitor = (NativeContext) establishContext(Scard.SCOPE_SYSTEM);
        }
        return monitor;
    }
}
