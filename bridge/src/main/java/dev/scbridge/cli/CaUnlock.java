package dev.scbridge.cli;

import dev.scbridge.ca.CaException;
import dev.scbridge.ca.CaSigner;
import dev.scbridge.ca.CaStore;
import dev.scbridge.ca.CaStoreException;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Opens a CA directory's key for commands that sign: {@code ca.key} with {@code --passphrase-file|--passphrase-env},
 * or the PKCS#11 token its {@code pkcs11} file names with {@code --pin-file}. Usage errors (exit 2) come before the
 * CA is touched where they can; the secret is wiped before this returns.
 */
final class CaUnlock {
    /** The CA and its key, ready to sign. */
    record Unlocked(CaStore store, CaSigner signer) {
    }

    private CaUnlock() {
    }

    /**
     * @param failure what the command could not do, the start of its one-line failure ("cannot sign the CRL: ")
     */
    static Unlocked unlock(Path dir, PassphraseOptions passphrase, PinFileOption pin, CommandSpec spec,
                           String failure) throws CliFailure {
        if (pin.given() && passphrase.given()) {
            throw new ParameterException(spec.commandLine(),
                    "--pin-file and --passphrase-file/--passphrase-env are mutually exclusive");
        }
        if (!pin.given() && !passphrase.given() && Files.exists(dir.resolve(CaStore.PKCS11_FILE))) {
            throw new ParameterException(spec.commandLine(), "missing --pin-file FILE (the CA's key is in a "
                    + "PKCS#11 token, see " + dir.resolve(CaStore.PKCS11_FILE) + ")");
        }
        boolean token = pin.given();
        char[] secret = token ? pin.read() : passphrase.read(spec);
        try {
            CaStore store = CaCommand.store(dir);
            if (token != store.pkcs11().isPresent()) {
                throw new ParameterException(spec.commandLine(), token
                        ? "--pin-file is for a CA whose key is in a PKCS#11 token; " + dir + " has "
                            + CaStore.KEY_FILE + ": give --passphrase-file or --passphrase-env"
                        : "the CA in " + dir + " keeps its key in a PKCS#11 token: give --pin-file FILE, not a "
                            + "passphrase");
            }
            CaSigner signer = token ? store.unlockToken(secret) : store.unlock(secret);
            return new Unlocked(store, signer);
        } catch (CaStoreException | CaException e) {
            throw new CliFailure(failure + e.getMessage(), e);
        } finally {
            Arrays.fill(secret, '\0');
        }
    }
}
