package dev.scbridge.cli;

import dev.scbridge.pcsc.piv.Pin;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/**
 * {@code scbridge piv verify-pin}: VERIFY the PIN (SP 800-73-4 Part 2, 3.2.1); yubico-piv-tool
 * {@code -a verify-pin}.
 */
@Command(name = "verify-pin", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Check the PIN against the card.", "A wrong PIN costs one try; the tries left are shown."})
final class PivVerifyPinCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    PivOptions.Reader reader;
    @Mixin
    PivOptions.PinSource pin;

    @Override
    public Integer call() throws CliFailure {
        Pin p = pin.read("PIN");
        try {
            PivRunner.run(reader.name, "PIN", (piv, name) -> piv.pins().verifyPin(p));
        } finally {
            p.destroy();
        }
        spec.commandLine().getOut().println("PIN verified.");
        return Main.OK;
    }
}
