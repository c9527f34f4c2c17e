package dev.scbridge.cli;

import dev.scbridge.apdu.piv.PivKeyRef;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.concurrent.Callable;

/**
 * {@code scbridge piv export-cert SLOT [FILE]}: GET DATA of the slot's certificate object (gzip or plain);
 * ykman {@code piv certificates export}, yubico-piv-tool {@code -a read-certificate}.
 */
@Command(name = "export-cert", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Read the certificate of a slot, as PEM (default) or DER.")
final class PivExportCertCommand implements Callable<Integer> {
    enum Format { PEM, DER }

    @Spec
    CommandSpec spec;
    @Mixin
    PivOptions.Reader reader;

    @Parameters(index = "0", paramLabel = "SLOT", converter = PivConverters.Slot.class,
            description = "Key slot: 9a, 9c, 9d, 9e or 82-95.")
    PivKeyRef slot;

    @Parameters(index = "1", paramLabel = "FILE", defaultValue = "-",
            description = "Output file, '-' for standard output (default).")
    String output;

    @Option(names = {"-F", "--format"}, paramLabel = "FORMAT", defaultValue = "PEM",
            description = "PEM or DER (default: ${DEFAULT-VALUE}).")
    Format format;

    @Override
    public Integer call() throws CliFailure {
        if ("-".equals(output) && format == Format.DER) {
            throw PivSecrets.usage(spec, "DER is binary; give a FILE for --format DER");
        }
        X509Certificate[] cert = new X509Certificate[1];
        PivRunner.run(reader.name, "PIN", (piv, name) -> cert[0] = piv.objects().readCertificate(slot));
        byte[] der;
        try {
            der = cert[0].getEncoded();
        } catch (CertificateEncodingException e) {
            throw new CliFailure("the certificate cannot be encoded: " + e.getMessage(), e);
        }
        if ("-".equals(output)) {
            spec.commandLine().getOut().print(PivPem.encode("CERTIFICATE", der));
            spec.commandLine().getOut().flush();
            return Main.OK;
        }
        try {
            if (format == Format.DER) {
                Files.write(Path.of(output), der);
            } else {
                Files.writeString(Path.of(output), PivPem.encode("CERTIFICATE", der));
            }
        } catch (IOException e) {
            throw new CliFailure("cannot write " + output + ": " + e.getMessage(), e);
        }
        return Main.OK;
    }
}
