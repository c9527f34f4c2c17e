package dev.scbridge.cli;

import dev.scbridge.bridge.Bridge;
import dev.scbridge.bridge.Session;
import dev.scbridge.ca.CaException;
import dev.scbridge.ca.UserIdentity;
import dev.scbridge.pcsc.vpcd.VpcdLink;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * {@code scbridge session open}: what {@link Bridge#openSession} gives a gateway, from a CA directory: a certificate
 * for the user, a session card holding its key, and a random PIN. With {@code --vpcd} the card is served to this
 * machine's pcscd through vsmartcard's vpcd until Ctrl-C, so an admin can try it with kinit (PKINIT) or OpenSC.
 * The PIN goes to stdout only with {@code --show-pin}.
 */
@Command(name = "open",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {"Issue a session certificate for UPN from the CA in DIR and load it into a session card with a "
                + "random PIN.",
            "With --vpcd, serve the card to pcscd through vpcd until Ctrl-C (try it with kinit or pkcs11-tool); "
                + "without, print what was issued and discard the card."})
final class SessionOpenCommand implements Callable<Integer> {
    /** How long the shutdown hook waits for the link to close. */
    static final long SHUTDOWN_WAIT_SECONDS = 10;

    @Spec
    CommandSpec spec;

    @Option(names = "--ca-dir", paramLabel = "DIR", required = true, description = "The CA directory (scbridge ca init).")
    Path caDir;

    @Mixin
    PassphraseOptions passphrase;

    @Mixin
    PinFileOption pin;

    @Option(names = "--upn", paramLabel = "USER@DOMAIN", required = true,
            description = "The Windows user and AD domain, e.g. alice@corp.example.com.")
    String upn;

    @Option(names = "--sid", paramLabel = "SID", description = "The user's SID for strong certificate mapping.")
    String sid;

    @Option(names = "--validity", paramLabel = "DURATION", defaultValue = "5m", converter = DurationConverter.class,
            description = "Certificate lifetime (default: ${DEFAULT-VALUE}).")
    Duration validity;

    @Option(names = "--vpcd", paramLabel = "HOST:PORT", arity = "0..1", fallbackValue = "127.0.0.1:35963",
            description = "Serve the card to vpcd at HOST:PORT (default when given alone: ${FALLBACK-VALUE}) until "
                    + "Ctrl-C.")
    String vpcd;

    @Option(names = "--for", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "With --vpcd: stop serving after DURATION, e.g. 10m (default: until Ctrl-C).")
    Duration serveFor;

    @Option(names = "--show-pin", description = "Print the session PIN on stdout (it is never printed otherwise).")
    boolean showPin;

    @Option(names = "--json", description = "Print one JSON object (upn, serial, notAfter, sha256, pin with --show-pin).")
    boolean json;

    @Override
    public Integer call() throws CliFailure {
        UserIdentity identity = identity();
        if (serveFor != null && vpcd == null) {
            throw new ParameterException(spec.commandLine(), "--for needs --vpcd");
        }
        String[] hostPort = vpcd == null ? null : hostPort(vpcd);
        CaUnlock.Unlocked ca = CaUnlock.unlock(caDir, passphrase, pin, spec, "cannot open the CA: ");
        Bridge bridge;
        try {
            bridge = Bridge.builder().ca(ca.signer(), ca.store().certificate()).validity(validity).keyPool(0,
                    dev.scbridge.bridge.SessionKeyType.RSA_2048).build();
        } catch (CaException e) {
            throw new CliFailure("cannot open the CA: " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "invalid value for option '--validity': "
                    + e.getMessage(), e);
        }
        try (bridge; Session session = bridge.openSession(identity)) {
            print(session);
            if (hostPort != null) {
                serve(session, hostPort[0], Integer.parseInt(hostPort[1]));
            }
            return Main.OK;
        } catch (CaException e) {
            throw new CliFailure("cannot issue the certificate: " + e.getMessage(), e);
        }
    }

    private void print(Session session) throws CliFailure {
        PrintWriter out = spec.commandLine().getOut();
        X509Certificate cert = session.certificate();
        String sha256;
        try {
            sha256 = CaCommand.sha256(cert.getEncoded());
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new CliFailure("cannot encode the certificate: " + e.getMessage(), e);
        }
        if (json) {
            JsonLine j = new JsonLine().put("upn", session.upn()).put("serial", cert.getSerialNumber().toString(16))
                    .put("notAfter", cert.getNotAfter().toInstant().toString()).put("sha256", sha256);
            if (showPin) {
                j.put("pin", session.pin().reveal());
            }
            out.println(j);
        } else {
            out.println("session for " + session.upn() + ": certificate serial " + cert.getSerialNumber().toString(16)
                    + ", valid until " + cert.getNotAfter().toInstant() + ", SHA-256 " + sha256);
            out.println(showPin ? "PIN " + session.pin().reveal() : "PIN ******** (--show-pin to print it)");
        }
        out.flush();
    }

    private void serve(Session session, String host, int port) throws CliFailure {
        PrintWriter err = spec.commandLine().getErr();
        VpcdLink link = VpcdLink.builder(session.cardEdge()).connectTo(host, port).build();
        try {
            link.start();
        } catch (IOException e) {
            throw new CliFailure("vpcd: " + e.getMessage(), e);
        }
        CountDownLatch stop = new CountDownLatch(1);
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            stop.countDown();
            try {
                stopped.await(SHUTDOWN_WAIT_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "scbridge-session-open-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        err.println("scbridge: serving the session card to vpcd at " + host + ":" + port + "; "
                + (serveFor == null ? "Ctrl-C to stop" : "for " + serveFor.toString().substring(2).toLowerCase()
                + " or until Ctrl-C"));
        err.flush();
        try {
            if (serveFor == null) {
                stop.await();
            } else {
                stop.await(serveFor.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            link.close();
            stopped.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // Ctrl-C: the hook is running and waits for stopped
            }
        }
    }

    private UserIdentity identity() {
        int at = upn.lastIndexOf('@');
        if (at <= 0 || at == upn.length() - 1) {
            throw new ParameterException(spec.commandLine(), "invalid value for option '--upn': '" + upn
                    + "' (expected USER@DOMAIN)");
        }
        try {
            return UserIdentity.of(upn.substring(0, at), upn.substring(at + 1), sid);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
    }

    private String[] hostPort(String value) {
        int colon = value.lastIndexOf(':');
        try {
            int port = colon <= 0 ? -1 : Integer.parseInt(value.substring(colon + 1));
            if (port >= 1 && port <= 0xFFFF) {
                return new String[] {value.substring(0, colon), String.valueOf(port)};
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw new ParameterException(spec.commandLine(), "invalid value for option '--vpcd': '" + value
                + "' (expected HOST:PORT)");
    }
}
