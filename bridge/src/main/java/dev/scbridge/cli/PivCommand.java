package dev.scbridge.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/**
 * {@code scbridge piv}: the host-side PIV client against any reader, real or virtual, in the spirit of
 * {@code ykman piv} and {@code yubico-piv-tool}. Card errors are one line and exit 1; bad arguments exit 2.
 */
@Command(name = "piv", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Use the PIV application of a smart card or YubiKey.",
        subcommands = {PivInfoCommand.class, PivVerifyPinCommand.class, PivChangePinCommand.class,
            PivUnblockPinCommand.class, PivGenerateCommand.class, PivImportCertCommand.class,
            PivExportCertCommand.class, PivSignTestCommand.class, PivResetCommand.class})
final class PivCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(),
                "missing command (one of: " + String.join(", ", spec.subcommands().keySet()) + ")");
    }
}
