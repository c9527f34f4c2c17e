package dev.scbridge.rdp.scard;

import dev.scbridge.pcsc.CardHandle;
import dev.scbridge.pcsc.CardStatus;
import dev.scbridge.pcsc.Pcsc;
import dev.scbridge.pcsc.PcscContext;
import dev.scbridge.pcsc.ReaderState;
import dev.scbridge.pcsc.Scard;
import dev.scbridge.pcsc.ScardError;
import dev.scbridge.pcsc.ScardException;
import dev.scbridge.pcsc.SharedTimer;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * WinSCard for one RDP session, in Windows terms (MS-RDPESC 3.1.4), over a {@link Pcsc} backend. It knows nothing
 * of NDR: a dispatcher maps each decoded IOCTL to one method here and builds the *_Return from its result or from
 * the {@link ScardException#code()} it throws (asynchronous calls: the future's exceptional {@link ScardException}).
 *
 * <p>Ids: contexts and handles are {@link ScardId}s of 8 random bytes, valid in this session only. An id that is not
 * one of ours, a handle used with another context than its own, and anything of a released context are
 * {@code SCARD_E_INVALID_HANDLE}. Each context owns one backend context; releasing it disconnects its handles.
 *
 * <p>Readers: only names the {@link ReaderFilter} accepts exist for the session; others are unknown readers.
 * See {@link StatusQuery} for how reader states are presented (PnP, event counts), {@link ReaderDatabase} for the
 * reader/group database, {@link CardCache} for Read/WriteCache, {@link ScardLimits} for the bounds.
 *
 * <p>After {@link #close()} (MS-RDPESC 3.1.6: Cancel, then ReleaseContext, for every context) every id is gone
 * ({@code SCARD_E_INVALID_HANDLE}) and EstablishContext answers {@code SCARD_E_NO_SERVICE}: the session's resource
 * manager has stopped.
 *
 * <p>Threading: one feeding thread plus backend and timer threads completing futures. State lives in concurrent
 * maps; the one lock guards limit checks and is never held across a backend call or a future.
 */
public final class ScardService implements AutoCloseable {
    private final Pcsc backend;
    private final ReaderFilter filter;
    private final ScardLimits limits;
    private final ScardOptions options;
    private final ScheduledExecutorService timer;
    private final SecureRandom random;
    private final Object lock = new Object();
    private final Map<ScardId, SessionContext> contexts = new ConcurrentHashMap<>();
    private final ReaderDatabase database;
    private final CardCache cache;
    /** Transmits per backend reader since the session began (SCardGetTransmitCount). */
    private final Map<String, AtomicInteger> transmitCounts = new ConcurrentHashMap<>();
    private final AtomicInteger pending = new AtomicInteger();
    private int reservedContexts;
    private volatile boolean closed;

    /** A service with the default limits and options. */
    public ScardService(Pcsc backend, ReaderFilter filter) {
        this(backend, filter, ScardLimits.DEFAULTS, ScardOptions.DEFAULTS, SharedTimer.get());
    }

    public ScardService(Pcsc backend, ReaderFilter filter, ScardLimits limits, ScardOptions options) {
        this(backend, filter, limits, options, SharedTimer.get());
    }

    public ScardService(Pcsc backend, ReaderFilter filter, ScardLimits limits, ScardOptions options,
                        ScheduledExecutorService timer) {
        this(backend, filter, limits, options, timer, new SecureRandom());
    }

    /**
     * @param idSource where context and handle ids come from; anything but a fresh {@code SecureRandom} makes them
     *                 guessable, so only deterministic replays (benchmarks re-feeding recorded PDUs) pass a seeded one
     */
    public ScardService(Pcsc backend, ReaderFilter filter, ScardLimits limits, ScardOptions options,
                        ScheduledExecutorService timer, SecureRandom idSource) {
        this.random = Objects.requireNonNull(idSource, "idSource");
        this.backend = Objects.requireNonNull(backend, "backend");
        this.filter = Objects.requireNonNull(filter, "filter");
        this.limits = Objects.requireNonNull(limits, "limits");
        this.options = Objects.requireNonNull(options, "options");
        this.timer = Objects.requireNonNull(timer, "timer");
        this.database = new ReaderDatabase(limits);
        this.cache = new CardCache(limits);
    }

    // --- contexts

    /** SCardEstablishContext (MS-RDPESC 2.2.2.1): {@code SCARD_E_INVALID_VALUE} for a bad scope. */
    public ScardId establishContext(int scope) throws ScardException {
        if (scope != Scard.SCOPE_USER && scope != Scard.SCOPE_TERMINAL && scope != Scard.SCOPE_SYSTEM) {
            throw new ScardException(ScardError.E_INVALID_VALUE, "scope " + scope);
        }
        synchronized (lock) {
            if (closed) {
                throw new ScardException(ScardError.E_NO_SERVICE, "session closed");
            }
            if (contexts.size() + reservedContexts >= limits.contextsPerSession()) {
                throw new ScardException(ScardError.E_NO_MEMORY, "more than " + limits.contextsPerSession() + " contexts");
            }
            reservedContexts++;
        }
        PcscContext ctx = null;
        try {
            ctx = backend.establishContext(scope);
            synchronized (lock) {
                if (closed) {
                    throw new ScardException(ScardError.E_NO_SERVICE, "session closed");
                }
                ScardId id;
                do {
                    id = ScardId.random(random);
                } while (contexts.containsKey(id));
                contexts.put(id, new SessionContext(id, ctx));
                ctx = null;
                return id;
            }
        } finally {
            synchronized (lock) {
                reservedContexts--;
            }
            if (ctx != null) {
                ctx.close();
            }
        }
    }

    /** SCardReleaseContext: parked calls end with {@code SCARD_E_CANCELLED}, the context's handles are gone. */
    public void releaseContext(ScardId context) throws ScardException {
        SessionContext c = contexts.remove(Objects.requireNonNull(context, "context"));
        if (c == null) {
            throw invalid(context);
        }
        release(c);
    }

    private void release(SessionContext c) throws ScardException {
        c.released = true;
        cancelAll(c);
        c.handles.clear();
        try {
            c.backend.release();
        } catch (ScardException e) {
            if (!e.is(ScardError.E_INVALID_HANDLE)) {
                throw e;
            }
        }
    }

    /** SCardIsValidContext: returns normally, or throws {@code SCARD_E_INVALID_HANDLE}. */
    public void isValidContext(ScardId context) throws ScardException {
        context(context);
    }

    /** SCardCancel (MS-RDPESC 3.1.4.27): the context's parked GetStatusChange calls end with {@code SCARD_E_CANCELLED}. */
    public void cancel(ScardId context) throws ScardException {
        cancelAll(context(context));
    }

    private static void cancelAll(SessionContext c) {
        c.cancelEpoch.incrementAndGet();
        for (StatusChangeCall call : List.copyOf(c.pending)) {
            call.cancel();
        }
    }

    /** SCardAccessStartedEvent (MS-RDPESC 2.2.2.30): the resource manager is running; always success. */
    public void accessStartedEvent() {
        // nothing to wait for: the backend exists when the session does
    }

    /** Cancel, then release, every context (MS-RDPESC 3.1.6); idempotent. */
    @Override
    public void close() {
        List<SessionContext> all;
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            all = new ArrayList<>(contexts.values());
            contexts.clear();
        }
        for (SessionContext c : all) {
            cancelAll(c);
        }
        for (SessionContext c : all) {
            try {
                release(c);
            } catch (ScardException e) {
                // the backend context is gone either way; nothing more to free
            }
        }
        cache.clear();
        database.clear();
    }

    // --- readers and groups

    /** SCardListReaderGroups: the backend's groups, then the introduced ones. */
    public List<String> listReaderGroups(ScardId context) throws ScardException {
        SessionContext c = context(context);
        Set<String> groups = new LinkedHashSet<>(c.backend.listReaderGroups());
        groups.addAll(database.groups());
        return List.copyOf(groups);
    }

    /**
     * SCardListReaders: readers in the groups (empty, {@code SCard$AllReaders} or {@code SCard$DefaultReaders} = all
     * exposed readers and introduced names); {@code SCARD_E_NO_READERS_AVAILABLE} when none match, unknown groups
     * included.
     */
    public List<String> listReaders(ScardId context, List<String> groups) throws ScardException {
        SessionContext c = context(context);
        List<String> names = database.readers(List.copyOf(groups), exposed(c));
        if (names.isEmpty()) {
            throw new ScardException(ScardError.E_NO_READERS_AVAILABLE);
        }
        return names;
    }

    public void introduceReaderGroup(ScardId context, String group) throws ScardException {
        context(context);
        database.introduceGroup(group);
    }

    public void forgetReaderGroup(ScardId context, String group) throws ScardException {
        context(context);
        database.forgetGroup(group);
    }

    public void introduceReader(ScardId context, String reader, String device) throws ScardException {
        database.introduceReader(reader, device, exposed(context(context)));
    }

    public void forgetReader(ScardId context, String reader) throws ScardException {
        database.forgetReader(reader, exposed(context(context)));
    }

    public void addReaderToGroup(ScardId context, String reader, String group) throws ScardException {
        database.addToGroup(reader, group, exposed(context(context)));
    }

    public void removeReaderFromGroup(ScardId context, String reader, String group) throws ScardException {
        database.removeFromGroup(reader, group, exposed(context(context)));
    }

    /** The backend readers this session exposes, in backend order. */
    private List<String> exposed(SessionContext c) throws ScardException {
        try {
            return c.backend.listReaders().stream().filter(filter).toList();
        } catch (ScardException e) {
            if (e.is(ScardError.E_NO_READERS_AVAILABLE)) {
                return List.of();
            }
            throw e;
        }
    }

    /** The backend reader a name stands for, if the session exposes it. */
    private String device(SessionContext c, String name) throws ScardException {
        String device = database.resolve(Objects.requireNonNull(name, "reader"));
        if (!filter.test(device) || !exposed(c).contains(device)) {
            throw new ScardException(ScardError.E_UNKNOWN_READER, name);
        }
        return device;
    }

    // --- status change and locate

    /**
     * SCardGetStatusChange (MS-RDPESC 3.1.4, GETSTATUSCHANGEA/W). The future completes with
     * {@link StatusChangeResult} (success, or {@code SCARD_E_TIMEOUT} with the states) or exceptionally with
     * {@code SCARD_E_CANCELLED} (Cancel, ReleaseContext, close), {@code SCARD_E_INVALID_HANDLE},
     * {@code SCARD_E_INVALID_VALUE} (more than {@link ScardLimits#readerStatesPerCall()} entries or a timeout beyond
     * {@link Scard#INFINITE}), {@code SCARD_E_NO_MEMORY} (pending-call limit).
     *
     * @param timeoutMillis dwTimeOut: 0 polls, {@link Scard#INFINITE} (0xFFFFFFFF) never times out
     */
    public CompletableFuture<StatusChangeResult> getStatusChange(ScardId context, long timeoutMillis,
                                                                 List<ReaderState> states) {
        SessionContext c;
        try {
            c = context(context);
            if (states.size() > limits.readerStatesPerCall()) {
                throw new ScardException(ScardError.E_INVALID_VALUE,
                        states.size() + " reader states (max " + limits.readerStatesPerCall() + ")");
            }
            if (timeoutMillis < 0 || timeoutMillis > Scard.INFINITE) {
                throw new ScardException(ScardError.E_INVALID_VALUE, "timeout " + timeoutMillis);
            }
        } catch (ScardException e) {
            return CompletableFuture.failedFuture(e);
        }
        StatusQuery query = new StatusQuery(states, database::resolve, filter, options);
        return new StatusChangeCall(this, c, query, timeoutMillis, timer).start();
    }

    /**
     * SCardLocateCards (MS-RDPESC 3.1.4, LOCATECARDSA/W): there is no card-name database (Windows' calais registry
     * is not redirected), so no name ever matches: the answer is the reader states, compared as GetStatusChange does,
     * without {@link Scard#STATE_ATRMATCH}. Windows' PIV logon does not call it (trace).
     */
    public List<ReaderState> locateCards(ScardId context, List<String> cardNames, List<ReaderState> states)
            throws ScardException {
        Objects.requireNonNull(cardNames, "cardNames");
        return locate(context, List.of(), states);
    }

    /**
     * SCardLocateCardsByATR (MS-RDPESC 3.1.4, LOCATECARDSBYATRA/W): the reader states, with
     * {@link Scard#STATE_ATRMATCH} where a present card's ATR matches one of the masks.
     */
    public List<ReaderState> locateCardsByAtr(ScardId context, List<AtrMask> masks, List<ReaderState> states)
            throws ScardException {
        if (masks.size() > limits.atrMasks()) {
            throw new ScardException(ScardError.E_INVALID_VALUE, masks.size() + " ATR masks (max " + limits.atrMasks() + ")");
        }
        return locate(context, List.copyOf(masks), states);
    }

    private List<ReaderState> locate(ScardId context, List<AtrMask> masks, List<ReaderState> states)
            throws ScardException {
        SessionContext c = context(context);
        if (states.size() > limits.locateReaderStates()) {
            throw new ScardException(ScardError.E_INVALID_VALUE,
                    states.size() + " reader states (max " + limits.locateReaderStates() + ")");
        }
        StatusQuery query = new StatusQuery(states, database::resolve, filter, options);
        StatusQuery.Snapshot snap = PcscContext.await(query.snapshot(c.backend));
        List<ReaderState> out = new ArrayList<>();
        for (ReaderState s : query.evaluate(snap, null).states()) {
            int evt = s.eventState();
            if ((evt & Scard.STATE_PRESENT) != 0 && masks.stream().anyMatch(m -> m.matches(s.atr()))) {
                evt |= Scard.STATE_ATRMATCH;
            }
            out.add(s.withEvent(evt, s.atr()));
        }
        return List.copyOf(out);
    }

    void registerPending(SessionContext c, StatusChangeCall call) throws ScardException {
        if (pending.incrementAndGet() > limits.pendingCalls()) {
            pending.decrementAndGet();
            throw new ScardException(ScardError.E_NO_MEMORY, "more than " + limits.pendingCalls() + " pending calls");
        }
        c.pending.add(call);
        if (c.released) {
            call.cancel();
        }
    }

    void unregisterPending(SessionContext c, StatusChangeCall call) {
        if (c.pending.remove(call)) {
            pending.decrementAndGet();
        }
    }

    /** Parked GetStatusChange and BeginTransaction calls of the session (for tests and metrics). */
    public int pendingCalls() {
        return pending.get();
    }

    // --- card handles

    /** SCardConnect: {@code SCARD_E_UNKNOWN_READER} for a name the session does not expose. */
    public Connection connect(ScardId context, String reader, int shareMode, int preferredProtocols)
            throws ScardException {
        SessionContext c = context(context);
        String device = device(c, reader);
        synchronized (lock) {
            if (c.handles.size() + c.reservedHandles >= limits.handlesPerContext()) {
                throw new ScardException(ScardError.E_NO_MEMORY, "more than " + limits.handlesPerContext() + " handles");
            }
            c.reservedHandles++;
        }
        try {
            CardHandle h = c.backend.connect(device, shareMode, preferredProtocols);
            ScardId id;
            synchronized (lock) {
                do {
                    id = ScardId.random(random);
                } while (c.handles.containsKey(id));
                c.handles.put(id, new SessionContext.Handle(id, c, h, reader, device));
            }
            if (c.released) {
                c.handles.remove(id);
                h.close();
                throw invalid(context);
            }
            return new Connection(id, h.activeProtocol());
        } finally {
            synchronized (lock) {
                c.reservedHandles--;
            }
        }
    }

    /** SCardReconnect: the new active protocol. */
    public int reconnect(ScardId context, ScardId handle, int shareMode, int preferredProtocols, int initialization)
            throws ScardException {
        return handle(context, handle).backend().reconnect(shareMode, preferredProtocols, initialization);
    }

    /** SCardDisconnect: the handle is gone afterwards (also when the backend had already dropped it). */
    public void disconnect(ScardId context, ScardId handle, int disposition) throws ScardException {
        SessionContext.Handle h = handle(context, handle);
        try {
            h.backend().disconnect(disposition);
        } catch (ScardException e) {
            if (!e.is(ScardError.E_INVALID_HANDLE)) {
                throw e;
            }
        }
        h.context().handles.remove(handle);
    }

    /**
     * SCardBeginTransaction: completes when the handle holds the card; stays pending while another handle holds a
     * transaction (counted against the pending-call limit), fails when the holder's card goes or the handle is
     * disconnected or its context released.
     */
    public CompletableFuture<Void> beginTransaction(ScardId context, ScardId handle) {
        SessionContext.Handle h;
        try {
            h = handle(context, handle);
        } catch (ScardException e) {
            return CompletableFuture.failedFuture(e);
        }
        CompletableFuture<Void> begin = h.backend().beginTransactionAsync();
        if (begin.isDone()) {
            return unwrap(begin);
        }
        if (pending.incrementAndGet() > limits.pendingCalls()) {
            pending.decrementAndGet();
            begin.cancel(false);
            return CompletableFuture.failedFuture(new ScardException(ScardError.E_NO_MEMORY,
                    "more than " + limits.pendingCalls() + " pending calls"));
        }
        begin.whenComplete((r, e) -> pending.decrementAndGet());
        return unwrap(begin);
    }

    /** SCardEndTransaction with a disposition: {@code SCARD_E_NOT_TRANSACTED} without one. */
    public void endTransaction(ScardId context, ScardId handle, int disposition) throws ScardException {
        handle(context, handle).backend().endTransaction(disposition);
    }

    /** SCardStatus: reader names, Windows card state ({@link Scard#CARD_SPECIFIC} once a protocol is set), protocol, ATR. */
    public CardStatus status(ScardId context, ScardId handle) throws ScardException {
        return handle(context, handle).backend().status();
    }

    /**
     * SCardTransmit: one raw exchange. {@code sendProtocol} (ioSendPci.dwProtocol) must be the handle's active
     * protocol, or 0 (pcsc-lite's SCARD_PROTOCOL_ANY_OLD), else {@code SCARD_E_PROTO_MISMATCH} (pcsc-lite
     * SCardTransmit).
     */
    public byte[] transmit(ScardId context, ScardId handle, int sendProtocol, byte[] command) throws ScardException {
        SessionContext.Handle h = handle(context, handle);
        int active = h.backend().activeProtocol();
        if (sendProtocol != 0 && sendProtocol != active) {
            throw new ScardException(ScardError.E_PROTO_MISMATCH,
                    String.format("send protocol 0x%X on a 0x%X connection", sendProtocol, active));
        }
        byte[] response = h.backend().transmit(command);
        transmitCounts.computeIfAbsent(h.device(), d -> new AtomicInteger()).incrementAndGet();
        return response;
    }

    /** SCardGetTransmitCount: successful transmits to the handle's reader in this session. */
    public int getTransmitCount(ScardId context, ScardId handle) throws ScardException {
        AtomicInteger n = transmitCounts.get(handle(context, handle).device());
        return n == null ? 0 : n.get();
    }

    /** SCardControl. */
    public byte[] control(ScardId context, ScardId handle, int controlCode, byte[] input) throws ScardException {
        return handle(context, handle).backend().control(controlCode, input);
    }

    /**
     * SCardGetAttrib: the backend's answer; when it does not know an attribute Windows asks (facts/rdp.md sec. 4;
     * {@link FallbackAttributes#IDS}), the service's own; other ids {@code SCARD_E_UNSUPPORTED_FEATURE}.
     */
    public byte[] getAttrib(ScardId context, ScardId handle, int attributeId) throws ScardException {
        SessionContext.Handle h = handle(context, handle);
        try {
            return h.backend().getAttrib(attributeId);
        } catch (ScardException e) {
            boolean unanswered = e.is(ScardError.E_UNSUPPORTED_FEATURE) || e.is(ScardError.E_INVALID_PARAMETER)
                    || e.is(ScardError.E_INVALID_VALUE) || e.is(ScardError.F_INTERNAL_ERROR);
            if (!unanswered || !FallbackAttributes.IDS.contains(attributeId)) {
                throw e;
            }
        }
        CardStatus status = h.backend().status();
        int unit = Math.max(0, exposed(h.context()).indexOf(h.device()));
        return FallbackAttributes.get(attributeId, status, h.name(), h.device(), unit, options);
    }

    /** SCardSetAttrib. */
    public void setAttrib(ScardId context, ScardId handle, int attributeId, byte[] value) throws ScardException {
        handle(context, handle).backend().setAttrib(attributeId, value);
    }

    // --- cache, icon, device type

    /** SCardReadCache (MS-RDPESC 3.1.4.42-43): see {@link CardCache}. */
    public byte[] readCache(ScardId context, UUID cardId, int freshness, String lookupName) throws ScardException {
        context(context);
        return cache.read(cardId, freshness, lookupName);
    }

    /** SCardWriteCache (MS-RDPESC 3.1.4.44-45): see {@link CardCache}. */
    public void writeCache(ScardId context, UUID cardId, int freshness, String lookupName, byte[] data)
            throws ScardException {
        context(context);
        cache.write(cardId, freshness, lookupName, data);
    }

    /** SCardGetReaderIcon: the configured icon, else {@code SCARD_E_UNSUPPORTED_FEATURE} (Windows carried on). */
    public byte[] getReaderIcon(ScardId context, String reader) throws ScardException {
        device(context(context), reader);
        return options.readerIcon().orElseThrow(() -> new ScardException(ScardError.E_UNSUPPORTED_FEATURE, "no icon"));
    }

    /** SCardGetDeviceTypeId: {@link ScardOptions#deviceTypeId()} for every exposed reader. */
    public int getDeviceTypeId(ScardId context, String reader) throws ScardException {
        device(context(context), reader);
        return options.deviceTypeId();
    }

    // --- lookups

    private SessionContext context(ScardId id) throws ScardException {
        SessionContext c = id == null ? null : contexts.get(id);
        if (c == null || c.released) {
            throw invalid(id);
        }
        return c;
    }

    private SessionContext.Handle handle(ScardId context, ScardId handle) throws ScardException {
        SessionContext c = context(context);
        SessionContext.Handle h = handle == null ? null : c.handles.get(handle);
        if (h == null) {
            throw new ScardException(ScardError.E_INVALID_HANDLE, "no handle " + handle + " in context " + context);
        }
        return h;
    }

    private static ScardException invalid(ScardId id) {
        return new ScardException(ScardError.E_INVALID_HANDLE, "no context " + id);
    }

    /** A backend future whose failure is always a {@link ScardException}, never a wrapper. */
    private static <T> CompletableFuture<T> unwrap(CompletableFuture<T> f) {
        CompletableFuture<T> out = new CompletableFuture<>();
        f.whenComplete((r, e) -> {
            if (e == null) {
                out.complete(r);
                return;
            }
            Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
            out.completeExceptionally(cause instanceof ScardException ? cause
                    : new ScardException(ScardError.F_INTERNAL_ERROR, String.valueOf(cause)));
        });
        return out;
    }
}
