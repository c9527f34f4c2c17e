package dev.scbridge.cli;

import dev.scbridge.ca.CaException;
import dev.scbridge.ca.CaKeyType;
import dev.scbridge.ca.CaStore;
import dev.scbridge.ca.CaStoreException;
import dev.scbridge.ca.CertificateAuthority;
import dev.scbridge.ca.Pkcs11Token;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code scbridge ca init}: a new CA in a directory, its key encrypted with a passphrase. */
@Command(name = "init",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {"Make a new CA in DIR: a key pair, a self-signed CA certificate (ca.crt), the key encrypted "
                + "with the passphrase (ca.key, PKCS#8 with PBKDF2-SHA256 and AES-256) and an empty revocation list.",
            "With --pkcs11, the key is generated inside a PKCS#11 token (an HSM) and never leaves it: DIR gets "
                + "ca.crt and a 'pkcs11' file naming the module, slot and key label (never the PIN) instead of ca.key.",
            "DIR is created owner-only; an existing CA is never overwritten."})
final class CaInitCommand implements Callable<Integer> {
    static final String DEFAULT_SUBJECT = "CN=scbridge CA";

    @Spec
    CommandSpec spec;

    @Option(names = "--dir", paramLabel = "DIR", required = true, description = "The CA directory to create.")
    Path dir;

    @Option(names = "--key", paramLabel = "TYPE", defaultValue = "rsa2048",
            converter = DemoCommand.CaKeyConverter.class,
            description = "CA key: rsa2048, rsa3072, p256 or p384 (default: ${DEFAULT-VALUE}).")
    CaKeyType key;

    @Option(names = "--subject", paramLabel = "DN", defaultValue = DEFAULT_SUBJECT,
            description = "The CA's distinguished name, RFC 4514 (default: '${DEFAULT-VALUE}').")
    String subject;

    @Option(names = "--validity", paramLabel = "DURATION", defaultValue = "3650d", converter = DurationConverter.class,
            description = "How long the CA certificate is valid, e.g. 365d (default: ${DEFAULT-VALUE}, at most 3653d).")
    Duration validity;

    @Mixin
    PassphraseOptions passphrase;

    @Option(names = "--pkcs11", paramLabel = "MODULE",
            description = "Generate the key inside a PKCS#11 token through MODULE, the token's library (e.g. "
                    + "/usr/lib/softhsm/libsofthsm2.so); needs --slot and --pin-file, takes no passphrase.")
    Path pkcs11;

    @Option(names = "--slot", paramLabel = "N",
            description = "With --pkcs11: the token's slot ID (as 'pkcs11-tool -L' or 'softhsm2-util --show-slots' "
                    + "print it).")
    Long slot;

    @Option(names = "--key-label", paramLabel = "LABEL",
            description = "With --pkcs11: the label of the key and certificate in the token (default: "
                    + Pkcs11Token.DEFAULT_KEY_LABEL + ").")
    String keyLabel;

    @Mixin
    PinFileOption pin;

    @Option(names = "--json", description = "Print one JSON object (dir, certificate, key, subject, keyType, "
            + "notAfter, serial, sha256) instead of text.")
    boolean json;

    @Override
    public Integer call() throws CliFailure {
        if (validity.compareTo(Duration.ofMinutes(1)) < 0
                || validity.compareTo(CertificateAuthority.MAX_CA_VALIDITY) > 0) {
            throw new ParameterException(spec.commandLine(), "invalid value for option '--validity': "
                    + validity.toString().substring(2).toLowerCase(Locale.ROOT) + " (expected 1m.."
                    + CertificateAuthority.MAX_CA_VALIDITY.toDays() + "d)");
        }
        Pkcs11Token token = token();
        char[] secret = token != null ? pin.read() : passphrase.read(spec);
        CaStore store;
        try {
            store = token != null ? CaStore.initPkcs11(dir, token, key, subject, validity, secret, new SecureRandom())
                    : CaStore.init(dir, key, subject, validity, secret, new SecureRandom());
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        } catch (CaStoreException e) {
            throw new CliFailure("cannot create the CA: " + e.getMessage(), e);
        } catch (CaException e) {
            throw new CliFailure("cannot create the CA: " + e.getMessage(), e);
        } finally {
            Arrays.fill(secret, '\0');
        }
        print(store);
        return Main.OK;
    }

    /** The token from --pkcs11, --slot and --key-label; null without --pkcs11. Usage errors for bad mixtures. */
    private Pkcs11Token token() {
        if (pkcs11 == null) {
            if (slot != null || keyLabel != null || pin.given()) {
                throw new ParameterException(spec.commandLine(), "--slot, --key-label and --pin-file need --pkcs11 "
                        + "MODULE");
            }
            return null;
        }
        if (passphrase.given()) {
            throw new ParameterException(spec.commandLine(), "--pkcs11 takes --pin-file, not a passphrase (the key "
                    + "stays in the token)");
        }
        if (slot == null || !pin.given()) {
            throw new ParameterException(spec.commandLine(), "--pkcs11 needs --slot N and --pin-file FILE");
        }
        try {
            return new Pkcs11Token(pkcs11, slot,
                    keyLabel != null ? keyLabel : Pkcs11Token.DEFAULT_KEY_LABEL);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
    }

    private void print(CaStore store) throws CliFailure {
        X509Certificate cert = store.certificate();
        String sha256;
        try {
            sha256 = CaCommand.sha256(cert.getEncoded());
        } catch (CertificateEncodingException e) {
            throw new CliFailure("cannot encode the CA certificate: " + e.getMessage(), e);
        }
        String serial = cert.getSerialNumber().toString(16).toUpperCase(Locale.ROOT);
        PrintWriter out = spec.commandLine().getOut();
        Pkcs11Token token = store.pkcs11().orElse(null);
        if (json) {
            JsonLine j = new JsonLine().put("dir", store.dir().toString())
                    .put("certificate", store.certificateFile().toString());
            if (token == null) {
                j.put("key", store.dir().resolve(CaStore.KEY_FILE).toString());
            } else {
                j.put("pkcs11", store.dir().resolve(CaStore.PKCS11_FILE).toString())
                        .put("module", token.module().toString()).put("slot", token.slot())
                        .put("keyLabel", token.keyLabel());
            }
            out.println(j.put("subject", cert.getSubjectX500Principal().getName())
                    .put("keyType", key.code())
                    .put("notAfter", cert.getNotAfter().toInstant().toString())
                    .put("serial", serial)
                    .put("sha256", sha256));
        } else {
            out.println("CA created in " + store.dir());
            out.printf("%-12s %s (public: publish it, see 'scbridge ca export')%n", "certificate",
                    store.certificateFile());
            if (token == null) {
                out.printf("%-12s %s (encrypted with the passphrase: keep it private, back it up)%n", "key",
                        store.dir().resolve(CaStore.KEY_FILE));
            } else {
                out.printf("%-12s '%s' in the PKCS#11 token in slot %d (%s); it never leaves the token%n", "key",
                        token.keyLabel(), token.slot(), token.module());
                out.printf("%-12s %s (which token and key; no PIN)%n", "pkcs11",
                        store.dir().resolve(CaStore.PKCS11_FILE));
            }
            out.printf("%-12s %s%n", "subject", cert.getSubjectX500Principal().getName());
            out.printf("%-12s %s%n", "key type", key.title());
            out.printf("%-12s %s%n", "valid until", cert.getNotAfter().toInstant());
            out.printf("%-12s %s%n", "serial", serial);
            out.printf("%-12s %s%n", "sha256", sha256);
        }
        out.flush();
    }
}
