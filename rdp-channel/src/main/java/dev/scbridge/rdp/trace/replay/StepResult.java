package dev.scbridge.rdp.trace.replay;

import dev.scbridge.apdu.Hex;
import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of one replayed step.
 *
 * @param step      the step number of the recording ({@code step 045}); 0 for findings outside any step
 * @param name      the IOCTL or PDU name, e.g. {@code "TRANSMIT"} or {@code "Server Announce Request"}
 * @param detail    why it is not identical (empty when it is)
 * @param ours      our OutputBuffer (or reply summary), if we answered
 * @param recorded  the recorded OutputBuffer, if the recording has bytes
 * @param firstDifference byte offset of the first difference, or -1
 */
public record StepResult(int step, String name, Verdict verdict, String detail, Optional<byte[]> ours,
        Optional<byte[]> recorded, int firstDifference) {

    public StepResult {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(detail, "detail");
        ours = ours.map(byte[]::clone);
        recorded = recorded.map(byte[]::clone);
    }

    static StepResult of(int step, String name, Verdict verdict, String detail) {
        return new StepResult(step, name, verdict, detail, Optional.empty(), Optional.empty(), -1);
    }

    @Override
    public Optional<byte[]> ours() {
        return ours.map(byte[]::clone);
    }

    @Override
    public Optional<byte[]> recorded() {
        return recorded.map(byte[]::clone);
    }

    /** One line: {@code step 045 TRANSMIT IDENTICAL} plus the reason when there is one. */
    public String summary() {
        return String.format("step %03d %s %s%s", step, name, verdict, detail.isEmpty() ? "" : ": " + detail);
    }

    /** {@link #summary()} plus both hex strings for a difference. */
    public String describe() {
        StringBuilder b = new StringBuilder(summary());
        if (verdict == Verdict.UNEXPECTED_DIFFERENCE || verdict == Verdict.EXPECTED_DIFFERENCE) {
            ours.ifPresent(o -> b.append("\n  ours:     ").append(Hex.spaced(o)));
            recorded.ifPresent(r -> b.append("\n  recorded: ").append(Hex.spaced(r)));
            if (firstDifference >= 0) {
                b.append("\n  first difference at offset ").append(firstDifference);
            }
        }
        return b.toString();
    }
}
