package dev.scbridge.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/** {@code scbridge card}: the software PIV card on this machine. Subcommands: {@code serve}. */
@Command(name = "card",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "The software PIV card on this machine.",
        subcommands = {CardServeCommand.class})
final class CardCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(),
                "missing command (one of: " + String.join(", ", spec.subcommands().keySet()) + ")");
    }
}
