package dev.scbridge.cli;

import dev.scbridge.ca.CaStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.CertificateEncodingException;
import java.util.concurrent.Callable;

/**
 * {@code scbridge ca export}: the CA certificate, for the domain's NTAuth store and the hosts' trusted roots
 * (Microsoft: "Guidelines for enabling smart card logon with third-party certification authorities"). Needs no
 * passphrase: the certificate is public.
 */
@Command(name = "export",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {"Write the CA certificate, to publish it to Active Directory's NTAuth store and to the "
                + "Trusted Root Certification Authorities of the Windows hosts (Group Policy).",
            "The commands to do so are printed on stderr."})
final class CaExportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--dir", paramLabel = "DIR", required = true, description = "The CA directory.")
    Path dir;

    @Option(names = "--format", paramLabel = "FORMAT", converter = CaCommand.FormatConverter.class,
            description = "der or pem (default: der with --out, pem on stdout; der needs --out).")
    CaCommand.Format format;

    @Option(names = "--out", paramLabel = "FILE", description = "Write the certificate to FILE instead of stdout.")
    Path out;

    @Option(names = "--json", description = "With --out: print one JSON object (file, format, subject, notAfter, "
            + "sha256) instead of text.")
    boolean json;

    @Override
    public Integer call() throws CliFailure {
        CaCommand.Format f = CaCommand.Format.choose(format, out, spec);
        if (json && out == null) {
            throw new ParameterException(spec.commandLine(), "--json needs --out FILE (stdout carries the certificate)");
        }
        CaStore store = CaCommand.store(dir);
        byte[] der;
        try {
            der = store.certificate().getEncoded();
        } catch (CertificateEncodingException e) {
            throw new CliFailure("cannot encode the CA certificate: " + e.getMessage(), e);
        }
        byte[] bytes = f == CaCommand.Format.DER ? der : CaStore.pem("CERTIFICATE", der);
        PrintWriter stdout = spec.commandLine().getOut();
        String sha256 = CaCommand.sha256(der);
        if (out == null) {
            stdout.print(new String(bytes, StandardCharsets.US_ASCII));
            stdout.flush();
        } else {
            CaCommand.write(out, bytes);
            if (json) {
                stdout.println(new JsonLine().put("file", out.toString())
                        .put("format", f.name().toLowerCase(java.util.Locale.ROOT))
                        .put("subject", store.certificate().getSubjectX500Principal().getName())
                        .put("notAfter", store.certificate().getNotAfter().toInstant().toString())
                        .put("sha256", sha256));
            } else {
                stdout.println("CA certificate written to " + out + " (" + f.name() + ", sha256 " + sha256 + ")");
            }
            stdout.flush();
        }
        hints(out == null ? "ca.crt" : out.toString());
        return Main.OK;
    }

    /** What an admin does next, on stderr so stdout stays the certificate (or the JSON). */
    private void hints(String file) {
        PrintWriter err = spec.commandLine().getErr();
        err.println("scbridge: to let Windows accept logons with this CA's certificates:");
        err.println("  1. NTAuth store (a domain admin, on a domain member): certutil -dspublish -f " + file
                + " NTAuthCA");
        err.println("  2. trusted root on every host: Group Policy Management > (a GPO linked to the domain) > "
                + "Computer Configuration > Policies > Windows Settings > Security Settings > Public Key Policies > "
                + "Trusted Root Certification Authorities > Import > " + file);
        err.println("  3. then, on a host: gpupdate /force; and check with: certutil -viewstore -enterprise NTAuth");
        err.flush();
    }
}
