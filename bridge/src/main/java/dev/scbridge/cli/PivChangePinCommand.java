package dev.scbridge.cli;

import dev.scbridge.pcsc.piv.Pin;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/**
 * {@code scbridge piv change-pin}: CHANGE REFERENCE DATA for the PIN (SP 800-73-4 Part 2, 3.2.2); ykman
 * {@code piv access change-pin}.
 */
@Command(name = "change-pin", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Change the PIN.", "The current PIN comes from --pin-file/--pin-env/--pin or the terminal, "
                + "the new one from --new-pin-file/--new-pin-env/--new-pin or the terminal (asked twice)."})
final class PivChangePinCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    PivOptions.Reader reader;
    @Mixin
    PivOptions.PinSource pin;
    @Mixin
    PivOptions.NewPinSource newPin;

    @Override
    public Integer call() throws CliFailure {
        Pin current = pin.read("current PIN");
        Pin next = null;
        try {
            next = newPin.read("new PIN");
            Pin n = next;
            PivRunner.run(reader.name, "PIN", (piv, name) -> piv.pins().changePin(current, n));
        } finally {
            current.destroy();
            if (next != null) {
                next.destroy();
            }
        }
        spec.commandLine().getOut().println("New PIN set.");
        return Main.OK;
    }
}
