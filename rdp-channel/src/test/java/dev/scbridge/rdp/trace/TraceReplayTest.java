package dev.scbridge.rdp.trace;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scbridge.apdu.Hex;
import dev.scbridge.card.PivCard;
import dev.scbridge.pcsc.virtual.VirtualPcsc;
import dev.scbridge.rdp.scard.ReaderFilter;
import dev.scbridge.rdp.scard.ScardService;
import dev.scbridge.rdp.trace.replay.KeyOperation;
import dev.scbridge.rdp.trace.replay.RecordedCard;
import dev.scbridge.rdp.trace.replay.ReplayResult;
import dev.scbridge.rdp.trace.replay.ReplayScript;
import dev.scbridge.rdp.trace.replay.StepResult;
import dev.scbridge.rdp.trace.replay.Verdict;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Replays vectors/windows-logon-trace.txt (Teleport's debug log of a real Windows logon) end to end. */
class TraceReplayTest {
    private static final String READER = "Teleport";
    /** ReadCacheW steps of the second card session that hit on entries the first wrote (recorded: a miss). */
    private static final java.util.List<Integer> CACHE_HITS_THE_RECORDING_MISSED =
            java.util.List.of(251, 255, 259, 263, 267, 271, 296);
    private static ReplayScript script;
    private static RecordedCard recorded;
    private static KeyPair key;

    @BeforeAll
    static void load() throws Exception {
        script = TraceReplay.script(Vectors.file("windows-logon-trace.txt"));
        recorded = RecordedCard.from(script);
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        key = g.generateKeyPair();
    }

    static ReplayResult replay() {
        PivCard card = recorded.build(key, new SecureRandom());
        VirtualPcsc pcsc = new VirtualPcsc();
        pcsc.addReader(READER);
        pcsc.insertCard(READER, card);
        return TraceReplay.of(script, () -> new ScardService(pcsc, ReaderFilter.only(READER)), "teleport").run();
    }

    @Test
    void recordedCard_factsComeFromTheTrace() {
        assertThat(Hex.spaced(recorded.atr())).isEqualTo("3B 95 13 81 01 80 73 FF 01 00 0B");
        assertThat(recorded.pin()).contains("70472168");
        assertThat(recorded.objects()).containsKeys(0x5FC102, 0x5FC105);
        assertThat(recorded.objects().get(0x5FC102)).hasSize(59);
        assertThat(recorded.absent()).contains(0x5FC10A, 0x5FC10B, 0x5FC101, 0x5FC10C, 0x5FC107);
        assertThat(Hex.spaced(recorded.selectAnswer().orElseThrow()))
                .isEqualTo("61 11 4F 06 00 00 10 00 01 00 79 07 4F 05 A0 00 00 03 08 90 00");
    }

    @Test
    void everyStepIsBuiltAndAnswered() {
        assertThat(script.steps()).hasSize(353 - countReturns());
        ReplayResult result = replay();
        String report = result.steps().stream().filter(s -> s.verdict() != Verdict.IDENTICAL)
                .map(StepResult::describe).collect(Collectors.joining("\n"));
        assertThat(result.problems()).as(report).isEmpty();
        // the recorded client lost its cache between Windows' two card sessions; ours returns what was written
        assertThat(result.steps()).filteredOn(st -> st.detail().startsWith("cache hit"))
                .extracting(StepResult::step).containsExactlyElementsOf(CACHE_HITS_THE_RECORDING_MISSED);
        assertThat(result.count(Verdict.PENDING_AS_RECORDED)).isEqualTo(1);
        assertThat(result.keyOperations()).extracting(KeyOperation::kind).containsExactly(
                KeyOperation.Kind.SIGN, KeyOperation.Kind.DECIPHER, KeyOperation.Kind.SIGN);
    }

    private static int countReturns() {
        return (int) VectorFile.parse(Vectors.file("windows-logon-trace.txt")).stream()
                .filter(b -> b.name().contains("_Return")).count();
    }
}
