package dev.scbridge.cli;

import dev.scbridge.ca.CaException;
import dev.scbridge.ca.CaStore;
import dev.scbridge.ca.CaStoreException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.CRLException;
import java.security.cert.X509CRL;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code scbridge ca crl}: a new signed CRL (RFC 5280 5) listing every revoked serial, to publish at the CRL
 * distribution point the session certificates name ({@code --crl-url}).
 */
@Command(name = "crl",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {"Sign a new CRL listing the certificates revoked with 'scbridge ca revoke' (none: an empty "
                + "CRL), with the next CRL number.",
            "Publish it at the URL the session certificates name as their CRL distribution point, and again before "
                + "its next update."})
final class CaCrlCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--dir", paramLabel = "DIR", required = true, description = "The CA directory.")
    Path dir;

    @Mixin
    PassphraseOptions passphrase;

    @Mixin
    PinFileOption pin;

    @Option(names = "--next-update", paramLabel = "DURATION", defaultValue = "7d", converter = DurationConverter.class,
            description = "When relying parties should fetch a newer CRL, e.g. 1d (default: ${DEFAULT-VALUE}).")
    Duration nextUpdate;

    @Option(names = "--format", paramLabel = "FORMAT", converter = CaCommand.FormatConverter.class,
            description = "der or pem (default: der with --out, pem on stdout; der needs --out).")
    CaCommand.Format format;

    @Option(names = "--out", paramLabel = "FILE", description = "Write the CRL to FILE instead of stdout.")
    Path out;

    @Option(names = "--json", description = "With --out: print one JSON object (file, format, crlNumber, revoked, "
            + "thisUpdate, nextUpdate, sha256) instead of text.")
    boolean json;

    @Override
    public Integer call() throws CliFailure {
        CaCommand.Format f = CaCommand.Format.choose(format, out, spec);
        if (json && out == null) {
            throw new ParameterException(spec.commandLine(), "--json needs --out FILE (stdout carries the CRL)");
        }
        if (nextUpdate.compareTo(CaStore.MIN_NEXT_UPDATE) < 0 || nextUpdate.compareTo(CaStore.MAX_NEXT_UPDATE) > 0) {
            throw new ParameterException(spec.commandLine(), "invalid value for option '--next-update': "
                    + human(nextUpdate) + " (expected " + human(CaStore.MIN_NEXT_UPDATE) + ".."
                    + CaStore.MAX_NEXT_UPDATE.toDays() + "d)");
        }
        CaUnlock.Unlocked ca = CaUnlock.unlock(dir, passphrase, pin, spec, "cannot sign the CRL: ");
        CaStore.SignedCrl signed;
        try {
            signed = ca.store().crl(ca.signer(), Instant.now(), nextUpdate);
        } catch (CaStoreException e) {
            throw new CliFailure("cannot sign the CRL: " + e.getMessage(), e);
        } catch (CaException | IllegalArgumentException e) {
            throw new CliFailure("cannot sign the CRL: " + e.getMessage(), e);
        }
        X509CRL crl = signed.crl();
        byte[] der;
        try {
            der = crl.getEncoded();
        } catch (CRLException e) {
            throw new CliFailure("cannot encode the CRL: " + e.getMessage(), e);
        }
        byte[] bytes = f == CaCommand.Format.DER ? der : CaStore.pem("X509 CRL", der);
        PrintWriter stdout = spec.commandLine().getOut();
        String summary = "CRL number " + signed.number() + ", " + signed.revoked() + " revoked, next update "
                + crl.getNextUpdate().toInstant();
        if (out == null) {
            stdout.print(new String(bytes, StandardCharsets.US_ASCII));
        } else {
            CaCommand.write(out, bytes);
            if (json) {
                stdout.println(new JsonLine().put("file", out.toString())
                        .put("format", f.name().toLowerCase(Locale.ROOT))
                        .put("crlNumber", signed.number().toString())
                        .put("revoked", signed.revoked())
                        .put("thisUpdate", crl.getThisUpdate().toInstant().toString())
                        .put("nextUpdate", crl.getNextUpdate().toInstant().toString())
                        .put("sha256", CaCommand.sha256(der)));
            } else {
                stdout.println(summary + ": written to " + out + " (" + f.name() + ")");
            }
        }
        stdout.flush();
        if (out == null) {
            spec.commandLine().getErr().println("scbridge: " + summary);
            spec.commandLine().getErr().flush();
        }
        return Main.OK;
    }

    private static String human(Duration d) {
        return d.toString().substring(2).toLowerCase(Locale.ROOT);
    }
}
