package dev.scbridge.cli;

import dev.scbridge.rdp.trace.Vectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code rdp decode}, run as its own command line with the handlers {@link Main} installs (the parent
 * {@code rdp} command is registered separately).
 */
class RdpDecodeCommandTest {
    /** Client Device List Announce with one smart card (MS-RDPEFS 2.2.2.9). */
    private static final String DEVICE_LIST_ANNOUNCE =
            "72 44 41 44 01 00 00 00 20 00 00 00 01 00 00 00 53 43 41 52 44 00 00 00 00 00 00 00";

    private record Run(int code, String out, String err) {
    }

    private static Run run(String stdin, String... args) {
        RdpDecodeCommand command = new RdpDecodeCommand();
        command.stdin = new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8));
        CommandLine cmd = new CommandLine(command);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        cmd.setParameterExceptionHandler(ErrorHandlers::usage);
        cmd.setExecutionExceptionHandler(ErrorHandlers::failure);
        return new Run(cmd.execute(args), out.toString(), err.toString());
    }

    @Test
    void stdin_bareHex_decodesAndExits0() {
        Run r = run(DEVICE_LIST_ANNOUNCE + "\n", "-", "--check");
        assertThat(r.code()).isZero();
        assertThat(r.err()).isEmpty();
        assertThat(r.out()).contains("deviceType = RDPDR_DTYP_SMARTCARD")
                .endsWith("decoded 1, re-encoded identically 1, failed 0, skipped 0" + System.lineSeparator());
    }

    @Test
    void vectorFile_decodes() {
        Run r = run("", Vectors.file("rdpefs-device.txt").toString(), "--check");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("Server Announce Request (MS-RDPEFS 2.2.2.2), sent server->client")
                .contains("decoded 5, re-encoded identically 5, failed 0, skipped 3");
    }

    @Test
    void failedBlock_exits1_andSummarisesEachFile(@TempDir Path dir) throws IOException {
        Path bad = Files.writeString(dir.resolve("bad.hex"), "72 44 41\n");
        Path good = Files.writeString(dir.resolve("good.hex"), DEVICE_LIST_ANNOUNCE + "\n");
        Run r = run("", good.toString(), bad.toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).isEmpty();
        assertThat(r.out()).contains("# " + good + ": decoded 1, re-encoded identically 0, failed 0, skipped 0")
                .contains("FAILED decode: field RDPDR_HEADER")
                .endsWith("decoded 1, re-encoded identically 0, failed 1, skipped 0" + System.lineSeparator());
    }

    @Test
    void missingFile_isOneLineUsageError(@TempDir Path dir) {
        Path missing = dir.resolve("nope.txt");
        Run r = run("", missing.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err().lines()).containsExactly(
                "decode: cannot read " + missing + " (NoSuchFileException) (see 'decode --help')");
    }

    @Test
    void notHexNorBlocks_isOneLineFailure() {
        Run r = run("hello world\n", "-");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err().lines()).containsExactly(
                "decode: not a vector or hex file: <stdin>:1: not a hex byte string: hello world");
    }

    @Test
    void noFile_isUsageError() {
        Run r = run("");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().lines()).hasSize(1);
        assertThat(r.err()).startsWith("decode: missing required parameter");
    }
}
