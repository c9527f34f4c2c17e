package dev.scbridge.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/** {@code scbridge session}: session credentials from a persistent CA, for admins trying them out. */
@Command(name = "session",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Session credentials (certificate, card, PIN) from a CA made with 'scbridge ca init'.",
        subcommands = {SessionOpenCommand.class, CommandLine.HelpCommand.class})
final class SessionCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(),
                "missing command (one of: " + String.join(", ", spec.subcommands().keySet()) + ")");
    }
}
