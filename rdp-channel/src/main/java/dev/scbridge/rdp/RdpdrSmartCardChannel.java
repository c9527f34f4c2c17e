package dev.scbridge.rdp;

import dev.scbridge.apdu.DecodeException;
import dev.scbridge.rdp.efs.ClientAnnounceReply;
import dev.scbridge.rdp.efs.ClientCoreCapabilityResponse;
import dev.scbridge.rdp.efs.ClientNameRequest;
import dev.scbridge.rdp.efs.DeviceCloseRequest;
import dev.scbridge.rdp.efs.DeviceCloseResponse;
import dev.scbridge.rdp.efs.DeviceControlRequest;
import dev.scbridge.rdp.efs.DeviceControlResponse;
import dev.scbridge.rdp.efs.DeviceCreateRequest;
import dev.scbridge.rdp.efs.DeviceCreateResponse;
import dev.scbridge.rdp.efs.DeviceIoCompletion;
import dev.scbridge.rdp.efs.DeviceListAnnounce;
import dev.scbridge.rdp.efs.IoCompletionHeader;
import dev.scbridge.rdp.efs.IoRequest;
import dev.scbridge.rdp.efs.IoRequestHeader;
import dev.scbridge.rdp.efs.MajorFunction;
import dev.scbridge.rdp.efs.NtStatus;
import dev.scbridge.rdp.efs.RdpdrPdu;
import dev.scbridge.rdp.efs.ServerAnnounce;
import dev.scbridge.rdp.efs.ServerClientIdConfirm;
import dev.scbridge.rdp.efs.ServerCoreCapabilityRequest;
import dev.scbridge.rdp.efs.ServerDeviceAnnounceResponse;
import dev.scbridge.rdp.efs.ServerUserLoggedOn;
import dev.scbridge.rdp.esc.EscCall;
import dev.scbridge.rdp.esc.EscCodecs;
import dev.scbridge.rdp.esc.EscReturn;
import dev.scbridge.rdp.esc.Ioctl;
import dev.scbridge.rdp.scard.ScardService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.security.SecureRandom;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The client side of the RDPDR static virtual channel for one RDP session, redirecting one smart card
 * (MS-RDPEFS 3.2, MS-RDPESC 3.2). Feed it every complete rdpdr PDU the server sends with {@link #receive}; it
 * sends its PDUs through the output callback, at once or later (a GetStatusChange or BeginTransaction waits for a
 * card event, its timeout or Cancel). Thread-safe for one feeding thread plus the timer and card threads that
 * finish pending calls; the callback is never invoked concurrently and never from inside a lock the caller holds.
 *
 * <p>Handshake (MS-RDPEFS 3.1.3): Server Announce -> Client Announce Reply + Client Name; Server Core Capability
 * Request -> Client Core Capability Response; Server Client ID Confirm -> Client Device List Announce (the card,
 * before logon, MS-RDPEFS 3.2.5.1.9). A Server Announce after that is a full reset (MS-RDPEFS 3.2.5.1.2; Windows
 * sends it right after logon): pending calls are dropped unanswered, every context is released and the handshake
 * runs again with a fresh {@link ScardService} over the same card.
 *
 * <p>Answers for bad input: an I/O request for another device gets no reply (MS-RDPEFS 3.1.5.2); a major function
 * other than create, close and device control gets STATUS_NOT_SUPPORTED; an IoControlCode MS-RDPESC does not define
 * gets STATUS_NOT_SUPPORTED (the spec would drop it, which leaves the server's IRP waiting forever); an input that
 * does not decode gets STATUS_UNSUCCESSFUL (MS-RDPESC 3.1.4); a return larger than the server's OutputBufferLength
 * gets STATUS_BUFFER_TOO_SMALL with no output, so the server retries with a bigger buffer (MS-RDPESC 3.2.5.2).
 * A PDU that does not decode at all is logged and dropped: without a header there is nobody to answer.
 */
public final class RdpdrSmartCardChannel implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RdpdrSmartCardChannel.class);
    /** The newest RDPDR minor version we speak (MS-RDPEFS 2.2.2.3: 0x000D since Windows Server 2016). */
    static final int CLIENT_MINOR_VERSION = 0x000D;
    /** Server minor versions from which the reply echoes the server's ClientId (MS-RDPEFS 3.2.5.1.3). */
    private static final int ECHO_CLIENT_ID_FROM_MINOR = 0x000C;
    /** FILE_OPENED (MS-SMB2 2.2.14 CreateAction), the Information byte of a successful create. */
    private static final int FILE_OPENED = 1;

    private final Supplier<ScardService> services;
    private final Consumer<byte[]> output;
    private final String computerName;
    private final int deviceId;
    private final SecureRandom random = new SecureRandom();
    private final Object outputLock = new Object();
    private final Stats stats = new Stats();

    private volatile Generation generation;
    private volatile boolean closed;

    private RdpdrSmartCardChannel(Builder b) {
        this.services = b.services;
        this.output = b.output;
        this.computerName = b.computerName;
        this.deviceId = b.deviceId;
        this.generation = new Generation(0, services.get());
    }

    public static Builder builder() {
        return new Builder();
    }

    /** One complete rdpdr PDU from the server. Never throws for bad input. */
    public void receive(byte[] pdu) {
        Objects.requireNonNull(pdu, "pdu");
        if (closed) {
            LOG.debug("PDU after close ignored");
            return;
        }
        stats.received.incrementAndGet();
        RdpdrPdu decoded;
        try {
            decoded = RdpdrPdu.decodeFromServer(pdu);
        } catch (DecodeException e) {
            stats.malformed.incrementAndGet();
            answerMalformedRequest(pdu, e);
            return;
        }
        if (decoded instanceof ServerAnnounce a) {
            onServerAnnounce(a);
        } else if (decoded instanceof ServerCoreCapabilityRequest c) {
            generation.serverMinor = minorFromCapabilities(c);
            send(ClientCoreCapabilityResponse.forSmartCard(generation.serverMinor));
        } else if (decoded instanceof ServerClientIdConfirm c) {
            onClientIdConfirm(c);
        } else if (decoded instanceof ServerDeviceAnnounceResponse r) {
            if (r.deviceId() == deviceId && r.resultCode() != NtStatus.STATUS_SUCCESS) {
                LOG.warn("server refused the smart-card device: {}", NtStatus.name(r.resultCode()));
            }
        } else if (decoded instanceof ServerUserLoggedOn) {
            LOG.debug("user logged on");
        } else if (decoded instanceof IoRequest io) {
            onIoRequest(io);
        } else {
            LOG.debug("ignoring {}", decoded.name());
        }
    }

    /** Cancels and releases every context; later PDUs are ignored. Idempotent. */
    @Override
    public void close() {
        closed = true;
        generation.service.close();
    }

    /** Counters for monitoring. */
    public Stats stats() {
        return stats;
    }

    private void onServerAnnounce(ServerAnnounce a) {
        Generation old = generation;
        if (old.started) {
            // MS-RDPEFS 3.2.5.1.2: a new announce restarts everything; old pending calls must never be answered
            generation = new Generation(old.number + 1, services.get());
            old.service.close();
            stats.resets.incrementAndGet();
            LOG.debug("rdpdr restarted by a new Server Announce");
        }
        Generation g = generation;
        g.started = true;
        int clientId = a.versionMinor() >= ECHO_CLIENT_ID_FROM_MINOR ? a.clientId() : random.nextInt() & 0x7FFF_FFFF;
        send(new ClientAnnounceReply(1, Math.min(CLIENT_MINOR_VERSION, a.versionMinor()), clientId));
        send(ClientNameRequest.of(computerName, true));
    }

    private void onClientIdConfirm(ServerClientIdConfirm c) {
        Generation g = generation;
        if (!g.announced) {
            g.announced = true;
            send(DeviceListAnnounce.smartCard(deviceId));
        }
    }

    private int minorFromCapabilities(ServerCoreCapabilityRequest c) {
        for (var set : c.capabilities()) {
            if (set instanceof dev.scbridge.rdp.efs.GeneralCapabilitySet general) {
                return general.protocolMinorVersion();
            }
        }
        return CLIENT_MINOR_VERSION;
    }

    private void onIoRequest(IoRequest io) {
        if (io.header().deviceId() != deviceId) {
            stats.ignored.incrementAndGet();
            LOG.debug("I/O request for unknown device {} ignored", io.header().deviceId());
            return;
        }
        if (io instanceof DeviceControlRequest req) {
            onControl(req);
        } else if (io instanceof DeviceCreateRequest req) {
            send(DeviceCreateResponse.answering(req, NtStatus.STATUS_SUCCESS, io.header().fileId(), FILE_OPENED));
        } else if (io instanceof DeviceCloseRequest req) {
            send(DeviceCloseResponse.answering(req, NtStatus.STATUS_SUCCESS));
        } else {
            send(DeviceIoCompletion.bare(io, NtStatus.STATUS_NOT_SUPPORTED));
        }
    }

    private void onControl(DeviceControlRequest req) {
        var ioctl = Ioctl.fromCode(req.ioControlCode());
        if (ioctl.isEmpty()) {
            stats.malformed.incrementAndGet();
            LOG.debug("unknown IoControlCode 0x{} answered STATUS_NOT_SUPPORTED", Integer.toHexString(req.ioControlCode()));
            send(DeviceControlResponse.failure(req, NtStatus.STATUS_NOT_SUPPORTED));
            return;
        }
        EscCall call;
        try {
            call = EscCodecs.decodeCall(ioctl.get(), req.inputBuffer());
        } catch (DecodeException e) {
            stats.malformed.incrementAndGet();
            LOG.info("malformed {} answered STATUS_UNSUCCESSFUL: {}", ioctl.get().specName(), e.getMessage());
            send(DeviceControlResponse.failure(req, NtStatus.STATUS_UNSUCCESSFUL));
            return;
        }
        Generation g = generation;
        try {
            g.handler.handle(ioctl.get(), call).thenAccept(ret -> answer(g, req, ret));
        } catch (RuntimeException e) {
            // a defect, not bad input: the server still gets an answer and the session survives
            LOG.warn("{} failed inside the bridge", ioctl.get().specName(), e);
            send(DeviceControlResponse.failure(req, NtStatus.STATUS_UNSUCCESSFUL));
        }
    }

    private void answer(Generation g, DeviceControlRequest req, EscReturn ret) {
        if (g != generation || closed) {
            stats.dropped.incrementAndGet();
            return;
        }
        byte[] out = ret.toBytes();
        if (Integer.toUnsignedLong(out.length) > req.outputBufferLengthUnsigned()) {
            send(DeviceControlResponse.failure(req, NtStatus.STATUS_BUFFER_TOO_SMALL));
        } else {
            send(DeviceControlResponse.answering(req, NtStatus.STATUS_SUCCESS, out));
        }
    }

    /** A device I/O request whose body is broken still has a header to answer (design.md error model). */
    private void answerMalformedRequest(byte[] pdu, DecodeException e) {
        IoRequestHeader h = IoRequestHeader.peek(pdu).orElse(null);
        if (h == null || h.deviceId() != deviceId) {
            LOG.info("malformed rdpdr PDU dropped: {}", e.getMessage());
            return;
        }
        LOG.info("malformed I/O request answered STATUS_UNSUCCESSFUL: {}", e.getMessage());
        IoCompletionHeader answer = new IoCompletionHeader(h.deviceId(), h.completionId(),
                NtStatus.STATUS_UNSUCCESSFUL);
        // DR_CONTROL_RSP with OutputBufferLength 0 for a device control; a bare completion otherwise
        send(h.majorFunction() == MajorFunction.IRP_MJ_DEVICE_CONTROL.code()
                ? new DeviceControlResponse(answer, new byte[0]) : new DeviceIoCompletion(answer, new byte[0]));
    }

    private void send(RdpdrPdu pdu) {
        send(pdu.encode());
    }

    private void send(byte[] bytes) {
        stats.sent.incrementAndGet();
        synchronized (outputLock) {
            output.accept(bytes);
        }
    }

    /** Handshake state and the service of one announce cycle. */
    private static final class Generation {
        final int number;
        final ScardService service;
        final IoctlHandler handler;
        volatile boolean started;
        volatile boolean announced;
        volatile int serverMinor = CLIENT_MINOR_VERSION;

        Generation(int number, ScardService service) {
            this.number = number;
            this.service = service;
            this.handler = new IoctlHandler(service);
        }
    }

    /** Monotonic counters, read by metrics. */
    public static final class Stats {
        final AtomicLong received = new AtomicLong();
        final AtomicLong sent = new AtomicLong();
        final AtomicLong malformed = new AtomicLong();
        final AtomicLong ignored = new AtomicLong();
        final AtomicLong dropped = new AtomicLong();
        final AtomicLong resets = new AtomicLong();

        public long received() { return received.get(); }
        public long sent() { return sent.get(); }
        /** PDUs or IOCTLs that did not decode, or IOCTL codes MS-RDPESC does not define. */
        public long malformed() { return malformed.get(); }
        /** I/O requests for a device we did not announce. */
        public long ignored() { return ignored.get(); }
        /** Pending answers dropped because a reset or close came first. */
        public long dropped() { return dropped.get(); }
        /** Server Announces that restarted the channel. */
        public long resets() { return resets.get(); }
    }

    /** Builds a channel. */
    public static final class Builder {
        private Supplier<ScardService> services;
        private Consumer<byte[]> output;
        private String computerName = "scbridge";
        private int deviceId = 1;

        /** A fresh service per handshake (all over the same card backend). */
        public Builder services(Supplier<ScardService> services) {
            this.services = services;
            return this;
        }

        /** Receives every client->server PDU. */
        public Builder output(Consumer<byte[]> output) {
            this.output = output;
            return this;
        }

        /** The name in the Client Name Request (MS-RDPEFS 2.2.2.4). */
        public Builder computerName(String computerName) {
            this.computerName = computerName;
            return this;
        }

        /** The DeviceId we announce (client-chosen, MS-RDPEFS 2.2.1.3). */
        public Builder deviceId(int deviceId) {
            this.deviceId = deviceId;
            return this;
        }

        public RdpdrSmartCardChannel build() {
            Objects.requireNonNull(services, "services");
            Objects.requireNonNull(output, "output");
            return new RdpdrSmartCardChannel(this);
        }
    }
}
