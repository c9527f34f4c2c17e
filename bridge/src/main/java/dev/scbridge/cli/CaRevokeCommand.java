package dev.scbridge.cli;

import dev.scbridge.ca.CaStore;
import dev.scbridge.ca.CaStoreException;
import dev.scbridge.ca.Revocation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Callable;

/**
 * {@code scbridge ca revoke}: records a certificate serial as revoked; the next {@code scbridge ca crl} lists it.
 * Needs no passphrase: it changes only the CA's revocation state, never signs.
 */
@Command(name = "revoke",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {"Record a certificate as revoked, by its serial number (hex, as 'openssl x509 -serial' or "
                + "certutil prints it; colons and spaces allowed).",
            "It is listed from the next 'scbridge ca crl' on; revoking twice keeps the first date."})
final class CaRevokeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--dir", paramLabel = "DIR", required = true, description = "The CA directory.")
    Path dir;

    @Parameters(index = "0", paramLabel = "SERIAL", description = "The certificate's serial number, in hex.")
    String serialText;

    @Option(names = "--json", description = "Print one JSON object (serial, revokedAt, alreadyRevoked) instead of "
            + "text.")
    boolean json;

    @Override
    public Integer call() throws CliFailure {
        BigInteger serial;
        try {
            serial = Revocation.parseSerial(serialText);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "invalid SERIAL: " + e.getMessage(), e);
        }
        CaStore store = CaCommand.store(dir);
        CaStore.Revoked result;
        try {
            result = store.revoke(serial, Instant.now());
        } catch (CaStoreException e) {
            throw new CliFailure("cannot revoke: " + e.getMessage(), e);
        }
        Revocation r = result.revocation();
        boolean already = result.alreadyRevoked();
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(new JsonLine().put("serial", r.serialHex()).put("revokedAt", r.revokedAt().toString())
                    .put("alreadyRevoked", already));
        } else if (already) {
            out.println("serial " + r.serialHex() + " was already revoked at " + r.revokedAt());
        } else {
            out.println("serial " + r.serialHex() + " revoked at " + r.revokedAt()
                    + "; publish a new CRL with 'scbridge ca crl --dir " + dir + " ...'");
        }
        out.flush();
        return Main.OK;
    }
}
