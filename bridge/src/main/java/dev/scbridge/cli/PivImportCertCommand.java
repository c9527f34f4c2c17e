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
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.concurrent.Callable;

/**
 * {@code scbridge piv import-cert SLOT FILE}: PUT DATA of the slot's certificate object as {@code 70/71/FE}
 * (SP 800-73-4 Part 1 Appendix A); ykman {@code piv certificates import}, yubico-piv-tool
 * {@code -a import-certificate}.
 */
@Command(name = "import-cert", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Store a certificate (PEM or DER) in a slot's certificate object.",
            "Needs the management key (default: the factory key)."})
final class PivImportCertCommand implements Callable<Integer> {
    /** A PEM certificate is a few KB; a YubiKey stores at most 3,052 bytes of DER. */
    static final long MAX_FILE_BYTES = 64 * 1024;

    @Spec
    CommandSpec spec;
    @Mixin
    PivOptions.Reader reader;
    @Mixin
    PivOptions.ManagementKeySource managementKey;

    @Parameters(index = "0", paramLabel = "SLOT", converter = PivConverters.Slot.class,
            description = "Key slot: 9a, 9c, 9d, 9e or 82-95.")
    PivKeyRef slot;

    @Parameters(index = "1", paramLabel = "CERTIFICATE", description = "PEM or DER certificate file.")
    Path file;

    @Option(names = "--compress", description = "Store the certificate gzip-compressed (CertInfo 01).")
    boolean compress;

    @Override
    public Integer call() throws CliFailure {
        X509Certificate cert = readCertificate();
        char[] key = managementKey.readOrDefault();
        PivRunner.run(reader.name, "PIN", (piv, name) -> {
            PivRunner.authenticate(piv, key);
            piv.objects().writeCertificate(slot, cert, compress);
        });
        spec.commandLine().getOut().println("Certificate imported into slot " + String.format("%02X", slot.code())
                + ": " + cert.getSubjectX500Principal().getName());
        return Main.OK;
    }

    private X509Certificate readCertificate() {
        try {
            if (Files.size(file) > MAX_FILE_BYTES) {
                throw PivSecrets.usage(spec, "certificate file " + file + " is over " + MAX_FILE_BYTES + " bytes");
            }
            return PivPem.certificate(Files.readAllBytes(file));
        } catch (IOException e) {
            throw PivSecrets.usage(spec, "cannot read " + file + " (" + e.getClass().getSimpleName() + ")");
        } catch (CertificateException e) {
            throw PivSecrets.usage(spec, file + " is not a PEM or DER certificate");
        }
    }
}
