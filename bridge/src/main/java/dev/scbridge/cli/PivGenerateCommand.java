package dev.scbridge.cli;

import dev.scbridge.apdu.piv.PivAlgorithm;
import dev.scbridge.apdu.piv.PivKeyRef;
import dev.scbridge.apdu.piv.PinPolicy;
import dev.scbridge.apdu.piv.TouchPolicy;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.concurrent.Callable;

/**
 * {@code scbridge piv generate SLOT [PUBLIC-KEY]}: GENERATE ASYMMETRIC KEY PAIR (SP 800-73-4 Part 2, 3.3.2) after
 * management-key authentication; ykman {@code piv keys generate}. Prints or writes the public key as PEM.
 */
@Command(name = "generate", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Generate a key pair in a slot and output its public key (PEM).",
            "Needs the management key (default: the factory key)."})
final class PivGenerateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    PivOptions.Reader reader;
    @Mixin
    PivOptions.ManagementKeySource managementKey;

    @Parameters(index = "0", paramLabel = "SLOT", converter = PivConverters.Slot.class,
            description = "Key slot: 9a, 9c, 9d, 9e or 82-95.")
    PivKeyRef slot;

    @Parameters(index = "1", paramLabel = "PUBLIC-KEY", defaultValue = "-",
            description = "File for the public key, '-' for standard output (default).")
    String output;

    @Option(names = {"-a", "--algorithm"}, paramLabel = "ALG", defaultValue = "RSA2048",
            converter = PivConverters.Algorithm.class,
            description = "RSA1024, RSA2048, RSA3072, RSA4096, ECCP256 or ECCP384 (default: ${DEFAULT-VALUE}).")
    PivAlgorithm algorithm;

    @Option(names = "--pin-policy", paramLabel = "POLICY", defaultValue = "default",
            converter = PivConverters.Pin.class, description = "default, never, once or always.")
    PinPolicy pinPolicy;

    @Option(names = "--touch-policy", paramLabel = "POLICY", defaultValue = "default",
            converter = PivConverters.Touch.class, description = "default, never, always or cached.")
    TouchPolicy touchPolicy;

    @Override
    public Integer call() throws CliFailure {
        char[] key = managementKey.readOrDefault();
        PublicKey[] generated = new PublicKey[1];
        PivRunner.run(reader.name, "PIN", (piv, name) -> {
            PivRunner.authenticate(piv, key);
            generated[0] = piv.keys().generate(slot, algorithm, pinPolicy, touchPolicy);
        });
        String pem = PivPem.encode("PUBLIC KEY", generated[0].getEncoded());
        if ("-".equals(output)) {
            spec.commandLine().getOut().print(pem);
            spec.commandLine().getOut().flush();
        } else {
            try {
                Files.writeString(Path.of(output), pem);
            } catch (IOException e) {
                throw new CliFailure("key generated, but the public key could not be written to " + output + ": "
                        + e.getMessage(), e);
            }
            spec.commandLine().getErr().println("Generated a new " + PivConverters.name(algorithm) + " key in slot "
                    + String.format("%02X", slot.code()) + "; public key written to " + output + ".");
        }
        return Main.OK;
    }
}
