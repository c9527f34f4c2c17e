package dev.scbridge.cli;

import dev.scbridge.card.PivCard;
import dev.scbridge.pcsc.virtual.VirtualPcsc;
import dev.scbridge.rdp.scard.ReaderFilter;
import dev.scbridge.rdp.scard.ScardService;
import dev.scbridge.rdp.trace.TraceReplay;
import dev.scbridge.rdp.trace.VectorFormatException;
import dev.scbridge.rdp.trace.replay.KeyOperation;
import dev.scbridge.rdp.trace.replay.RecordedCard;
import dev.scbridge.rdp.trace.replay.ReplayResult;
import dev.scbridge.rdp.trace.replay.ReplayScript;
import dev.scbridge.rdp.trace.replay.StepResult;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code scbridge rdp replay FILE}: replays the server side of a recorded RDPDR smart-card exchange (the block
 * format of shared/vectors, e.g. windows-logon-trace.txt) against our channel, service and a session card built
 * from the recording (its ATR, PIN and objects; a fresh RSA-2048 key in 9A), and prints our answer next to the
 * recorded one. Exit 0 when nothing differs unexpectedly, 1 otherwise, 2 for a bad command line or file.
 */
@Command(name = "replay", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Replay a recorded RDP smart-card exchange against scbridge and compare the answers.",
            "Exit 0: only expected differences (ids, signatures); 1: unexpected differences; 2: bad input."})
public final class RdpReplayCommand implements Callable<Integer> {
    /** The reader name the recorded card sat in (windows-logon-trace.txt header). */
    static final String READER = "Teleport";
    private static final String COMPUTER_NAME = "teleport";

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "FILE", description = "The recorded exchange (vector block format).")
    Path file;

    @Override
    public Integer call() throws CliFailure {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (file == null) {
            return usage(err, "missing FILE");
        }
        if (!Files.isRegularFile(file)) {
            return usage(err, "no such file: " + file);
        }
        ReplayScript script;
        RecordedCard recorded;
        try {
            script = TraceReplay.script(file);
            recorded = RecordedCard.from(script);
        } catch (VectorFormatException | IllegalArgumentException e) {
            return usage(err, "not a replayable trace: " + ErrorHandlers.clean(String.valueOf(e.getMessage())));
        }
        if (script.calls().isEmpty()) {
            return usage(err, "no *_Call blocks in " + file);
        }
        PivCard card = recorded.build(freshKey(), new SecureRandom());
        VirtualPcsc pcsc = new VirtualPcsc();
        pcsc.addReader(READER);
        pcsc.insertCard(READER, card);
        ReplayResult result = TraceReplay.of(script, () -> new ScardService(pcsc, ReaderFilter.only(READER)),
                COMPUTER_NAME).run();
        for (StepResult s : result.steps()) {
            out.println(s.describe());
        }
        for (KeyOperation k : result.keyOperations()) {
            out.println("private-key operation: " + k);
        }
        out.println(result.summary() + (result.clean() ? "" : "; " + result.problems().size() + " unexpected"));
        out.flush();
        return result.clean() ? Main.OK : Main.FAILED;
    }

    private int usage(PrintWriter err, String message) {
        err.println(spec.qualifiedName() + ": " + message);
        err.flush();
        return Main.USAGE;
    }

    private static KeyPair freshKey() throws CliFailure {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048);
            return g.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new CliFailure("RSA key generation is not available: " + e.getMessage(), e);
        }
    }
}
