package dev.scbridge.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/** {@code scbridge rdp}: the RDP smart-card channel, for people who debug it. */
@Command(name = "rdp",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "The RDP smart-card channel (rdpdr / MS-RDPESC): serve it, decode it, replay it.",
        subcommands = {RdpServeCommand.class, RdpDecodeCommand.class, RdpReplayCommand.class,
            CommandLine.HelpCommand.class})
final class RdpCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(),
                "missing command (one of: " + String.join(", ", spec.subcommands().keySet()) + ")");
    }
}
