package dev.scbridge.cli;

import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

import java.util.List;

/** Turns every failure into exactly one line on stderr and an exit code (2: command line, 1: everything else). */
final class ErrorHandlers {
    /** A message longer than this is cut: one line means one readable line. */
    static final int MAX_MESSAGE = 300;

    private ErrorHandlers() {
    }

    /** picocli IParameterExceptionHandler: {@code scbridge: unknown option '--x' (see 'scbridge --help')}, exit 2. */
    static int usage(ParameterException ex, String[] args) {
        CommandLine cmd = ex.getCommandLine();
        CommandSpec spec = cmd.getCommandSpec();
        cmd.getErr().println(spec.root().name() + ": " + clean(describe(ex, spec))
                + " (see '" + spec.qualifiedName() + " --help')");
        cmd.getErr().flush();
        return Main.USAGE;
    }

    /** picocli IExecutionExceptionHandler: {@code scbridge: <what failed>}, exit 1. */
    static int failure(Exception ex, CommandLine cmd, ParseResult parseResult) {
        String msg = ex instanceof CliFailure ? ex.getMessage() : "internal error: " + oneLine(ex);
        cmd.getErr().println(cmd.getCommandSpec().root().name() + ": " + clean(msg));
        cmd.getErr().flush();
        return Main.FAILED;
    }

    private static String describe(ParameterException ex, CommandSpec spec) {
        if (ex instanceof UnmatchedArgumentException u) {
            List<String> unmatched = u.getUnmatched();
            String first = unmatched.isEmpty() ? "" : unmatched.get(0);
            if (first.startsWith("-")) {
                return "unknown option '" + first + "'";
            }
            if (!spec.subcommands().isEmpty()) {
                return "unknown command '" + first + "'";
            }
            return "unexpected argument '" + first + "'";
        }
        String msg = ex.getMessage() == null ? "invalid command line" : ex.getMessage();
        return msg.isEmpty() ? msg : Character.toLowerCase(msg.charAt(0)) + msg.substring(1);
    }

    /** {@code SimpleName: first line of the message} of a throwable, for failures we did not anticipate. */
    static String oneLine(Throwable t) {
        String msg = t.getMessage() == null ? "" : t.getMessage().lines().findFirst().orElse("");
        return t.getClass().getSimpleName() + (msg.isEmpty() ? "" : ": " + msg);
    }

    /**
     * One printable line: line breaks, control and format characters (a bidi override in a user's argument, say)
     * shown as {@code \\uXXXX}, never interpreted; cut at {@value #MAX_MESSAGE} characters.
     */
    static String clean(String s) {
        StringBuilder b = new StringBuilder(Math.min(s.length(), MAX_MESSAGE + 3));
        for (int i = 0; i < s.length() && b.length() < MAX_MESSAGE; i++) {
            char c = s.charAt(i);
            int type = Character.getType(c);
            if (Character.isISOControl(c) || type == Character.FORMAT || type == Character.LINE_SEPARATOR
                    || type == Character.PARAGRAPH_SEPARATOR || type == Character.SURROGATE) {
                b.append(String.format("\\u%04X", (int) c));
            } else {
                b.append(c);
            }
        }
        if (b.length() >= MAX_MESSAGE) {
            b.setLength(MAX_MESSAGE);
            b.append("...");
        }
        return b.toString();
    }
}
