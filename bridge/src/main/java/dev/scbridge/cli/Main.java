package dev.scbridge.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;

/**
 * {@code scbridge}: the top-level command. Subcommands are listed once, in the annotation; the planned ones (card,
 * readers, piv, ca, serve) join it as their issues land, each a small class in this package.
 */
@Command(name = "scbridge",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "A software PIV smart card for Windows smart-card logon over RDP.",
        subcommands = {DemoCommand.class, CaCommand.class, CardCommand.class, PivCommand.class, ReadersCommand.class,
            RdpCommand.class, SessionCommand.class,
            CommandLine.HelpCommand.class, picocli.AutoComplete.GenerateCompletion.class},
        usageHelpAutoWidth = true)
public final class Main implements Callable<Integer> {
    /** Exit code for success. */
    public static final int OK = 0;
    /** Exit code for a card or runtime failure. */
    public static final int FAILED = 1;
    /** Exit code for a bad command line. */
    public static final int USAGE = 2;
    @Spec
    CommandSpec spec;

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        int code = run(args, out, err);
        out.flush();
        err.flush();
        System.exit(code);
    }

    /** Runs the command line in-process and returns the exit code; what the process would print goes to out/err. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        try {
            return commandLine(out, err).execute(args);
        } catch (Throwable t) {
            // Errors (not Exceptions) bypass picocli's handlers; the contract still holds: one line, no trace.
            err.println("scbridge: internal error: " + ErrorHandlers.oneLine(t));
            err.flush();
            return FAILED;
        }
    }

    static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        CommandLine cmd = new CommandLine(new Main());
        cmd.setOut(out);
        cmd.setErr(err);
        cmd.setParameterExceptionHandler(ErrorHandlers::usage);
        cmd.setExecutionExceptionHandler(ErrorHandlers::failure);
        addIfPresent(cmd, SIDECAR_SERVE);
        return cmd;
    }

    /**
     * {@code scbridge serve}, the gRPC sidecar: a module above bridge (it depends on it), so it is found by name
     * when the runnable jar (dist/) includes it and simply absent otherwise.
     */
    static final String SIDECAR_SERVE = "dev.scbridge.sidecar.ServeCommand";

    private static void addIfPresent(CommandLine cmd, String className) {
        try {
            cmd.addSubcommand(Class.forName(className).getDeclaredConstructor().newInstance());
        } catch (ReflectiveOperationException | LinkageError absent) {
            // built without the sidecar: no 'serve'
        }
    }

    /** {@code scbridge} alone: a usage error (which command?), not a silent success. */
    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(),
                "missing command (one of: " + String.join(", ", spec.subcommands().keySet()) + ")");
    }
}
