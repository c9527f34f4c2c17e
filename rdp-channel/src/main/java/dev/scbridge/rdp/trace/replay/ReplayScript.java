package dev.scbridge.rdp.trace.replay;

import dev.scbridge.rdp.esc.Ioctl;
import dev.scbridge.rdp.trace.FieldParser;
import dev.scbridge.rdp.trace.Fields;
import dev.scbridge.rdp.trace.VectorBlock;
import dev.scbridge.rdp.trace.VectorFormatException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A recorded exchange in the block format of {@code shared/vectors/README.md}, cut into steps: each
 * {@code <IOCTL>_Call (step N cid=C)} with its {@code <IOCTL>_Return} (the next Return of that IOCTL and
 * CompletionId before the CompletionId is reused; none for a call the client kept pending), and each
 * {@code step N <title>} block (RDPDR handshake, elided ranges, the restart). Parsed once, replayed many times.
 */
public record ReplayScript(List<Step> steps) {
    /** RDPDR default of the recording's header: every request unless stated says OutputBufferLength=2048. */
    static final int DEFAULT_OUTPUT_BUFFER_LENGTH = 2048;
    private static final Pattern CALL = Pattern.compile("([A-Z]+)_(Call|Return) \\(step (\\d+) cid=(\\d+)\\)");
    private static final Pattern OTHER = Pattern.compile("step (\\d+) (.*)");

    public ReplayScript {
        steps = List.copyOf(steps);
    }

    /** One unit of the recording. */
    public sealed interface Step permits CallStep, PduStep {
        int step();

        String name();
    }

    /**
     * A DR_CONTROL_REQ the server sent and what the recorded client answered.
     *
     * @param ioctl    the IOCTL, from the block name
     * @param params   the call's parameter facts (every {@code fields:} line after the header line)
     * @param rawInput the InputBuffer when the block gives {@code hex:} instead of fields
     * @param answer   the recorded OutputBuffer, empty when the client never answered
     */
    public record CallStep(int step, Ioctl ioctl, String name, int completionId, int ioControlCode,
            int inputBufferLength, int outputBufferLength, Fields params, List<String> paramLines,
            Optional<byte[]> rawInput, Optional<byte[]> answer, int answerStep) implements Step {
        public CallStep {
            paramLines = List.copyOf(paramLines);
            rawInput = rawInput.map(byte[]::clone);
            answer = answer.map(byte[]::clone);
        }

        @Override
        public Optional<byte[]> rawInput() {
            return rawInput.map(byte[]::clone);
        }

        @Override
        public Optional<byte[]> answer() {
            return answer.map(byte[]::clone);
        }
    }

    /** A {@code step N <title>} block: a handshake PDU, an elided range or a note. */
    public record PduStep(int step, String name, List<String> fieldLines) implements Step {
        public PduStep {
            fieldLines = List.copyOf(fieldLines);
        }

        public String fieldText() {
            return String.join(" ", fieldLines);
        }
    }

    public static ReplayScript parse(List<VectorBlock> blocks) {
        List<Step> out = new ArrayList<>();
        for (int i = 0; i < blocks.size(); i++) {
            VectorBlock b = blocks.get(i);
            Matcher call = CALL.matcher(b.name());
            if (call.matches()) {
                if (call.group(2).equals("Call")) {
                    out.add(callStep(blocks, i, call));
                }
                continue;
            }
            Matcher other = OTHER.matcher(b.name());
            if (other.matches()) {
                out.add(new PduStep(Integer.parseInt(other.group(1)), other.group(2), b.fields()));
            }
        }
        return new ReplayScript(out);
    }

    public List<CallStep> calls() {
        return steps.stream().filter(CallStep.class::isInstance).map(CallStep.class::cast).toList();
    }

    private static CallStep callStep(List<VectorBlock> blocks, int index, Matcher m) {
        VectorBlock b = blocks.get(index);
        Ioctl ioctl = Ioctl.fromName(m.group(1)).orElseThrow(
                () -> new VectorFormatException(b.name(), b.lineNumber(), "unknown IOCTL " + m.group(1)));
        int step = Integer.parseInt(m.group(3));
        String cid = m.group(4);
        if (b.fields().isEmpty() && b.hex().isEmpty()) {
            throw new VectorFormatException(b.name(), b.lineNumber(), "a call needs fields: or hex:");
        }
        Fields header = FieldParser.parse(b.fields().isEmpty() ? List.of() : List.of(b.fields().get(0)));
        List<String> paramLines = b.fields().size() > 1 ? b.fields().subList(1, b.fields().size()) : List.of();
        Fields params = FieldParser.parse(paramLines);
        int completionId = header.has("CompletionId") ? header.intValue("CompletionId") : Integer.parseInt(cid);
        int code = header.has("IoControlCode") ? header.intValue("IoControlCode") : ioctl.code();
        int inLength = header.has("InputBufferLength") ? header.intValue("InputBufferLength")
                : b.hex().map(h -> h.length).orElse(-1);
        int outLength = header.has("OutputBufferLength") ? header.intValue("OutputBufferLength")
                : DEFAULT_OUTPUT_BUFFER_LENGTH;
        Optional<byte[]> answer = Optional.empty();
        int answerStep = -1;
        for (int j = index + 1; j < blocks.size(); j++) {
            Matcher r = CALL.matcher(blocks.get(j).name());
            if (!r.matches() || !r.group(4).equals(cid)) {
                continue;
            }
            if (r.group(2).equals("Call")) {
                break;
            }
            if (r.group(1).equals(m.group(1))) {
                answer = blocks.get(j).hex();
                answerStep = Integer.parseInt(r.group(3));
            }
            break;
        }
        return new CallStep(step, ioctl, m.group(1), completionId, code, inLength, outLength, params, paramLines,
                b.hex(), answer, answerStep);
    }
}
