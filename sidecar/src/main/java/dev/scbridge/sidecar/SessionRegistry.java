package dev.scbridge.sidecar;

import dev.scbridge.bridge.Session;
import io.grpc.Status;
import io.grpc.StatusException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The sidecar's open sessions by session id, each with at most one {@link ChannelCall}. A session ends once: by
 * its stream ending, by {@code CloseSession}, by its attach timeout, or by shutdown; whichever comes first closes
 * the bridge session (wiping its card and PIN) and ends the stream with a status saying why.
 */
final class SessionRegistry {
    private static final Logger LOG = LoggerFactory.getLogger(SessionRegistry.class);
    /** Session ids are 128 random bits: unguessable, and never repeated in practice. */
    static final int SESSION_ID_BYTES = 16;
    /** How much of a session id the log shows: enough to correlate lines, too little to use the session. */
    private static final int LOGGED_ID_CHARS = 8;

    private final Map<String, Entry> sessions = new ConcurrentHashMap<>();
    private final SecureRandom random;
    private final ScheduledExecutorService timer;
    private final Duration attachTimeout;

    SessionRegistry(SecureRandom random, ScheduledExecutorService timer, Duration attachTimeout) {
        this.random = Objects.requireNonNull(random, "random");
        this.timer = Objects.requireNonNull(timer, "timer");
        this.attachTimeout = Objects.requireNonNull(attachTimeout, "attachTimeout");
    }

    /** A registered session. */
    static final class Entry {
        private final String id;
        private final Session session;
        private final AtomicReference<ChannelCall> call = new AtomicReference<>();
        private volatile ScheduledFuture<?> attachDeadline;

        private Entry(String id, Session session) {
            this.id = id;
            this.session = session;
        }

        String id() {
            return id;
        }

        Session session() {
            return session;
        }

        String logId() {
            return id.substring(0, LOGGED_ID_CHARS);
        }
    }

    /** Registers {@code session} under a fresh random id; it is closed unless a stream attaches in time. */
    Entry add(Session session) {
        byte[] bytes = new byte[SESSION_ID_BYTES];
        Entry entry;
        do {
            random.nextBytes(bytes);
            entry = new Entry(HexFormat.of().formatHex(bytes), session);
        } while (sessions.putIfAbsent(entry.id, entry) != null);
        Entry e = entry;
        e.attachDeadline = timer.schedule(() -> {
            if (e.call.get() == null) {
                LOG.info("session {} closed: no Channel stream within {}", e.logId(), attachTimeout);
                close(e, Status.DEADLINE_EXCEEDED);
            }
        }, attachTimeout.toMillis(), TimeUnit.MILLISECONDS);
        return e;
    }

    /**
     * Gives session {@code id} its stream and sends the session's channel output to it.
     *
     * @throws StatusException NOT_FOUND for an unknown or closed session, FAILED_PRECONDITION if it has a stream
     */
    Entry attach(String id, ChannelCall call) throws StatusException {
        Entry entry = sessions.get(id);
        if (entry == null) {
            throw notFound();
        }
        if (!entry.call.compareAndSet(null, call)) {
            throw Status.FAILED_PRECONDITION.withDescription("session " + entry.logId()
                    + "... already has a Channel stream").asException();
        }
        ScheduledFuture<?> deadline = entry.attachDeadline;
        if (deadline != null) {
            deadline.cancel(false);
        }
        entry.session.attach(call::toServer);
        if (sessions.get(id) != entry) { // closed while attaching: close() may not have seen the call
            throw notFound();
        }
        LOG.debug("session {}: Channel stream attached", entry.logId());
        return entry;
    }

    /**
     * Closes session {@code id}; its stream, if any, ends OK.
     *
     * @throws StatusException NOT_FOUND for an unknown or already closed session
     */
    void close(String id) throws StatusException {
        Entry entry = sessions.get(id);
        if (entry == null || !close(entry, Status.OK)) {
            throw notFound();
        }
    }

    /**
     * Closes {@code entry}'s session and ends its stream with {@code status}, once.
     *
     * @return whether this call closed it
     */
    boolean close(Entry entry, Status status) {
        if (!sessions.remove(entry.id, entry)) {
            return false;
        }
        ScheduledFuture<?> deadline = entry.attachDeadline;
        if (deadline != null) {
            deadline.cancel(false);
        }
        try {
            entry.session.close();
        } finally {
            ChannelCall call = entry.call.get();
            if (call != null) {
                call.end(status);
            }
        }
        LOG.info("session {} closed ({})", entry.logId(), status.getCode());
        return true;
    }

    /** As {@link #close(Entry, Status)}, from the timer thread: for callers inside the channel's output callback. */
    void closeLater(Entry entry, Status status) {
        ChannelCall call = entry.call.get();
        if (call != null) {
            call.end(status); // stop the stream now; the card is wiped just after
        }
        try {
            timer.execute(() -> close(entry, status));
        } catch (RejectedExecutionException shuttingDown) {
            // the server is stopping and closes every session itself
        }
    }

    /** Closes every session: the sidecar is shutting down. */
    void closeAll() {
        for (Entry entry : new ArrayList<>(sessions.values())) {
            close(entry, Status.UNAVAILABLE.withDescription("the sidecar is shutting down"));
        }
    }

    int size() {
        return sessions.size();
    }

    private static StatusException notFound() {
        return Status.NOT_FOUND.withDescription("no such session (unknown, or already closed)").asException();
    }
}
