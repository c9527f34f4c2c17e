package dev.scbridge.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/**
 * {@code scbridge piv reset --force}: block the PIN and the PUK, then the YubiKey RESET (INS FB), as ykman
 * {@code piv reset} and yubico-piv-tool {@code -a reset} do. Every key, certificate and object is erased.
 */
@Command(name = "reset", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Erase the PIV application: keys, certificates and data; restore the default PIN, PUK and "
                + "management key.", "Spends all PIN and PUK tries first (the card allows a reset only then)."})
final class PivResetCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    PivOptions.Reader reader;

    @Option(names = {"-f", "--force"}, description = "Confirm the reset: nothing on the card survives it.")
    boolean force;

    @Override
    public Integer call() throws CliFailure {
        if (!force) {
            throw PivSecrets.usage(spec, "reset erases every key, certificate and object on the card; add --force"
                    + " to go ahead");
        }
        PivRunner.run(reader.name, "PIN", (piv, name) -> {
            piv.pins().blockPin();
            piv.pins().blockPuk();
            piv.admin().reset();
        });
        PrintWriter out = spec.commandLine().getOut();
        out.println("PIV application reset. It now has the default PIN (123456), PUK (12345678) and management key"
                + " (010203040506070801020304050607080102030405060708).");
        return Main.OK;
    }
}
