package dev.scbridge.pcsc.virtual;

import dev.scbridge.card.CardEdge;
import dev.scbridge.pcsc.Pcsc;
import dev.scbridge.pcsc.PcscContext;
import dev.scbridge.pcsc.Scard;
import dev.scbridge.pcsc.ScardError;
import dev.scbridge.pcsc.ScardException;
import dev.scbridge.pcsc.SharedTimer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;

/**
 * An in-process PC/SC resource manager whose readers hold {@link CardEdge} cards (design.md, PC/SC model). It
 * follows WinSCard / pcsc-lite semantics: share modes, transactions, dispositions, event counters, the
 * {@link Scard#PNP_NOTIFICATION} pseudo reader, attributes.
 *
 * <p>Choices where WinSCard and pcsc-lite differ, or where a blocking call had to become asynchronous:
 * <ul>
 *   <li>BeginTransaction while another handle holds one: the returned future stays pending (WinSCard blocks);
 *       it completes when the holder ends its transaction or disconnects, and fails with
 *       {@code SCARD_W_REMOVED_CARD} if the card goes.</li>
 *   <li>Transmit, Control or SetAttrib from another handle during a transaction: {@code SCARD_E_SHARING_VIOLATION}
 *       at once (pcsc-lite's RFCheckSharing), never a wait.</li>
 *   <li>The PnP entry's high word is the number of readers (MS-RDPESC 2.2.7, Windows); with a high word of 0 the
 *       call waits for the count to change from its value when the call started (pcsc-lite never flags a change
 *       against an unknown count).</li>
 *   <li>{@link Scard#EJECT_CARD} removes the card from its reader, as a motorised reader would.</li>
 *   <li>Unpowering leaves the card unpowered ({@link Scard#STATE_UNPOWERED}) until the next connect, reconnect
 *       or transmit powers it; other handles see {@code SCARD_W_RESET_CARD} as for a reset.</li>
 * </ul>
 *
 * <p>Threading: one lock per instance guards everything, the card's APDU processing included (the card is
 * thread-confined, design.md). Futures are completed after the lock is released; no thread is started per
 * context or call, timeouts run on {@link SharedTimer}.
 */
public final class VirtualPcsc implements Pcsc {
    private static final Logger LOG = LoggerFactory.getLogger(VirtualPcsc.class);

    /** Readers per instance: pcsc-lite's PCSCLITE_MAX_READERS_CONTEXTS. */
    public static final int MAX_READERS = 16;
    /** Longest reader name: pcsc-lite's MAX_READERNAME. */
    public static final int MAX_READER_NAME_LENGTH = 128;
    /** Open contexts per instance (a Windows logon uses two or three; design.md: bounded per session). */
    public static final int MAX_CONTEXTS = 32;
    /** Card handles per context: pcsc-lite's PCSCLITE_MAX_APPLICATION_CONTEXT_CHANNELS. */
    public static final int MAX_HANDLES_PER_CONTEXT = 16;
    /** Parked status-change calls plus waiting BeginTransactions per instance (design.md: bounded pending calls). */
    public static final int MAX_PENDING_CALLS = 32;

    final Object lock = new Object();
    final ScheduledExecutorService timer;
    private final Map<String, VirtualReader> readers = new LinkedHashMap<>();
    final List<VirtualContext> contexts = new ArrayList<>();
    private int nextReaderIndex;

    /** An instance whose timeouts run on the JVM's {@link SharedTimer}. */
    public VirtualPcsc() {
        this(SharedTimer.get());
    }

    /** An instance whose timeouts run on the given scheduler. */
    public VirtualPcsc(ScheduledExecutorService timer) {
        this.timer = Objects.requireNonNull(timer, "timer");
    }

    @Override
    public PcscContext establishContext(int scope) throws ScardException {
        if (scope != Scard.SCOPE_USER && scope != Scard.SCOPE_TERMINAL && scope != Scard.SCOPE_SYSTEM) {
            throw new ScardException(ScardError.E_INVALID_VALUE, "scope " + scope);
        }
        synchronized (lock) {
            if (contexts.size() >= MAX_CONTEXTS) {
                throw new ScardException(ScardError.E_NO_MEMORY, "more than " + MAX_CONTEXTS + " contexts");
            }
            VirtualContext context = new VirtualContext(this);
            contexts.add(context);
            return context;
        }
    }

    /** Adds an empty reader; the PnP reader count changes, waking status-change calls watching it. */
    public void addReader(String name) {
        Objects.requireNonNull(name, "name");
        if (name.isEmpty() || name.length() > MAX_READER_NAME_LENGTH || name.equals(Scard.PNP_NOTIFICATION)) {
            throw new IllegalArgumentException("bad reader name: \"" + name + "\"");
        }
        List<Runnable> completions = new ArrayList<>();
        synchronized (lock) {
            if (readers.containsKey(name)) {
                throw new IllegalArgumentException("duplicate reader " + name);
            }
            if (readers.size() >= MAX_READERS) {
                throw new IllegalStateException("more than " + MAX_READERS + " readers");
            }
            readers.put(name, new VirtualReader(name, nextReaderIndex++));
            stateChanged(completions);
        }
        LOG.debug("reader added: {}", name);
        completions.forEach(Runnable::run);
    }

    /** Removes a reader (its card first): handles on it fail, status-change calls watching it wake. */
    public void removeReader(String name) {
        List<Runnable> completions = new ArrayList<>();
        synchronized (lock) {
            VirtualReader reader = requireReader(name);
            if (reader.hasCard()) {
                detachCard(reader, completions);
            }
            reader.attached = false;
            readers.remove(name);
            stateChanged(completions);
        }
        LOG.debug("reader removed: {}", name);
        completions.forEach(Runnable::run);
    }

    /** Inserts a card (powered, protocol not yet negotiated): the reader's event counter goes up. */
    public void insertCard(String readerName, CardEdge card) {
        Objects.requireNonNull(card, "card");
        List<Runnable> completions = new ArrayList<>();
        synchronized (lock) {
            VirtualReader reader = requireReader(readerName);
            if (reader.hasCard()) {
                throw new IllegalStateException("reader " + readerName + " already holds a card");
            }
            reader.card = card;
            reader.powered = true;
            reader.protocol = Scard.PROTOCOL_UNDEFINED;
            reader.insertions++;
            reader.eventCounter = (reader.eventCounter + 1) & 0xFFFF;
            stateChanged(completions);
        }
        LOG.debug("card inserted into {}", readerName);
        completions.forEach(Runnable::run);
    }

    /**
     * Removes the card (powering it off, as pulling it out would): handles bound to it fail with
     * {@code SCARD_W_REMOVED_CARD}, a waiting BeginTransaction too.
     *
     * @return the card that was in the reader
     */
    public CardEdge removeCard(String readerName) {
        List<Runnable> completions = new ArrayList<>();
        CardEdge card;
        synchronized (lock) {
            VirtualReader reader = requireReader(readerName);
            if (!reader.hasCard()) {
                throw new IllegalStateException("reader " + readerName + " is empty");
            }
            card = detachCard(reader, completions);
            stateChanged(completions);
        }
        LOG.debug("card removed from {}", readerName);
        completions.forEach(Runnable::run);
        return card;
    }

    /** The reader names, in the order they were added. */
    public List<String> readerNames() {
        synchronized (lock) {
            return List.copyOf(readers.keySet());
        }
    }

    // --- package-private machinery, called with the lock held

    VirtualReader reader(String name) {
        return readers.get(name);
    }

    int readerCount() {
        return readers.size();
    }

    int pendingCount() {
        int n = 0;
        for (VirtualContext c : contexts) {
            n += c.pending.size();
        }
        for (VirtualReader r : readers.values()) {
            n += r.transactionWaiters.size();
        }
        return n;
    }

    private VirtualReader requireReader(String name) {
        VirtualReader reader = readers.get(name);
        if (reader == null) {
            throw new IllegalArgumentException("no reader " + name);
        }
        return reader;
    }

    /** Takes the card out: powered off, transaction dropped, waiters failed. */
    CardEdge detachCard(VirtualReader reader, List<Runnable> completions) {
        CardEdge card = reader.card;
        card.powerOff();
        reader.card = null;
        reader.powered = false;
        reader.protocol = Scard.PROTOCOL_UNDEFINED;
        reader.insertions++;
        reader.eventCounter = (reader.eventCounter + 1) & 0xFFFF;
        reader.transactionOwner = null;
        reader.transactionDepth = 0;
        while (!reader.transactionWaiters.isEmpty()) {
            VirtualReader.TransactionWaiter w = reader.transactionWaiters.poll();
            completions.add(() -> w.future().completeExceptionally(new ScardException(ScardError.W_REMOVED_CARD)));
        }
        return card;
    }

    /** Re-evaluates every parked status-change call after a reader or card event. */
    void stateChanged(List<Runnable> completions) {
        for (VirtualContext context : contexts) {
            context.reevaluate(completions);
        }
    }
}
