package dev.scbridge.pcsc.smartcardio;

import dev.scbridge.pcsc.Pcsc;
import dev.scbridge.pcsc.PcscContext;
import dev.scbridge.pcsc.Scard;
import dev.scbridge.pcsc.ScardError;
import dev.scbridge.pcsc.ScardException;
import dev.scbridge.pcsc.SharedTimer;

import javax.smartcardio.TerminalFactory;
import java.util.Objects;

/**
 * The PC/SC model over any {@link TerminalFactory} (SunPCSC, jnasmartcardio). Lossy, by what javax.smartcardio
 * exposes; use {@code nativ.NativePcsc} where transparency matters (the RDP redirect path, design.md):
 * <ul>
 *   <li>transmit goes through {@code CardChannel.transmit}: SunPCSC answers {@code 61xx} with GET RESPONSE and
 *       {@code 6Cxx} with a re-send itself (unless {@code sun.security.smartcardio.t0GetResponse} /
 *       {@code t1GetResponse} are false); jnasmartcardio 0.2.7 receives at most 8 KB;</li>
 *   <li>no PnP events: {@link Scard#PNP_NOTIFICATION} is answered from the number of terminals at each poll;</li>
 *   <li>reader states know only EMPTY / PRESENT (no INUSE, EXCLUSIVE, ATR); event counters count the changes this
 *       adapter observed between polls ({@link #POLL_INTERVAL_MILLIS});</li>
 *   <li>no share modes: EXCLUSIVE connects shared; DIRECT maps to the "DIRECT" protocol where the provider has it;</li>
 *   <li>dispositions: only disconnect can reset (LEAVE leaves, anything else resets); EndTransaction and
 *       Reconnect ignore theirs;</li>
 *   <li>attributes: only {@link Scard#ATTR_ATR_STRING}; error codes are recovered from exception messages.</li>
 * </ul>
 */
public final class SmartcardioPcsc implements Pcsc {
    /** How often a pending status change polls {@code isCardPresent}. */
    public static final long POLL_INTERVAL_MILLIS = 100;
    /** Pending status-change calls per instance. */
    public static final int MAX_PENDING_CALLS = 64;

    final TerminalFactory factory;
    final PresenceTracker tracker = new PresenceTracker();
    final java.util.concurrent.atomic.AtomicInteger pending = new java.util.concurrent.atomic.AtomicInteger();

    public SmartcardioPcsc(TerminalFactory factory) {
        this.factory = Objects.requireNonNull(factory, "factory");
    }

    @Override
    public PcscContext establishContext(int scope) throws ScardException {
        if (scope != Scard.SCOPE_USER && scope != Scard.SCOPE_TERMINAL && scope != Scard.SCOPE_SYSTEM) {
            throw new ScardException(ScardError.E_INVALID_VALUE, "scope " + scope);
        }
        return new SmartcardioContext(this, SharedTimer.get());
    }
}
