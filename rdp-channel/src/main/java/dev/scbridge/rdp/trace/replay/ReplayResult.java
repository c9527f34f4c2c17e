package dev.scbridge.rdp.trace.replay;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** Every step's verdict, in recorded order, and the private-key operations the card performed. */
public record ReplayResult(List<StepResult> steps, List<KeyOperation> keyOperations) {
    public ReplayResult {
        steps = List.copyOf(steps);
        keyOperations = List.copyOf(keyOperations);
    }

    public Map<Verdict, Integer> counts() {
        Map<Verdict, Integer> counts = new EnumMap<>(Verdict.class);
        for (Verdict v : Verdict.values()) {
            counts.put(v, 0);
        }
        steps.forEach(s -> counts.merge(s.verdict(), 1, Integer::sum));
        return counts;
    }

    public int count(Verdict v) {
        return counts().get(v);
    }

    /** Unexpected differences and missing answers: the findings. */
    public List<StepResult> problems() {
        return steps.stream().filter(s -> s.verdict() == Verdict.UNEXPECTED_DIFFERENCE
                || s.verdict() == Verdict.MISSING_ANSWER).toList();
    }

    public boolean clean() {
        return problems().isEmpty();
    }

    /** {@code 353 steps: 120 IDENTICAL, ...; 3 private-key operations}. */
    public String summary() {
        StringBuilder b = new StringBuilder().append(steps.size()).append(" steps:");
        counts().forEach((v, n) -> b.append(' ').append(v).append('=').append(n));
        return b.append("; private-key operations: ").append(keyOperations.size()).toString();
    }
}
