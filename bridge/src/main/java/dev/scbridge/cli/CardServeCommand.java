package dev.scbridge.cli;

import dev.scbridge.card.PivCard;
import dev.scbridge.pcsc.vpcd.VpcdLink;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * {@code scbridge card serve}: serves a software PIV card to this machine's PC/SC stack through vsmartcard's vpcd
 * driver in pcscd ({@link VpcdLink}) until Ctrl-C; then the link closes and the card's state is saved.
 */
@Command(name = "serve",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {"Serve a software PIV card to this machine's pcscd through the vsmartcard vpcd driver, "
                + "until Ctrl-C.",
            "With --state the card is kept encrypted in FILE (created with default YubiKey credentials if absent: "
                + "PIN 123456, PUK 12345678, the default management key); without it the card is ephemeral."})
final class CardServeCommand implements Callable<Integer> {
    /** How long the shutdown hook waits for the link to close and the state to be saved. */
    static final long SHUTDOWN_WAIT_SECONDS = 30;

    @Spec
    CommandSpec spec;

    @Option(names = "--state", paramLabel = "FILE",
            description = "The card's encrypted state file (created if absent). Needs --passphrase-file or "
                    + "--passphrase-env.")
    Path state;

    @Option(names = "--passphrase-file", paramLabel = "FILE",
            description = "Read the state file's passphrase from the first line of FILE.")
    Path passphraseFile;

    @Option(names = "--passphrase-env", paramLabel = "NAME",
            description = "Read the state file's passphrase from the environment variable NAME.")
    String passphraseEnv;

    @Option(names = "--vpcd", paramLabel = "HOST:PORT",
            description = "Connect to vpcd at HOST:PORT (default: 127.0.0.1:35963, vpcd's normal mode).")
    String vpcd;

    @Option(names = "--listen", paramLabel = "PORT",
            description = "Listen on 127.0.0.1:PORT for vpcd instead (vpcd's reversed mode, "
                    + "DEVICENAME 127.0.0.1:PORT; not usable with Debian 12's pcscd 1.9.9, see docs/admin-guide.md).")
    Integer listen;

    /** Counted down to stop serving: by the shutdown hook (Ctrl-C), or by a test. */
    final CountDownLatch stop = new CountDownLatch(1);
    /** Counted down once the link is closed and the state saved. */
    final CountDownLatch stopped = new CountDownLatch(1);
    /** The running link, for tests; null before the card is served. */
    volatile VpcdLink link;

    @Override
    public Integer call() throws CliFailure {
        checkOptions();
        String host = VpcdLink.DEFAULT_HOST;
        int port = VpcdLink.DEFAULT_PORT;
        if (vpcd != null) {
            int colon = vpcd.lastIndexOf(':');
            if (colon <= 0) {
                throw usage("invalid value for option '--vpcd': '" + vpcd + "' (expected HOST:PORT)");
            }
            host = vpcd.substring(0, colon);
            port = parsePort("--vpcd", vpcd.substring(colon + 1), 1);
        }
        if (listen != null && (listen < 1 || listen > 0xFFFF)) {
            throw usage("invalid value for option '--listen': " + listen + " (expected 1..65535)");
        }
        char[] passphrase = state == null ? null : passphrase();
        PrintWriter err = spec.commandLine().getErr();
        PivCard card = openCard(passphrase, err);
        VpcdLink.Builder b = VpcdLink.builder(card);
        if (listen != null) {
            b.listenOn("127.0.0.1", listen);
        } else {
            b.connectTo(host, port);
        }
        VpcdLink l = b.build();
        try {
            l.start();
        } catch (IOException e) {
            throw new CliFailure(e.getMessage(), e);
        }
        link = l;
        Thread hook = new Thread(() -> {
            stop.countDown();
            try {
                stopped.await(SHUTDOWN_WAIT_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "scbridge-card-serve-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        err.println("scbridge: serving PIV card (serial " + Integer.toUnsignedString(card.serial()) + ") "
                + (listen != null ? "listening on 127.0.0.1:" + listen + " for vpcd" : "to vpcd at " + host + ":" + port)
                + "; Ctrl-C to stop");
        err.flush();
        try {
            stop.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // Ctrl-C: the hook is running and waits for us.
        }
        try {
            l.close();
            if (state != null) {
                try {
                    card.save(state, passphrase);
                    err.println("scbridge: card state saved to " + state);
                } catch (IOException e) {
                    throw new CliFailure("cannot save the card to " + state + ": " + e.getMessage(), e);
                }
            }
            err.flush();
            return Main.OK;
        } finally {
            if (passphrase != null) {
                Arrays.fill(passphrase, '\0');
            }
            stopped.countDown();
        }
    }

    private void checkOptions() {
        if (vpcd != null && listen != null) {
            throw usage("--vpcd and --listen are mutually exclusive");
        }
        if (passphraseFile != null && passphraseEnv != null) {
            throw usage("--passphrase-file and --passphrase-env are mutually exclusive");
        }
        boolean hasPassphrase = passphraseFile != null || passphraseEnv != null;
        if (state != null && !hasPassphrase) {
            throw usage("--state needs --passphrase-file FILE or --passphrase-env NAME");
        }
        if (state == null && hasPassphrase) {
            throw usage("a passphrase option needs --state FILE");
        }
    }

    private PivCard openCard(char[] passphrase, PrintWriter err) throws CliFailure {
        if (state == null) {
            err.println("scbridge: ephemeral card (no --state): default credentials (PIN 123456, PUK 12345678, "
                    + "default management key); everything is lost when this command ends");
            return PivCard.builder().build();
        }
        if (Files.exists(state)) {
            try {
                return PivCard.load(state, passphrase);
            } catch (IOException e) {
                throw new CliFailure("cannot open the card in " + state + ": " + e.getMessage(), e);
            }
        }
        PivCard card = PivCard.builder().build();
        try {
            card.save(state, passphrase);
        } catch (IOException e) {
            throw new CliFailure("cannot create the card file " + state + ": " + e.getMessage(), e);
        }
        err.println("scbridge: " + state + " did not exist: created a new card with default credentials "
                + "(PIN 123456, PUK 12345678, default management key); change them before real use");
        return card;
    }

    private char[] passphrase() throws CliFailure {
        if (passphraseEnv != null) {
            String value = System.getenv(passphraseEnv);
            if (value == null || value.isEmpty()) {
                throw usage("environment variable " + passphraseEnv + " is not set or empty");
            }
            return value.toCharArray();
        }
        return PassphraseOptions.readFirstLine(passphraseFile);
    }

    private int parsePort(String option, String text, int min) {
        try {
            int p = Integer.parseInt(text);
            if (p >= min && p <= 0xFFFF) {
                return p;
            }
        } catch (NumberFormatException ignored) {
            // below
        }
        throw usage("invalid value for option '" + option + "': port '" + text + "' (expected " + min + "..65535)");
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
