package dev.scbridge.rdp.host;

import dev.scbridge.apdu.DecodeException;
import dev.scbridge.rdp.efs.CapabilitySet;
import dev.scbridge.rdp.efs.CapabilityType;
import dev.scbridge.rdp.efs.ClientAnnounceReply;
import dev.scbridge.rdp.efs.DeviceControlRequest;
import dev.scbridge.rdp.efs.DeviceControlResponse;
import dev.scbridge.rdp.efs.DeviceIoCompletion;
import dev.scbridge.rdp.efs.DeviceListAnnounce;
import dev.scbridge.rdp.efs.GeneralCapabilitySet;
import dev.scbridge.rdp.efs.HeaderOnlyCapabilitySet;
import dev.scbridge.rdp.efs.NtStatus;
import dev.scbridge.rdp.efs.RdpdrPdu;
import dev.scbridge.rdp.efs.ServerAnnounce;
import dev.scbridge.rdp.efs.ServerClientIdConfirm;
import dev.scbridge.rdp.efs.ServerCoreCapabilityRequest;
import dev.scbridge.rdp.efs.ServerDeviceAnnounceResponse;
import dev.scbridge.rdp.esc.AccessStartedEventCall;
import dev.scbridge.rdp.esc.EscCall;
import dev.scbridge.rdp.esc.EscCodecs;
import dev.scbridge.rdp.esc.EscReturn;
import dev.scbridge.rdp.esc.Ioctl;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * Plays the Windows (RDP server) side of the rdpdr channel against a client: the handshake with the values a
 * Windows Server sent in the recorded logon (shared/vectors/rdpefs-device.txt), then IOCTLs as DR_CONTROL_REQ with
 * Windows' OutputBufferLength (2048; 256 for AccessStartedEvent), CompletionIds reused only after their answer
 * (MS-RDPEFS 2.2.1.4). Feed the client's PDUs to {@link #fromClient}; send ours through the {@code toClient} sink.
 */
public final class RdpHost {
    /** OutputBufferLength Windows gives most IOCTLs (MS-RDPESC 3.2.5.1; every recorded call). */
    public static final int OUTPUT_BUFFER_LENGTH = 2048;
    /** OutputBufferLength Windows gives ACCESSSTARTEDEVENT (recorded logon step 007). */
    public static final int ACCESS_STARTED_OUTPUT_LENGTH = 256;
    /** How long a synchronous call waits for an answer before failing: a safety net, not a timing assertion. */
    private static final long ANSWER_TIMEOUT_SECONDS = 30;
    private static final int DEVICE_ID = 1;
    private static final int FILE_ID = 1;

    private final Consumer<byte[]> toClient;
    private final LinkedBlockingQueue<RdpdrPdu> handshake = new LinkedBlockingQueue<>();
    private final Map<Integer, CompletableFuture<DeviceControlResponse>> inFlight = new ConcurrentHashMap<>();
    private final List<Consumer<Exchange>> listeners = new ArrayList<>();
    private final LinkedBlockingQueue<DeviceIoCompletion> unsolicited = new LinkedBlockingQueue<>();
    private volatile int deviceId = -1;

    /** One IOCTL and its answer, for transcripts. */
    public record Exchange(Ioctl ioctl, int completionId, EscCall call, byte[] input, DeviceControlResponse response,
                           EscReturn answer) {
    }

    public RdpHost(Consumer<byte[]> toClient) {
        this.toClient = toClient;
    }

    /** Called with every IOCTL once it is answered. */
    public RdpHost onExchange(Consumer<Exchange> listener) {
        listeners.add(listener);
        return this;
    }

    /** A PDU the client sent. */
    public void fromClient(byte[] pdu) {
        RdpdrPdu decoded;
        try {
            decoded = RdpdrPdu.decodeFromClient(pdu);
        } catch (DecodeException e) {
            throw new IllegalStateException("client sent a malformed PDU: " + e.getMessage(), e);
        }
        if (decoded instanceof DeviceIoCompletion completion) {
            CompletableFuture<DeviceControlResponse> f = inFlight.remove(completion.header().completionId());
            if (f == null) {
                unsolicited.add(completion); // an answer to a request sent around this host (tests, raw PDUs)
                return;
            }
            try {
                f.complete(completion.asControlResponse());
            } catch (DecodeException | RuntimeException e) {
                f.completeExceptionally(e);
            }
        } else {
            handshake.add(decoded);
        }
    }

    /**
     * The handshake of MS-RDPEFS 3.1.3 with a Windows Server's values (minor 13, ClientId 3, five capability
     * sets), then the first IOCTL before the Device Announce Response, as in the recorded logon (steps 001-009).
     *
     * @return the DeviceId the client announced
     */
    public int handshake() throws IOException {
        handshake.clear();
        send(new ServerAnnounce(1, 0x000D, 3));
        ClientAnnounceReply reply = expect(ClientAnnounceReply.class);
        if (reply.clientId() != 3) {
            throw new IOException("Client Announce Reply with ClientId " + reply.clientId() + " (expected: 3)");
        }
        expect(dev.scbridge.rdp.efs.ClientNameRequest.class);
        send(new ServerCoreCapabilityRequest(0, serverCapabilities()));
        send(new ServerClientIdConfirm(1, 0x000D, 3));
        expect(dev.scbridge.rdp.efs.ClientCoreCapabilityResponse.class);
        DeviceListAnnounce devices = expect(DeviceListAnnounce.class);
        if (devices.devices().size() != 1) {
            throw new IOException("client announced " + devices.devices().size() + " devices (expected: 1 card)");
        }
        deviceId = devices.devices().get(0).deviceId();
        call(Ioctl.ACCESS_STARTED_EVENT, new AccessStartedEventCall(0x0596E820), ACCESS_STARTED_OUTPUT_LENGTH);
        send(new ServerDeviceAnnounceResponse(deviceId, NtStatus.STATUS_SUCCESS));
        return deviceId;
    }

    /** Sends one IOCTL and waits for its answer. */
    public EscReturn call(Ioctl ioctl, EscCall call) throws IOException {
        return call(ioctl, call, OUTPUT_BUFFER_LENGTH);
    }

    public EscReturn call(Ioctl ioctl, EscCall call, int outputBufferLength) throws IOException {
        return await(callAsync(ioctl, call, outputBufferLength));
    }

    /** Sends one IOCTL; the future completes when the client answers (a GetStatusChange may stay pending). */
    public CompletableFuture<EscReturn> callAsync(Ioctl ioctl, EscCall call) {
        return callAsync(ioctl, call, OUTPUT_BUFFER_LENGTH);
    }

    public CompletableFuture<EscReturn> callAsync(Ioctl ioctl, EscCall call, int outputBufferLength) {
        byte[] input = call.toBytes();
        int cid = freeCompletionId();
        CompletableFuture<DeviceControlResponse> answer = new CompletableFuture<>();
        inFlight.put(cid, answer);
        int device = deviceId >= 0 ? deviceId : DEVICE_ID;
        toClient.accept(DeviceControlRequest.of(device, FILE_ID, cid, outputBufferLength, ioctl.code(), input)
                .encode());
        return answer.thenApply(rsp -> {
            if (rsp.header().ioStatus() != NtStatus.STATUS_SUCCESS) {
                throw new IllegalStateException(ioctl.specName() + " answered IoStatus "
                        + NtStatus.name(rsp.header().ioStatus()));
            }
            EscReturn ret;
            try {
                ret = EscCodecs.decodeReturn(ioctl, rsp.outputBuffer());
            } catch (DecodeException e) {
                throw new IllegalStateException(ioctl.specName() + " answer does not decode: " + e.getMessage(), e);
            }
            Exchange x = new Exchange(ioctl, cid, call, input, rsp, ret);
            listeners.forEach(l -> l.accept(x));
            return ret;
        });
    }

    /** Sends a raw PDU (tests of malformed input). */
    public void send(RdpdrPdu pdu) {
        toClient.accept(pdu.encode());
    }

    /** Completions for requests this host did not send (raw PDUs fed to the client directly). */
    public List<DeviceIoCompletion> unsolicited() {
        return List.copyOf(unsolicited);
    }

    /** IOCTLs still waiting for an answer. */
    public int outstanding() {
        return inFlight.size();
    }

    private synchronized int freeCompletionId() {
        int cid = 0;
        while (inFlight.containsKey(cid)) {
            cid++;
        }
        return cid;
    }

    private <T extends RdpdrPdu> T expect(Class<T> type) throws IOException {
        RdpdrPdu pdu;
        try {
            pdu = handshake.poll(ANSWER_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted");
        }
        if (pdu == null) {
            throw new IOException("no " + type.getSimpleName() + " from the client");
        }
        if (!type.isInstance(pdu)) {
            throw new IOException("client sent " + pdu.name() + " (expected: " + type.getSimpleName() + ")");
        }
        return type.cast(pdu);
    }

    private static List<CapabilitySet> serverCapabilities() {
        int allIrps = 0xFFFF;
        return List.of(
                new GeneralCapabilitySet(GeneralCapabilitySet.GENERAL_CAPABILITY_VERSION_02, 2, 0, 1, 0x000D, allIrps,
                        0, 7, 0, 0, OptionalInt.of(2)),
                new HeaderOnlyCapabilitySet(CapabilityType.CAP_PRINTER_TYPE, 1),
                new HeaderOnlyCapabilitySet(CapabilityType.CAP_PORT_TYPE, 1),
                new HeaderOnlyCapabilitySet(CapabilityType.CAP_DRIVE_TYPE, 2),
                new HeaderOnlyCapabilitySet(CapabilityType.CAP_SMARTCARD_TYPE, 1));
    }

    private static EscReturn await(CompletableFuture<EscReturn> f) throws IOException {
        try {
            return f.get(ANSWER_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted");
        } catch (ExecutionException e) {
            throw new IOException(e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IOException("no answer within " + ANSWER_TIMEOUT_SECONDS + " s");
        }
    }
}
