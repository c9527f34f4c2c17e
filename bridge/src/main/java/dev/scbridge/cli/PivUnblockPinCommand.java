package dev.scbridge.cli;

import dev.scbridge.pcsc.piv.Pin;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/**
 * {@code scbridge piv unblock-pin}: RESET RETRY COUNTER with the PUK (SP 800-73-4 Part 2, 3.2.3); ykman
 * {@code piv access unblock-pin}, yubico-piv-tool {@code -a unblock-pin}.
 */
@Command(name = "unblock-pin", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Unblock the PIN with the PUK and set a new PIN.",
            "A wrong PUK costs one PUK try; with the PUK blocked only a reset helps."})
final class PivUnblockPinCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    PivOptions.Reader reader;
    @Mixin
    PivOptions.PukSource puk;
    @Mixin
    PivOptions.NewPinSource newPin;

    @Override
    public Integer call() throws CliFailure {
        Pin p = puk.read("PUK");
        Pin next = null;
        try {
            next = newPin.read("new PIN");
            Pin n = next;
            PivRunner.run(reader.name, "PUK", (piv, name) -> piv.pins().unblockPin(p, n));
        } finally {
            p.destroy();
            if (next != null) {
                next.destroy();
            }
        }
        spec.commandLine().getOut().println("PIN unblocked.");
        return Main.OK;
    }
}
