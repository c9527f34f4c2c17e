package dev.scbridge.cli;

import dev.scbridge.rdp.trace.TraceDecoder;
import dev.scbridge.rdp.trace.VectorFormatException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code scbridge rdp decode FILE...|- [--check]}: prints every block of a vector file (shared/vectors block
 * format) or of a bare-hex file (one RDPDR PDU per line) field by field, with {@code --check} re-encodes each and
 * reports differences, and ends with {@code decoded N, re-encoded identically M, failed F, skipped S}.
 * Exit 0 if nothing failed, 1 if a block failed or a file is not in either format, 2 for a bad command line or an
 * input file that cannot be read (as {@code piv import-cert} treats its certificate file).
 */
@Command(name = "decode", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Decode RDPDR PDUs and MS-RDPESC structures from vector files or hex lines.",
            "A block named <Ioctl>_Call or <Ioctl>_Return (e.g. ListReadersW_Return) is that IOCTL's NDR body;",
            "anything else is a whole RDPDR PDU. Exit 1 if any block failed."})
final class RdpDecodeCommand implements Callable<Integer> {
    /** Largest input read, file or stdin: the whole shared vector set is under 1 MiB; a long trace fits easily. */
    static final long MAX_INPUT_BYTES = 64L * 1024 * 1024;
    static final String STDIN = "-";

    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "FILE",
            description = "Vector or hex files to decode; '-' reads standard input.")
    List<String> files = new ArrayList<>();

    @Option(names = "--check", description = "Re-encode every decoded block and report any byte that differs.")
    boolean check;

    /** Standard input; tests replace it. */
    InputStream stdin = System.in;

    @Override
    public Integer call() throws CliFailure {
        List<String> texts = new ArrayList<>();
        for (String f : files) {
            texts.add(read(f));
        }
        PrintWriter out = spec.commandLine().getOut();
        TraceDecoder.Result total = TraceDecoder.Result.empty();
        for (int i = 0; i < files.size(); i++) {
            String name = files.get(i).equals(STDIN) ? "<stdin>" : files.get(i);
            TraceDecoder.Result r;
            try {
                r = TraceDecoder.decode(texts.get(i), name, check);
            } catch (VectorFormatException e) {
                throw new CliFailure("not a vector or hex file: " + e.getMessage(), e);
            }
            if (files.size() > 1) {
                out.println("# " + name + ": " + r.summary());
            }
            r.lines().forEach(out::println);
            total = total.plus(r);
        }
        out.println(total.summary());
        out.flush();
        return total.failed() > 0 ? Main.FAILED : Main.OK;
    }

    private String read(String file) {
        try {
            byte[] bytes;
            if (file.equals(STDIN)) {
                bytes = stdin.readNBytes((int) MAX_INPUT_BYTES + 1);
            } else {
                Path p = Path.of(file);
                if (Files.size(p) > MAX_INPUT_BYTES) {
                    throw usage(file + " is over " + MAX_INPUT_BYTES + " bytes");
                }
                bytes = Files.readAllBytes(p);
            }
            if (bytes.length > MAX_INPUT_BYTES) {
                throw usage("standard input is over " + MAX_INPUT_BYTES + " bytes");
            }
            return new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            if (e instanceof ParameterException p) {
                throw p;
            }
            throw usage("cannot read " + (file.equals(STDIN) ? "standard input" : file) + " ("
                    + e.getClass().getSimpleName() + ")");
        }
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
