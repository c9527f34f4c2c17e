package dev.scbridge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scbridge.rdp.trace.Vectors;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class RdpReplayCommandTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cmd = new CommandLine(new RdpReplayCommand());
        cmd.setOut(new PrintWriter(out));
        cmd.setErr(new PrintWriter(err));
        return cmd.execute(args);
    }

    @Test
    void windowsLogonTrace_printsEveryStepAndASummary() {
        int code = run(Vectors.file("windows-logon-trace.txt").toString());
        String text = out.toString();
        assertThat(text).contains("step 045 TRANSMIT IDENTICAL", "step 024 GETSTATUSCHANGEW PENDING_AS_RECORDED",
                "step 332 TRANSMIT EXPECTED_DIFFERENCE", "  ours:     ", "  recorded: ",
                "private-key operation: step 332 SIGN key 9A alg 07");
        assertThat(text.lines().reduce((a, b) -> b).orElseThrow()).startsWith("353 steps:".replace("353",
                String.valueOf(text.lines().filter(l -> l.startsWith("step ")).count())));
        assertThat(code).as(text).isZero();
        assertThat(text).doesNotContain("unexpected").contains("cache hit on what an earlier step wrote");
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void missingFile_exit2OneLine() {
        assertThat(run("/nonexistent/trace.txt")).isEqualTo(2);
        assertThat(err.toString().lines()).hasSize(1);
        assertThat(err.toString()).contains("no such file");
    }

    @Test
    void noArgument_exit2OneLine() {
        assertThat(run()).isEqualTo(2);
        assertThat(err.toString().lines()).hasSize(1);
    }

    @Test
    void notATrace_exit2OneLine(@TempDir Path dir) throws Exception {
        Path f = Files.writeString(dir.resolve("x.txt"), "# name: hello\n# source: test\nfields: a=1\n");
        assertThat(run(f.toString())).isEqualTo(2);
        assertThat(err.toString().lines()).hasSize(1);
    }
}
