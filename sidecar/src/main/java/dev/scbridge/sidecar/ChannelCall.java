package dev.scbridge.sidecar;

import com.google.protobuf.ByteString;
import dev.scbridge.sidecar.v1.ChannelMessage;
import io.grpc.Status;
import io.grpc.StatusException;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayDeque;
import java.util.Objects;

/**
 * One {@code Channel} stream: the request side feeds the session's rdpdr channel, the response side carries what
 * the channel emits for the server, within gRPC flow control.
 *
 * <p>Outbound PDUs are written at once while the transport is ready; otherwise they wait in a bounded queue that
 * the on-ready handler drains. A gateway that stops reading fills the queue; the stream then ends with
 * {@code RESOURCE_EXHAUSTED} and the session is closed, instead of memory growing without bound.
 */
final class ChannelCall implements StreamObserver<ChannelMessage> {
    private static final Logger LOG = LoggerFactory.getLogger(ChannelCall.class);
    /**
     * PDUs waiting for a slow reader. The channel answers one server PDU with one PDU, apart from GetStatusChange
     * answers that complete later (at most a few per session), so a healthy gateway never gets near this.
     */
    static final int MAX_PENDING_PDUS = 64;
    /** Bytes waiting for a slow reader: four of the largest DeviceControlResponse outputs (256 KiB each). */
    static final long MAX_PENDING_BYTES = 1024 * 1024;

    private final ServerCallStreamObserver<ChannelMessage> out;
    private final SessionRegistry registry;
    private final Object lock = new Object();
    private final ArrayDeque<byte[]> pending = new ArrayDeque<>();
    private long pendingBytes;
    private boolean ended;
    /** Set by the first request message (gRPC's serialized callbacks); read from the channel's threads too. */
    private volatile SessionRegistry.Entry entry;

    ChannelCall(ServerCallStreamObserver<ChannelMessage> out, SessionRegistry registry) {
        this.out = Objects.requireNonNull(out, "out");
        this.registry = Objects.requireNonNull(registry, "registry");
        out.setOnReadyHandler(this::drain);
        out.setOnCancelHandler(this::cancelled);
    }

    @Override
    public void onNext(ChannelMessage message) {
        if (isEnded()) {
            return;
        }
        if (entry == null) {
            if (message.getSessionId().isEmpty()) {
                end(Status.INVALID_ARGUMENT.withDescription(
                        "the first ChannelMessage must carry session_id (from OpenSessionResponse)"));
                return;
            }
            try {
                entry = registry.attach(message.getSessionId(), this);
            } catch (StatusException e) {
                end(e.getStatus());
                return;
            }
        } else if (!message.getSessionId().isEmpty()) {
            fail(Status.INVALID_ARGUMENT.withDescription("session_id belongs in the first ChannelMessage only"));
            return;
        }
        if (!message.getPdu().isEmpty()) {
            try {
                entry.session().channel().receive(message.getPdu().toByteArray());
            } catch (RuntimeException e) { // a bug, not bad input: the channel answers bad PDUs itself
                LOG.warn("session {}: the rdpdr channel failed", entry.logId(), e);
                fail(Status.INTERNAL.withDescription("the rdpdr channel failed: " + e));
            }
        }
    }

    /** The gateway half-closed: the RDP connection ended normally. */
    @Override
    public void onCompleted() {
        if (entry != null) {
            registry.close(entry, Status.OK);
        } else {
            end(Status.OK);
        }
    }

    /** The stream broke or was cancelled by the gateway. */
    @Override
    public void onError(Throwable t) {
        cancelled();
    }

    private void cancelled() {
        SessionRegistry.Entry e = entry;
        if (e != null) {
            registry.close(e, Status.CANCELLED.withDescription("the Channel stream was cancelled"));
        }
        synchronized (lock) {
            ended = true;
            pending.clear();
        }
    }

    private boolean isEnded() {
        synchronized (lock) {
            return ended;
        }
    }

    /** The session's channel output: a PDU for the Windows host. Never called concurrently (Session's contract). */
    void toServer(byte[] pdu) {
        boolean overflow;
        synchronized (lock) {
            if (ended) {
                return;
            }
            if (pending.isEmpty() && out.isReady()) {
                out.onNext(message(pdu));
                return;
            }
            overflow = pending.size() >= MAX_PENDING_PDUS || pendingBytes + pdu.length > MAX_PENDING_BYTES;
            if (!overflow) {
                pending.add(pdu);
                pendingBytes += pdu.length;
            }
        }
        if (overflow) {
            // inside the channel's output callback: the session is closed from another thread (SessionRegistry)
            fail(Status.RESOURCE_EXHAUSTED.withDescription("the gateway stopped reading the Channel stream ("
                    + MAX_PENDING_PDUS + " PDUs or " + MAX_PENDING_BYTES + " bytes pending); session closed"));
        }
    }

    private void drain() {
        synchronized (lock) {
            while (!ended && !pending.isEmpty() && out.isReady()) {
                byte[] pdu = pending.poll();
                pendingBytes -= pdu.length;
                out.onNext(message(pdu));
            }
        }
    }

    /** Ends the stream and closes its session, if it has one. */
    private void fail(Status status) {
        SessionRegistry.Entry e = entry;
        if (e != null) {
            registry.closeLater(e, status);
        } else {
            end(status);
        }
    }

    /**
     * Ends the response stream with {@code status} (OK: completed); later calls do nothing. Pending PDUs are sent
     * first when ending OK and the transport takes them, dropped otherwise.
     */
    void end(Status status) {
        synchronized (lock) {
            if (ended) {
                return;
            }
            ended = true;
            if (status.isOk()) {
                while (!pending.isEmpty() && out.isReady()) {
                    out.onNext(message(pending.poll()));
                }
            }
            pending.clear();
            pendingBytes = 0;
            try {
                if (status.isOk()) {
                    out.onCompleted();
                } else {
                    out.onError(status.asRuntimeException());
                }
            } catch (IllegalStateException alreadyClosed) {
                // the call was cancelled meanwhile: nothing left to tell the gateway
            }
        }
    }

    private static ChannelMessage message(byte[] pdu) {
        return ChannelMessage.newBuilder().setPdu(ByteString.copyFrom(pdu)).build();
    }
}
