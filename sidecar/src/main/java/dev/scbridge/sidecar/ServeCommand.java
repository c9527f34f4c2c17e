package dev.scbridge.sidecar;

import dev.scbridge.bridge.Bridge;
import dev.scbridge.bridge.SessionKeyType;
import dev.scbridge.ca.CaException;
import dev.scbridge.ca.CaStore;
import dev.scbridge.ca.CaStoreException;
import dev.scbridge.ca.CertificateAuthority;
import dev.scbridge.ca.IssuancePolicy;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * {@code scbridge serve}: the bridge as a gRPC sidecar ({@link SidecarServer}) until Ctrl-C, with the CA from a
 * directory made by {@code scbridge ca init}. Bad options exit 2 with one line (picocli's usage handler); failures
 * print one line and exit 1; the CA passphrase never comes from the command line.
 */
@Command(name = "serve",
        mixinStandardHelpOptions = true,
        description = {"Serve the bridge to RDP gateways as the gRPC service scbridge.v1.SmartCardBridge "
                + "(smartcard_bridge.proto), until Ctrl-C.",
            "Listens on a Unix socket (--socket; mode 0600 in a 0700 directory) or on TCP with mutual TLS "
                + "(--listen with --tls-cert, --tls-key and --client-ca); never on plain TCP."})
public final class ServeCommand implements Callable<Integer> {
    /** Exit codes, as the scbridge CLI's. */
    static final int OK = 0;
    static final int FAILED = 1;
    /** How long the shutdown hook waits for sessions to close. */
    static final long SHUTDOWN_WAIT_SECONDS = 30;
    /** nextUpdate of the CRLs GetCrl signs: relying parties fetch a newer one within a week. */
    static final java.time.Duration CRL_NEXT_UPDATE = java.time.Duration.ofDays(7);
    @Spec
    CommandSpec spec;

    @Option(names = "--ca", paramLabel = "DIR", required = true,
            description = "The CA directory made by 'scbridge ca init'.")
    Path caDir;

    @Option(names = "--passphrase-file", paramLabel = "FILE",
            description = "Read the CA key's passphrase from the first line of FILE.")
    Path passphraseFile;

    @Option(names = "--passphrase-env", paramLabel = "NAME",
            description = "Read the CA key's passphrase from the environment variable NAME.")
    String passphraseEnv;

    @Option(names = "--socket", paramLabel = "PATH",
            description = "Listen on the Unix domain socket PATH (its directory is made 0700 if absent).")
    Path socket;

    @Option(names = "--listen", paramLabel = "HOST:PORT",
            description = "Listen on TCP HOST:PORT with mutual TLS.")
    String listen;

    @Option(names = "--tls-cert", paramLabel = "FILE", description = "The server's certificate chain, PEM.")
    Path tlsCert;

    @Option(names = "--tls-key", paramLabel = "FILE", description = "The server's private key, PEM (PKCS#8).")
    Path tlsKey;

    @Option(names = "--client-ca", paramLabel = "FILE",
            description = "CA certificate(s), PEM, that gateway client certificates must chain to.")
    Path clientCa;

    @Option(names = "--key-type", paramLabel = "TYPE", defaultValue = "rsa2048",
            description = "Session key type: rsa2048, rsa3072, p256 or p384 (default: ${DEFAULT-VALUE}).")
    String keyType;

    @Option(names = "--pool", paramLabel = "N", defaultValue = "16",
            description = "Session keys kept ready (default: ${DEFAULT-VALUE}; 0 generates on demand).")
    int pool;

    @Option(names = "--validity", paramLabel = "MINUTES",
            description = "Session certificate lifetime in minutes (default: 5).")
    Integer validityMinutes;

    @Option(names = "--crl-url", paramLabel = "URL",
            description = "The CRL distribution point session certificates name.")
    String crlUrl;

    /** Counted down to stop serving: by the shutdown hook (Ctrl-C), or by a test. */
    final CountDownLatch stop = new CountDownLatch(1);
    /** Counted down once every session is closed. */
    final CountDownLatch stopped = new CountDownLatch(1);
    /** The running server, for tests; null until it listens. */
    volatile SidecarServer server;

    @Override
    public Integer call() {
        Endpoint endpoint = endpoint();
        SessionKeyType type = sessionKeyType();
        if (pool < 0) {
            throw usage("invalid value for option '--pool': " + pool + " (expected 0 or more)");
        }
        PrintWriter err = spec.commandLine().getErr();
        char[] passphrase;
        try {
            passphrase = passphrase();
        } catch (Failure e) {
            return fail(err, e.getMessage());
        }
        CertificateAuthority ca;
        SidecarServer.CrlSource crls;
        try {
            IssuancePolicy policy = IssuancePolicy.defaults();
            if (validityMinutes != null) {
                policy = policy.withValidity(Duration.ofMinutes(validityMinutes));
            }
            if (crlUrl != null) {
                policy = policy.withCrlDistributionPoint(crlUrl);
            }
            CaStore store = CaStore.at(caDir);
            ca = store.open(passphrase, policy);
            dev.scbridge.ca.CaSigner signer = store.unlock(passphrase);
            // GetCrl signs the revocations as they are now ('scbridge ca revoke' may run while this serves)
            java.time.Instant caExpiry = store.certificate().getNotAfter().toInstant();
            crls = () -> {
                java.time.Instant now = java.time.Instant.now();
                // never promise a next CRL past the CA's own expiry (CaStore refuses that)
                java.time.Duration next = java.time.Duration.between(now, caExpiry).compareTo(CRL_NEXT_UPDATE) < 0
                        ? java.time.Duration.between(now, caExpiry) : CRL_NEXT_UPDATE;
                return store.crl(signer, now, next).crl().getEncoded();
            };
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        } catch (CaStoreException | CaException e) {
            return fail(err, "cannot open the CA in " + caDir + ": " + e.getMessage());
        } finally {
            Arrays.fill(passphrase, '\0');
        }
        try (Bridge bridge = Bridge.builder().ca(ca).keyPool(pool, type).build()) {
            try (SidecarServer s = SidecarServer.builder(bridge).endpoint(endpoint).crls(crls).build().start()) {
                server = s;
                return serve(s, err);
            } catch (IOException e) {
                return fail(err, e.getMessage());
            }
        } catch (CaException e) {
            return fail(err, "cannot start the bridge: " + e.getMessage());
        } finally {
            stopped.countDown();
        }
    }

    private int serve(SidecarServer s, PrintWriter err) {
        Thread hook = new Thread(() -> {
            stop.countDown();
            try {
                stopped.await(SHUTDOWN_WAIT_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "scbridge-serve-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        err.println("scbridge: serving " + s + "; Ctrl-C to stop");
        err.flush();
        try {
            stop.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // Ctrl-C: the hook is running and waits for us
        }
        return OK;
    }

    private Endpoint endpoint() {
        boolean tlsFiles = tlsCert != null || tlsKey != null || clientCa != null;
        if ((socket == null) == (listen == null)) {
            throw usage("give exactly one of --socket PATH or --listen HOST:PORT");
        }
        if (socket != null) {
            if (tlsFiles) {
                throw usage("--tls-cert, --tls-key and --client-ca go with --listen, not --socket");
            }
            try {
                return new Endpoint.UnixSocket(socket.toAbsolutePath());
            } catch (IllegalArgumentException e) {
                throw usage(e.getMessage());
            }
        }
        if (tlsCert == null || tlsKey == null || clientCa == null) {
            throw usage("--listen needs --tls-cert FILE, --tls-key FILE and --client-ca FILE (mutual TLS; plain "
                    + "TCP is not offered)");
        }
        int colon = listen.lastIndexOf(':');
        if (colon <= 0) {
            throw usage("invalid value for option '--listen': '" + listen + "' (expected HOST:PORT)");
        }
        String host = listen.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port;
        try {
            port = Integer.parseInt(listen.substring(colon + 1));
        } catch (NumberFormatException e) {
            port = -1;
        }
        if (port < 0 || port > 0xFFFF) {
            throw usage("invalid value for option '--listen': port '" + listen.substring(colon + 1)
                    + "' (expected 0..65535)");
        }
        return new Endpoint.MutualTls(host, port, tlsCert, tlsKey, clientCa);
    }

    private SessionKeyType sessionKeyType() {
        String wanted = keyType.toLowerCase(Locale.ROOT).replace("-", "");
        for (SessionKeyType t : SessionKeyType.values()) {
            if (t.name().toLowerCase(Locale.ROOT).replace("_", "").equals(wanted)) {
                return t;
            }
        }
        throw usage("invalid value for option '--key-type': '" + keyType + "' (expected rsa2048, rsa3072, p256 "
                + "or p384)");
    }

    private char[] passphrase() throws Failure {
        if ((passphraseFile == null) == (passphraseEnv == null)) {
            throw usage("give exactly one of --passphrase-file FILE or --passphrase-env NAME (the CA key's)");
        }
        if (passphraseEnv != null) {
            String value = System.getenv(passphraseEnv);
            if (value == null || value.isEmpty()) {
                throw usage("environment variable " + passphraseEnv + " is not set or empty");
            }
            return value.toCharArray();
        }
        return firstLine(passphraseFile);
    }

    /** The first line of {@code file}, UTF-8, non-empty. */
    private static char[] firstLine(Path file) throws Failure {
        try {
            return dev.scbridge.ca.SecretFile.firstLine(file, "passphrase file");
        } catch (IOException e) {
            throw new Failure(e.getMessage());
        }
    }

    private int fail(PrintWriter err, String message) {
        err.println(spec.root().name() + ": " + message.lines().findFirst().orElse("failed"));
        err.flush();
        return FAILED;
    }

    /** A failure to report in one line, exit 1. */
    private static final class Failure extends Exception {
        private static final long serialVersionUID = 1L;

        Failure(String message) {
            super(message);
        }
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
