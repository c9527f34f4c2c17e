package dev.scbridge.cli;

import dev.scbridge.apdu.piv.PivAlgorithm;
import dev.scbridge.pcsc.piv.ManagementKey;
import dev.scbridge.pcsc.piv.PivClient;
import dev.scbridge.pcsc.piv.PivException;
import dev.scbridge.pcsc.piv.SecurityStatusNotSatisfiedException;
import dev.scbridge.pcsc.piv.StatusWordException;

import java.io.IOException;
import java.util.Arrays;

/**
 * Opens the card for one {@code piv} command, selects PIV, runs the command, and turns what can go wrong into one
 * {@link CliFailure} line (exit 1).
 */
final class PivRunner {
    @FunctionalInterface
    interface Action {
        void run(PivClient piv, String readerName) throws IOException, PivException, CliFailure;
    }

    private PivRunner() {
    }

    /** @param secret "PIN" or "PUK": what a wrong-PIN status word in this command refers to */
    static void run(String readerName, String secret, Action action) throws CliFailure {
        try (PivCardOpener.OpenCard card = PivEnvironment.opener.open(readerName)) {
            PivClient piv = PivClient.open(card.transport());
            action.run(piv, card.readerName());
        } catch (PivException e) {
            throw new CliFailure(PivErrors.describe(e, secret), e);
        } catch (IOException e) {
            throw new CliFailure("card communication failed: " + e.getMessage(), e);
        }
    }

    /**
     * Authenticates with the management key (the factory key when {@code hex} is null, as ykman does), in the
     * algorithm the card reports in its metadata (3DES when it has none, as yubico-piv-tool assumes).
     */
    static void authenticate(PivClient piv, char[] hex) throws IOException, PivException, CliFailure {
        PivAlgorithm algorithm;
        try {
            algorithm = piv.metadata().managementKey().algorithm();
        } catch (StatusWordException noMetadata) {
            algorithm = PivAlgorithm.TDES;
        }
        ManagementKey key;
        try {
            key = hex == null ? ManagementKey.defaultKey(algorithm) : ManagementKey.parseHex(algorithm, hex);
        } catch (IllegalArgumentException e) {
            throw new CliFailure("bad management key: " + e.getMessage(), e);
        } finally {
            if (hex != null) {
                Arrays.fill(hex, '\0');
            }
        }
        try {
            piv.admin().authenticate(key);
        } catch (SecurityStatusNotSatisfiedException e) {
            throw new CliFailure(hex == null ? "the card does not use the default management key; give it with"
                    + " --management-key-file or --management-key-env" : "wrong management key", e);
        } finally {
            key.destroy();
        }
    }
}
