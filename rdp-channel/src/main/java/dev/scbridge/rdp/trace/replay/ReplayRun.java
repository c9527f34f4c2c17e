package dev.scbridge.rdp.trace.replay;

import dev.scbridge.apdu.DecodeException;
import dev.scbridge.apdu.Hex;
import dev.scbridge.rdp.RdpdrSmartCardChannel;
import dev.scbridge.rdp.efs.ClientAnnounceReply;
import dev.scbridge.rdp.efs.ClientCoreCapabilityResponse;
import dev.scbridge.rdp.efs.ClientNameRequest;
import dev.scbridge.rdp.efs.DeviceAnnounce;
import dev.scbridge.rdp.efs.DeviceControlRequest;
import dev.scbridge.rdp.efs.DeviceControlResponse;
import dev.scbridge.rdp.efs.DeviceIoCompletion;
import dev.scbridge.rdp.efs.DeviceListAnnounce;
import dev.scbridge.rdp.efs.DeviceType;
import dev.scbridge.rdp.efs.NtStatus;
import dev.scbridge.rdp.efs.RdpdrPdu;
import dev.scbridge.rdp.efs.ServerAnnounce;
import dev.scbridge.rdp.efs.ServerClientIdConfirm;
import dev.scbridge.rdp.efs.ServerCoreCapabilityRequest;
import dev.scbridge.rdp.efs.ServerDeviceAnnounceResponse;
import dev.scbridge.rdp.esc.ConnectReturn;
import dev.scbridge.rdp.esc.EscCodecs;
import dev.scbridge.rdp.esc.EscReturn;
import dev.scbridge.rdp.esc.EstablishContextReturn;
import dev.scbridge.rdp.esc.Ioctl;
import dev.scbridge.rdp.scard.ScardService;
import dev.scbridge.rdp.trace.FieldParser;
import dev.scbridge.rdp.trace.Fields;
import dev.scbridge.rdp.trace.replay.ReplayScript.CallStep;
import dev.scbridge.rdp.trace.replay.ReplayScript.PduStep;
import dev.scbridge.rdp.trace.replay.ReplayScript.Step;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * One replay of a {@link ReplayScript} against a new channel (see {@link dev.scbridge.rdp.trace.TraceReplay}).
 * Single-threaded: the channel's output lands in a queue that this run drains; an answer is paired with the
 * outstanding call of its CompletionId, even when it comes later than the calls after it.
 */
public final class ReplayRun implements AutoCloseable {
    private static final int DEVICE_ID = 1;
    private static final int FILE_ID = 1;
    private static final int INS_GENERAL_AUTHENTICATE = 0x87;
    private static final int INS_GET_RESPONSE = 0xC0;
    private static final int CLA_CHAINING = 0x10;

    private final ReplayScript script;
    private final Duration timeout;
    private final LinkedBlockingQueue<byte[]> outputs = new LinkedBlockingQueue<>();
    private final RdpdrSmartCardChannel channel;
    private final IdMap ids = IdMap.learning();
    private final StepResult[] results;
    private final Map<Integer, Outstanding> outstanding = new HashMap<>();
    private final List<StepResult> extra = new ArrayList<>();
    private final List<KeyOperation> keyOperations = new ArrayList<>();
    private final ByteArrayOutputStream chained = new ByteArrayOutputStream();
    private boolean cryptoChain;
    private ServerCoreCapabilityRequest lastCapabilities;

    private record Outstanding(int index, CallStep step, ReturnComparator.Crypto crypto, String note) {
    }

    private final java.util.function.Consumer<byte[]> serverPdus;

    public ReplayRun(ReplayScript script, Supplier<ScardService> services, String computerName, Duration timeout) {
        this(script, services, computerName, timeout, pdu -> { });
    }

    /** @param serverPdus sees every PDU the replay sends as the server, in order (benchmarks re-feed them) */
    public ReplayRun(ReplayScript script, Supplier<ScardService> services, String computerName, Duration timeout,
                     java.util.function.Consumer<byte[]> serverPdus) {
        this.serverPdus = serverPdus;
        this.script = script;
        this.timeout = timeout;
        this.results = new StepResult[script.steps().size()];
        this.channel = RdpdrSmartCardChannel.builder().services(services).output(outputs::add)
                .computerName(computerName).deviceId(DEVICE_ID).build();
    }

    public ReplayResult execute() {
        List<Step> steps = script.steps();
        for (int i = 0; i < steps.size(); i++) {
            if (steps.get(i) instanceof CallStep c) {
                call(i, c);
            } else {
                pdu(i, (PduStep) steps.get(i));
            }
        }
        drain(0);
        for (Outstanding o : outstanding.values()) {
            results[o.index] = o.step.answer().isPresent()
                    ? StepResult.of(o.step.step(), o.step.name(), Verdict.MISSING_ANSWER, "no answer from us")
                    : StepResult.of(o.step.step(), o.step.name(), Verdict.PENDING_AS_RECORDED,
                            "recorded: no answer; ours still pending or dropped by the RDPDR restart");
        }
        outstanding.clear();
        List<StepResult> all = new ArrayList<>(List.of(results));
        all.addAll(extra);
        return new ReplayResult(all, keyOperations);
    }

    @Override
    public void close() {
        channel.close();
    }

    // ---- IOCTLs

    private void call(int index, CallStep c) {
        List<String> notes = new ArrayList<>();
        if (c.rawInput().isEmpty()) {
            try {
                int built = CallFactory.input(c, IdMap.identity()).length;
                if (built != c.inputBufferLength()) {
                    notes.add("built call is " + built + " bytes, recorded InputBufferLength " + c.inputBufferLength());
                }
            } catch (RuntimeException e) {
                results[index] = StepResult.of(c.step(), c.name(), Verdict.UNEXPECTED_DIFFERENCE,
                        "cannot build the call from its fields: " + e.getMessage());
                return;
            }
        }
        byte[] input = CallFactory.input(c, ids);
        rememberCacheWrite(c, input);
        Set<String> unknown = ids.takeUnknown();
        String flag = unknown.isEmpty() ? "" : "recorded ids never established in this replay, passed through: "
                + unknown;
        ReturnComparator.Crypto crypto = c.ioctl() == Ioctl.TRANSMIT ? trackApdu(c) : ReturnComparator.Crypto.NONE;
        if (outstanding.containsKey(c.completionId())) {
            notes.add("CompletionId " + c.completionId() + " reused while step "
                    + outstanding.get(c.completionId()).step.step() + " is pending");
        }
        String note = String.join("; ", notes);
        outstanding.put(c.completionId(), new Outstanding(index, c, crypto, note.isEmpty() ? flag : note));
        DeviceControlRequest req = DeviceControlRequest.of(DEVICE_ID, FILE_ID, c.completionId(),
                c.outputBufferLength(), c.ioControlCode(), input);
        byte[] pdu = req.encode();
        serverPdus.accept(pdu);
        channel.receive(pdu);
        if (c.answer().isPresent()) {
            awaitCompletion(c.completionId());
        }
    }

    /** What this replay wrote to the minidriver cache, by lookup name: the data a later read must return. */
    private final java.util.Map<String, byte[]> cacheWrites = new java.util.HashMap<>();

    private void rememberCacheWrite(CallStep c, byte[] input) {
        if (c.ioctl() != Ioctl.WRITE_CACHE_W && c.ioctl() != Ioctl.WRITE_CACHE_A) {
            return;
        }
        try {
            var w = (dev.scbridge.rdp.esc.WriteCacheCall) EscCodecs.decodeCall(c.ioctl(), input);
            cacheWrites.put(w.lookupName(), w.data() == null ? new byte[0] : w.data());
        } catch (DecodeException | ClassCastException e) {
            // the step itself reports a call that does not build or decode
        }
    }

    /**
     * A ReadCache that hits where the recorded client answered SCARD_W_CACHE_ITEM_NOT_FOUND is expected when it
     * returns exactly what this replay wrote earlier under that name: the recorded client (Teleport, 2022) kept its
     * cache per context and lost it between Windows' two card sessions; ours lives for the RDP session as the
     * minidriver expects (MS-RDPESC 3.1.4.42-45 key the cache on CardIdentifier, FreshnessCounter and name only).
     */
    private java.util.Optional<StepResult> cacheHitWhereRecordedMissed(CallStep c, byte[] ours, byte[] recorded) {
        if (c.ioctl() != Ioctl.READ_CACHE_W && c.ioctl() != Ioctl.READ_CACHE_A) {
            return java.util.Optional.empty();
        }
        try {
            var o = (dev.scbridge.rdp.esc.ReadCacheReturn) EscCodecs.decodeReturn(c.ioctl(), ours);
            var r = (dev.scbridge.rdp.esc.ReadCacheReturn) EscCodecs.decodeReturn(c.ioctl(), recorded);
            var call = (dev.scbridge.rdp.esc.ReadCacheCall) EscCodecs.decodeCall(c.ioctl(),
                    CallFactory.input(c, IdMap.identity()));
            byte[] written = cacheWrites.get(call.lookupName());
            if (o.returnCode() == 0 && r.returnCode() == dev.scbridge.pcsc.ScardError.W_CACHE_ITEM_NOT_FOUND.code()
                    && written != null && java.util.Arrays.equals(o.pbData(), written)) {
                return java.util.Optional.of(ReturnComparator.result(c.step(), c.name(), Verdict.EXPECTED_DIFFERENCE,
                        "cache hit on what an earlier step wrote (the recorded client lost its cache between "
                                + "contexts)", ours, recorded));
            }
        } catch (DecodeException | RuntimeException e) {
            // not a cache answer we can judge: the original verdict stands
        }
        return java.util.Optional.empty();
    }

    /** Follows GENERAL AUTHENTICATE chains: which answers carry private-key output, and which operations ran. */
    private ReturnComparator.Crypto trackApdu(CallStep c) {
        byte[] apdu = c.params().has("pbSendBuffer") ? c.params().hexValue("pbSendBuffer") : new byte[0];
        if (apdu.length < 4) {
            return ReturnComparator.Crypto.NONE;
        }
        int ins = apdu[1] & 0xFF;
        if (ins == INS_GENERAL_AUTHENTICATE) {
            if (apdu.length > 5) {
                chained.write(apdu, 5, Math.min(apdu[4] & 0xFF, apdu.length - 5));
            }
            if ((apdu[0] & CLA_CHAINING) != 0) {
                return ReturnComparator.Crypto.NONE;
            }
            byte[] data = chained.toByteArray();
            chained.reset();
            keyOperations.add(new KeyOperation(c.step(), apdu[3] & 0xFF, apdu[2] & 0xFF, kindOf(data)));
            cryptoChain = true;
            return ReturnComparator.Crypto.FIRST_PIECE;
        }
        chained.reset();
        if (ins == INS_GET_RESPONSE && cryptoChain) {
            return ReturnComparator.Crypto.CONTINUATION;
        }
        cryptoChain = false;
        return ReturnComparator.Crypto.NONE;
    }

    /** SIGN when the challenge (tag 81) is a PKCS#1 v1.5 signature block, 00 01 FF .. FF 00 (RFC 8017 9.2). */
    private static KeyOperation.Kind kindOf(byte[] template) {
        for (int i = 0; i + 3 < template.length; i++) {
            if (template[i] == (byte) 0x81 && template[i + 1] == (byte) 0x82) {
                return template[i + 4] == 0 && template[i + 5] == 1 ? KeyOperation.Kind.SIGN
                        : KeyOperation.Kind.DECIPHER;
            }
        }
        return KeyOperation.Kind.DECIPHER;
    }

    private void awaitCompletion(int completionId) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (outstanding.containsKey(completionId)) {
            long left = deadline - System.nanoTime();
            byte[] pdu = poll(Math.max(left, 0));
            if (pdu == null) {
                return;
            }
            route(pdu, null);
        }
    }

    private byte[] poll(long nanos) {
        try {
            return nanos == 0 ? outputs.poll() : outputs.poll(nanos, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** Routes one client PDU: a completion to its call, anything else to {@code handshake} or as unsolicited. */
    private void route(byte[] pdu, List<RdpdrPdu> handshake) {
        RdpdrPdu decoded;
        try {
            decoded = RdpdrPdu.decodeFromClient(pdu);
        } catch (DecodeException e) {
            extra.add(StepResult.of(0, "client PDU", Verdict.UNEXPECTED_DIFFERENCE,
                    "does not decode: " + e.getMessage() + ": " + Hex.spaced(pdu)));
            return;
        }
        if (decoded instanceof DeviceIoCompletion io) {
            answered(io);
        } else if (handshake != null) {
            handshake.add(decoded);
        } else {
            extra.add(StepResult.of(0, decoded.name(), Verdict.UNEXPECTED_DIFFERENCE, "unsolicited " + decoded));
        }
    }

    private void answered(DeviceIoCompletion io) {
        Outstanding o = outstanding.remove(io.header().completionId());
        if (o == null) {
            extra.add(StepResult.of(0, "completion", Verdict.UNEXPECTED_DIFFERENCE,
                    "answer for CompletionId " + io.header().completionId() + " that no call is waiting for"));
            return;
        }
        CallStep c = o.step;
        if (io.header().ioStatus() != NtStatus.STATUS_SUCCESS) {
            results[o.index] = StepResult.of(c.step(), c.name(), Verdict.UNEXPECTED_DIFFERENCE,
                    "IoStatus " + NtStatus.name(io.header().ioStatus()) + " (recorded: 0)");
            return;
        }
        byte[] ours;
        try {
            DeviceControlResponse rsp = io.asControlResponse();
            ours = rsp.outputBuffer();
        } catch (DecodeException e) {
            results[o.index] = StepResult.of(c.step(), c.name(), Verdict.UNEXPECTED_DIFFERENCE,
                    "not a DR_CONTROL_RSP: " + e.getMessage());
            return;
        }
        if (c.answer().isEmpty()) {
            results[o.index] = ReturnComparator.result(c.step(), c.name(), Verdict.UNEXPECTED_DIFFERENCE,
                    "recorded client never answered; we did", ours, null);
            return;
        }
        byte[] recorded = c.answer().get();
        learnIds(c, ours, recorded);
        StepResult r = ReturnComparator.compare(c.step(), c.name(), c.ioctl(), ours, recorded, o.crypto, "");
        if (r.verdict() == Verdict.UNEXPECTED_DIFFERENCE) {
            r = cacheHitWhereRecordedMissed(c, ours, recorded).orElse(r);
        }
        if (!o.note.isEmpty()) {
            boolean unknownIds = o.note.startsWith("recorded ids never established");
            r = new StepResult(r.step(), r.name(), r.verdict() == Verdict.IDENTICAL && !unknownIds
                    ? Verdict.UNEXPECTED_DIFFERENCE : unknownIds && r.verdict() == Verdict.UNEXPECTED_DIFFERENCE
                    ? Verdict.EXPECTED_DIFFERENCE : r.verdict() == Verdict.IDENTICAL ? r.verdict()
                    : unknownIds ? r.verdict() : Verdict.UNEXPECTED_DIFFERENCE,
                    o.note + (r.detail().isEmpty() ? "" : "; " + r.detail()), r.ours(), r.recorded(),
                    r.firstDifference());
        }
        results[o.index] = r;
    }

    private void learnIds(CallStep c, byte[] ours, byte[] recorded) {
        if (c.ioctl() != Ioctl.ESTABLISH_CONTEXT && c.ioctl() != Ioctl.CONNECT_W && c.ioctl() != Ioctl.CONNECT_A) {
            return;
        }
        try {
            EscReturn o = EscCodecs.decodeReturn(c.ioctl(), ours);
            EscReturn r = EscCodecs.decodeReturn(c.ioctl(), recorded);
            if (o instanceof EstablishContextReturn oc && r instanceof EstablishContextReturn rc) {
                ids.learnContext(rc.context().value(), oc.context().value());
            } else if (o instanceof ConnectReturn oc && r instanceof ConnectReturn rc && oc.handle() != null
                    && rc.handle() != null) {
                ids.learnHandle(rc.handle().context().value(), rc.handle().handle(), oc.handle().handle());
            }
        } catch (DecodeException e) {
            // the comparison reports it
        }
    }

    // ---- RDPDR core PDUs

    private void pdu(int index, PduStep p) {
        String name = p.name();
        Fields f = FieldParser.parse(p.fieldLines());
        if (name.startsWith("Server Announce")) {
            send(new ServerAnnounce(f.intValue("VersionMajor"), f.intValue("VersionMinor"), f.intValue("ClientId")));
            results[index] = announceReply(p, receive(2), nextClientFields(index));
        } else if (name.startsWith("Server Core Capability")) {
            lastCapabilities = Handshake.capabilityRequest(p.fieldText());
            send(lastCapabilities);
            results[index] = capabilityReply(p, receive(1), nextClientFields(index));
        } else if (name.startsWith("Server Client ID Confirm")) {
            send(new ServerClientIdConfirm(f.intValue("VersionMajor"), f.intValue("VersionMinor"),
                    f.intValue("ClientId")));
            results[index] = deviceListReply(p, receive(1), nextClientFields(index), 1);
        } else if (name.startsWith("Server Device Announce Response")) {
            send(new ServerDeviceAnnounceResponse(f.intValue("DeviceId"), f.intValue("ResultCode")));
            results[index] = StepResult.of(p.step(), name, Verdict.IDENTICAL, "");
        } else if (name.startsWith("RDPDR restart")) {
            results[index] = restart(p, f);
        } else if (name.startsWith("Client ")) {
            results[index] = StepResult.of(p.step(), name, Verdict.SKIPPED, "checked with the server PDU before it");
        } else {
            results[index] = StepResult.of(p.step(), name, Verdict.SKIPPED, "nothing on the rdpdr channel to replay");
        }
    }

    /** Server Announce + Capabilities + Client ID Confirm again (MS-RDPEFS 3.2.5.1.2), as recorded after logon. */
    private StepResult restart(PduStep p, Fields f) {
        int clientId = f.intValue("ClientId");
        int minor = f.intValue("VersionMinor");
        List<String> problems = new ArrayList<>();
        send(new ServerAnnounce(1, minor, clientId));
        StepResult a = announceReply(p, receive(2), FieldParser.parse("ClientId=" + clientId));
        if (a.verdict() == Verdict.UNEXPECTED_DIFFERENCE) {
            problems.add(a.detail());
        }
        if (lastCapabilities != null) {
            send(lastCapabilities);
            List<RdpdrPdu> caps = receive(1);
            if (caps.size() != 1 || !(caps.get(0) instanceof ClientCoreCapabilityResponse)) {
                problems.add("capability request answered with " + names(caps));
            }
        }
        send(new ServerClientIdConfirm(1, minor, clientId));
        StepResult d = deviceListReply(p, receive(1), FieldParser.parse("DeviceCount=0"), 0);
        if (d.verdict() == Verdict.UNEXPECTED_DIFFERENCE) {
            problems.add(d.detail());
        }
        if (!problems.isEmpty()) {
            return StepResult.of(p.step(), p.name(), Verdict.UNEXPECTED_DIFFERENCE, String.join("; ", problems));
        }
        return StepResult.of(p.step(), p.name(), Verdict.EXPECTED_DIFFERENCE, "handshake redone; " + d.detail());
    }

    private StepResult announceReply(PduStep p, List<RdpdrPdu> got, Fields recorded) {
        if (got.size() != 2 || !(got.get(0) instanceof ClientAnnounceReply reply)
                || !(got.get(1) instanceof ClientNameRequest nameRequest)) {
            return StepResult.of(p.step(), p.name(), Verdict.UNEXPECTED_DIFFERENCE,
                    "expected Client Announce Reply + Client Name Request, got " + names(got));
        }
        List<String> diffs = new ArrayList<>();
        compareField(diffs, recorded, "VersionMinor", reply.versionMinor());
        compareField(diffs, recorded, "ClientId", reply.clientId());
        if (recorded.has("ComputerName") && !recorded.stringValue("ComputerName").equals(nameRequest.computerNameString())) {
            diffs.add("ComputerName \"" + nameRequest.computerNameString() + "\" (recorded \""
                    + recorded.stringValue("ComputerName") + "\")");
        }
        if (recorded.has("ClientId") && reply.clientId() != recorded.intValue("ClientId")) {
            return StepResult.of(p.step(), p.name(), Verdict.UNEXPECTED_DIFFERENCE, String.join("; ", diffs));
        }
        return diffs.isEmpty() ? StepResult.of(p.step(), p.name(), Verdict.IDENTICAL, "")
                : StepResult.of(p.step(), p.name(), Verdict.EXPECTED_DIFFERENCE, String.join("; ", diffs));
    }

    private StepResult capabilityReply(PduStep p, List<RdpdrPdu> got, Fields recorded) {
        if (got.size() != 1 || !(got.get(0) instanceof ClientCoreCapabilityResponse rsp)) {
            return StepResult.of(p.step(), p.name(), Verdict.UNEXPECTED_DIFFERENCE,
                    "expected Client Core Capability Response, got " + names(got));
        }
        String ours = Handshake.describe(rsp.capabilities());
        if (!ours.contains("SMARTCARD")) {
            return StepResult.of(p.step(), p.name(), Verdict.UNEXPECTED_DIFFERENCE, "no SMARTCARD set: " + ours);
        }
        return StepResult.of(p.step(), p.name(), Verdict.EXPECTED_DIFFERENCE, "ours: " + ours
                + " (recorded client: GENERAL SMARTCARD DRIVE, minor 12)");
    }

    private StepResult deviceListReply(PduStep p, List<RdpdrPdu> got, Fields recorded, int recordedCount) {
        if (got.size() != 1 || !(got.get(0) instanceof DeviceListAnnounce list)) {
            return StepResult.of(p.step(), p.name(), Verdict.UNEXPECTED_DIFFERENCE,
                    "expected Client Device List Announce, got " + names(got));
        }
        if (list.devices().size() != 1) {
            return StepResult.of(p.step(), p.name(), Verdict.UNEXPECTED_DIFFERENCE,
                    list.devices().size() + " devices announced");
        }
        DeviceAnnounce d = list.devices().get(0);
        String dos = new String(d.preferredDosName(), StandardCharsets.US_ASCII).replace("\0", "");
        if (d.deviceType() != DeviceType.RDPDR_DTYP_SMARTCARD || !dos.equals("SCARD")) {
            return StepResult.of(p.step(), p.name(), Verdict.UNEXPECTED_DIFFERENCE,
                    "announced " + d.deviceType() + " \"" + dos + "\"");
        }
        if (recordedCount == 0) {
            return StepResult.of(p.step(), p.name(), Verdict.EXPECTED_DIFFERENCE,
                    "we announce the smart card again (the recorded client announced 0 devices)");
        }
        return StepResult.of(p.step(), p.name(), Verdict.IDENTICAL, "");
    }

    private static void compareField(List<String> diffs, Fields recorded, String key, int ours) {
        if (recorded.has(key) && recorded.intValue(key) != ours) {
            diffs.add(key + " " + ours + " (recorded " + recorded.intValue(key) + ")");
        }
    }

    /** The fields of the client-side step right after {@code index}, if it is one. */
    private Fields nextClientFields(int index) {
        List<Step> steps = script.steps();
        if (index + 1 < steps.size() && steps.get(index + 1) instanceof PduStep next
                && next.name().startsWith("Client ")) {
            return FieldParser.parse(next.fieldLines());
        }
        return FieldParser.parse(List.of());
    }

    private void send(RdpdrPdu pdu) {
        byte[] encoded = pdu.encode();
        serverPdus.accept(encoded);
        channel.receive(encoded);
    }

    /** Waits for {@code count} handshake PDUs (completions that arrive meanwhile are routed to their calls). */
    private List<RdpdrPdu> receive(int count) {
        List<RdpdrPdu> got = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (got.size() < count) {
            byte[] pdu = poll(Math.max(deadline - System.nanoTime(), 0));
            if (pdu == null) {
                break;
            }
            route(pdu, got);
        }
        return got;
    }

    /** Routes whatever has arrived, without waiting. */
    private void drain(long unused) {
        byte[] pdu;
        while ((pdu = outputs.poll()) != null) {
            route(pdu, null);
        }
    }

    private static String names(List<RdpdrPdu> pdus) {
        return pdus.isEmpty() ? "nothing" : pdus.stream().map(RdpdrPdu::name).toList().toString();
    }
}
