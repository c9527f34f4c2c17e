package dev.scbridge.cli;

import dev.scbridge.ca.CaStore;
import dev.scbridge.ca.CaStoreException;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code scbridge ca}: a certificate authority kept in a directory ({@link CaStore}): make it, export its
 * certificate for Windows, revoke certificates and sign CRLs. Subcommands: init, export, crl, revoke.
 */
@Command(name = "ca",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {"A certificate authority for session certificates, kept in a directory: the certificate "
                + "(ca.crt), the private key encrypted with a passphrase (ca.key) or kept in a PKCS#11 token (pkcs11) "
                + "and the revocation list state.",
            "See docs/certificate-authority.md."},
        subcommands = {CaInitCommand.class, CaExportCommand.class, CaCrlCommand.class, CaRevokeCommand.class})
final class CaCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(),
                "missing command (one of: " + String.join(", ", spec.subcommands().keySet()) + ")");
    }

    /** The CA in {@code dir}, or a one-line failure naming what is wrong. */
    static CaStore store(Path dir) throws CliFailure {
        try {
            return CaStore.at(dir);
        } catch (CaStoreException e) {
            throw new CliFailure("cannot open the CA: " + e.getMessage(), e);
        }
    }

    /** Lower-case hex SHA-256 of {@code der}: the certificate hash certutil and browsers show. */
    static String sha256(byte[] der) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(der));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** Writes {@code bytes} to {@code out} (replacing it), or a one-line failure. */
    static void write(Path out, byte[] bytes) throws CliFailure {
        try {
            Files.write(out, bytes);
        } catch (IOException e) {
            throw new CliFailure("cannot write " + out + ": " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " (" + e.getMessage() + ")"), e);
        }
    }

    /**
     * How a certificate or CRL is written: DER (binary; what an HTTP CRL distribution point serves, RFC 5280
     * 4.2.1.13) or PEM (base64 text). Without {@code --format}: DER to a file, PEM to the terminal.
     */
    enum Format {
        DER, PEM;

        static Format choose(Format given, Path out, CommandSpec spec) {
            if (given == DER && out == null) {
                throw new ParameterException(spec.commandLine(), "--format der needs --out FILE (binary output)");
            }
            return given != null ? given : out != null ? DER : PEM;
        }
    }

    static final class FormatConverter implements ITypeConverter<Format> {
        @Override
        public Format convert(String value) {
            switch (value.toLowerCase(Locale.ROOT)) {
                case "der": return Format.DER;
                case "pem": return Format.PEM;
                default: throw new TypeConversionException("'" + value + "' (expected der or pem)");
            }
        }
    }
}
