package dev.scbridge.cli;

import dev.scbridge.apdu.Hex;
import dev.scbridge.bridge.RdpLogon;
import dev.scbridge.bridge.SessionCard;
import dev.scbridge.bridge.SessionKeyType;
import dev.scbridge.bridge.SessionPin;
import dev.scbridge.ca.CaException;
import dev.scbridge.ca.CertificateAuthority;
import dev.scbridge.ca.UserIdentity;
import dev.scbridge.pcsc.Pcsc;
import dev.scbridge.pcsc.PcscContext;
import dev.scbridge.pcsc.Scard;
import dev.scbridge.pcsc.ScardException;
import dev.scbridge.pcsc.nativ.NativePcsc;
import dev.scbridge.pcsc.virtual.VirtualPcsc;
import dev.scbridge.pcsc.vpcd.VpcdLink;
import dev.scbridge.rdp.RdpdrSmartCardChannel;
import dev.scbridge.rdp.scard.ReaderFilter;
import dev.scbridge.rdp.scard.ScardService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.security.cert.CertificateEncodingException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code scbridge rdp serve --stdio}: one {@link RdpdrSmartCardChannel} on standard input and output, so any
 * language or test can drive it: each line in is one complete server-to-client rdpdr PDU in hex, each line out one
 * client-to-server PDU in hex, written when it exists (a pending GetStatusChange answers later). End of input
 * closes the channel.
 */
@Command(name = "serve",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {"Run one RDP smart-card channel on standard input/output: each input line is one rdpdr PDU "
                + "from the server in hex, each output line one PDU from the client, written as soon as it exists.",
            "--card virtual (default): a session card with a fresh RSA-2048 key and a certificate for a test user "
                + "from a throwaway CA; its certificate (PEM) and PIN go to stderr. --card vpcd: the same card served "
                + "through vpcd to pcscd and used through the system's PC/SC. --card reader NAME: redirect a real "
                + "reader."})
final class RdpServeCommand implements Callable<Integer> {
    /** Longest input line: the largest DR_CONTROL_REQ (56 + 128 KiB) in hex with spaces, plus slack. */
    static final int MAX_LINE_CHARS = 3 * (56 + 128 * 1024) + 1024;
    /** How long --card vpcd waits for pcscd to show the card. */
    static final Duration VPCD_WAIT = Duration.ofSeconds(20);

    @Spec
    CommandSpec spec;

    /** Standard input; tests replace it. */
    InputStream stdin = System.in;

    @Option(names = "--stdio", required = true, description = "Serve on standard input and output (required).")
    boolean stdio;

    @Option(names = "--card", arity = "1..2", paramLabel = "KIND",
            description = "virtual (default), vpcd, or reader NAME.")
    List<String> card;

    @Option(names = "--pin", paramLabel = "PIN", description = "The session card's PIN, 6-8 digits (default: random).")
    String pin;

    @Option(names = "--user", paramLabel = "UPN", defaultValue = "test@example.test",
            description = "The test user of the virtual card's certificate (default: ${DEFAULT-VALUE}).")
    String user;

    @Option(names = "--vpcd", paramLabel = "HOST:PORT",
            description = "vpcd's address for --card vpcd (default: 127.0.0.1:35963).")
    String vpcd;

    @Option(names = "--computer-name", paramLabel = "NAME", defaultValue = "scbridge",
            description = "The name sent in the Client Name Request (default: ${DEFAULT-VALUE}).")
    String computerName;

    @Override
    public Integer call() throws CliFailure {
        String kind = card == null ? "virtual" : card.get(0);
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter out = spec.commandLine().getOut();
        Backend backend = switch (kind) {
            case "virtual" -> {
                requireArgs(1);
                SessionCard session = sessionCard(err);
                VirtualPcsc pcsc = new VirtualPcsc();
                pcsc.addReader(RdpLogon.READER);
                pcsc.insertCard(RdpLogon.READER, session.card());
                yield new Backend(pcsc, RdpLogon.READER, session::close);
            }
            case "vpcd" -> {
                requireArgs(1);
                yield vpcdBackend(sessionCard(err), err);
            }
            case "reader" -> {
                if (card.size() != 2) {
                    throw usage("--card reader needs the reader's NAME");
                }
                yield new Backend(nativePcsc(), card.get(1), () -> { });
            }
            default -> throw usage("invalid value for option '--card': '" + kind
                    + "' (expected virtual, vpcd or reader NAME)");
        };
        RdpdrSmartCardChannel channel = RdpdrSmartCardChannel.builder()
                .services(() -> new ScardService(backend.pcsc, ReaderFilter.only(backend.reader)))
                .computerName(computerName)
                .output(pdu -> {
                    out.println(Hex.plain(pdu));
                    out.flush();
                })
                .build();
        err.println("scbridge: rdp channel on stdio, reader \"" + backend.reader + "\"; one hex PDU per line");
        err.flush();
        try {
            serve(stdin, channel, err);
        } catch (IOException e) {
            throw new CliFailure("reading standard input: " + e.getMessage(), e);
        } finally {
            channel.close();
            backend.cleanup.run();
        }
        return Main.OK;
    }

    /** Feeds each line to the channel; a bad line is reported on stderr and skipped, never fatal. */
    static void serve(InputStream in, RdpdrSmartCardChannel channel, PrintWriter err) throws IOException {
        Reader r = new InputStreamReader(in, StandardCharsets.US_ASCII);
        StringBuilder line = new StringBuilder();
        boolean tooLong = false;
        int lineNo = 0;
        int c;
        while ((c = r.read()) != -1 || line.length() > 0 || tooLong) {
            if (c != -1 && c != '\n') {
                if (line.length() < MAX_LINE_CHARS) {
                    line.append((char) c);
                } else {
                    tooLong = true;
                }
                continue;
            }
            lineNo++;
            String text = line.toString().trim();
            line.setLength(0);
            if (tooLong) {
                err.println("scbridge: line " + lineNo + " longer than " + MAX_LINE_CHARS + " characters, skipped");
                tooLong = false;
            } else if (!text.isEmpty() && !text.startsWith("#")) {
                byte[] pdu;
                try {
                    pdu = Hex.decode(text);
                } catch (IllegalArgumentException e) {
                    err.println("scbridge: line " + lineNo + " is not hex, skipped");
                    err.flush();
                    continue;
                }
                channel.receive(pdu);
            }
            if (c == -1) {
                break;
            }
        }
        err.flush();
    }

    private SessionCard sessionCard(PrintWriter err) throws CliFailure {
        SecureRandom random = new SecureRandom();
        UserIdentity identity;
        int at = user.lastIndexOf('@');
        try {
            if (at <= 0) {
                throw new IllegalArgumentException("expected user@domain");
            }
            identity = UserIdentity.of(user.substring(0, at), user.substring(at + 1));
        } catch (IllegalArgumentException e) {
            throw usage("invalid value for option '--user': " + e.getMessage());
        }
        SessionPin sessionPin;
        try {
            sessionPin = pin == null ? SessionPin.random(random) : SessionPin.of(pin);
        } catch (IllegalArgumentException e) {
            throw usage("invalid value for option '--pin': " + e.getMessage());
        }
        try {
            CertificateAuthority ca = CertificateAuthority.builder().random(random).build();
            var key = SessionKeyType.RSA_2048.generate(random);
            SessionCard session = SessionCard.load(ca.issue(identity, key.getPublic()), key, sessionPin, random);
            err.print(PivPem.encode("CERTIFICATE", session.certificate().getEncoded()));
            // the debugging tool's contract: the test PIN is shown so that a driver can verify it
            err.println("PIN " + sessionPin.reveal());
            err.flush();
            return session;
        } catch (CaException | CertificateEncodingException e) {
            throw new CliFailure("cannot issue the test certificate: " + e.getMessage(), e);
        }
    }

    private Backend vpcdBackend(SessionCard session, PrintWriter err) throws CliFailure {
        VpcdLink.Builder b = VpcdLink.builder(session.card());
        if (vpcd != null) {
            int colon = vpcd.lastIndexOf(':');
            int port;
            try {
                port = colon <= 0 ? -1 : Integer.parseInt(vpcd.substring(colon + 1));
            } catch (NumberFormatException e) {
                port = -1;
            }
            if (port < 1 || port > 0xFFFF) {
                throw usage("invalid value for option '--vpcd': '" + vpcd + "' (expected HOST:PORT)");
            }
            b.connectTo(vpcd.substring(0, colon), port);
        }
        VpcdLink link = b.build();
        try {
            link.start();
        } catch (IOException e) {
            throw new CliFailure("vpcd: " + e.getMessage(), e);
        }
        NativePcsc pcsc = nativePcsc();
        String reader = waitForCard(pcsc);
        err.println("scbridge: card served through vpcd, seen by pcscd in \"" + reader + "\"");
        return new Backend(pcsc, reader, () -> {
            link.close();
            session.close();
        });
    }

    private static String waitForCard(Pcsc pcsc) throws CliFailure {
        long deadline = System.nanoTime() + VPCD_WAIT.toNanos();
        try (PcscContext ctx = pcsc.establishContext()) {
            while (System.nanoTime() < deadline) {
                try {
                    for (String name : ctx.listReaders()) {
                        var states = ctx.getStatusChangeBlocking(List.of(dev.scbridge.pcsc.ReaderState.of(name,
                                Scard.STATE_UNAWARE)), 0);
                        if (name.startsWith("Virtual PCD") && states.get(0).has(Scard.STATE_PRESENT)) {
                            return name;
                        }
                    }
                } catch (ScardException e) {
                    // no reader yet
                }
                Thread.sleep(100);
            }
        } catch (ScardException e) {
            throw new CliFailure("PC/SC: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        throw new CliFailure("pcscd showed no card in a vpcd reader within " + VPCD_WAIT.toSeconds() + " s", null);
    }

    private static NativePcsc nativePcsc() throws CliFailure {
        try {
            return NativePcsc.open();
        } catch (ScardException e) {
            throw new CliFailure("PC/SC: " + e.getMessage(), e);
        }
    }

    private void requireArgs(int n) {
        if (card != null && card.size() != n) {
            throw usage("--card " + card.get(0) + " takes no NAME");
        }
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }

    private record Backend(Pcsc pcsc, String reader, Runnable cleanup) {
    }
}
