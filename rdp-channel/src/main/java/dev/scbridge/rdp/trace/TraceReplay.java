package dev.scbridge.rdp.trace;

import dev.scbridge.rdp.RdpdrSmartCardChannel;
import dev.scbridge.rdp.scard.ScardService;
import dev.scbridge.rdp.trace.replay.ReplayResult;
import dev.scbridge.rdp.trace.replay.ReplayRun;
import dev.scbridge.rdp.trace.replay.ReplayScript;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Replays the server side of a recorded RDPDR smart-card exchange (the block format of
 * {@code shared/vectors/README.md}, e.g. {@code windows-logon-trace.txt}) against a fresh
 * {@link RdpdrSmartCardChannel}, and compares every client answer with the recorded one.
 *
 * <p>Handshake blocks become server PDUs built from their fields (MS-RDPEFS 2.2.2) and the client's replies are
 * checked by kind; each {@code <IOCTL>_Call} becomes a DR_CONTROL_REQ (MS-RDPEFS 2.2.1.4.5) with the recorded
 * CompletionId, IoControlCode and OutputBufferLength, its MS-RDPESC call built from the fields (its length checked
 * against the recorded InputBufferLength) or taken from {@code hex:}. Recorded context and handle values are
 * mapped to the ones our service issued. Answers are paired by CompletionId and judged by
 * {@link dev.scbridge.rdp.trace.replay.Verdict}.
 */
public final class TraceReplay {
    /** How long to wait for an answer the recording has; in-process answers come in microseconds. */
    public static final Duration DEFAULT_ANSWER_TIMEOUT = Duration.ofSeconds(10);

    private final ReplayScript script;
    private final Supplier<ScardService> services;
    private final String computerName;
    private final Duration answerTimeout;

    private TraceReplay(ReplayScript script, Supplier<ScardService> services, String computerName,
            Duration answerTimeout) {
        this.script = Objects.requireNonNull(script, "script");
        this.services = Objects.requireNonNull(services, "services");
        this.computerName = Objects.requireNonNull(computerName, "computerName");
        this.answerTimeout = Objects.requireNonNull(answerTimeout, "answerTimeout");
    }

    /** The recorded exchange in {@code file}. */
    public static ReplayScript script(Path file) {
        return ReplayScript.parse(VectorFile.parse(file));
    }

    public static ReplayScript script(List<VectorBlock> blocks) {
        return ReplayScript.parse(blocks);
    }

    /**
     * @param services     a fresh service per RDPDR generation, all over the same card backend
     * @param computerName the name the channel announces ("teleport" in the Windows logon recording)
     */
    public static TraceReplay of(ReplayScript script, Supplier<ScardService> services, String computerName) {
        return new TraceReplay(script, services, computerName, DEFAULT_ANSWER_TIMEOUT);
    }

    public TraceReplay withAnswerTimeout(Duration timeout) {
        return new TraceReplay(script, services, computerName, timeout);
    }

    /** Runs the whole script against a new channel; the channel is closed afterwards. */
    public ReplayResult run() {
        return run(pdu -> { });
    }

    /** {@link #run()}, showing {@code serverPdus} every PDU sent to the channel, in order. */
    public ReplayResult run(java.util.function.Consumer<byte[]> serverPdus) {
        try (ReplayRun run = new ReplayRun(script, services, computerName, answerTimeout, serverPdus)) {
            return run.execute();
        }
    }
}
