package dev.scbridge.cli;

import dev.scbridge.apdu.Hex;
import dev.scbridge.pcsc.Pcsc;
import dev.scbridge.pcsc.PcscContext;
import dev.scbridge.pcsc.ReaderState;
import dev.scbridge.pcsc.Scard;
import dev.scbridge.pcsc.ScardError;
import dev.scbridge.pcsc.ScardException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code scbridge readers [--watch]}: the PC/SC readers (SCardListReaders) with their cards' ATRs
 * (SCardGetStatusChange), and with {@code --watch} one line per card insertion or removal until Ctrl-C, like
 * {@code pcsc_scan} and {@code opensc-tool --list-readers}.
 */
@Command(name = "readers", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"List smart-card readers and their cards (ATR, card type when known).",
            "With --watch, print card insertions and removals as they happen, until Ctrl-C."})
final class ReadersCommand implements Callable<Integer> {
    /** The software card's default ATR, from the Windows logon trace (docs/virtual-card.md). */
    static final byte[] SCBRIDGE_ATR = Hex.decode("3B9513810180 73FF01000B".replace(" ", ""));

    @Spec
    CommandSpec spec;

    @Option(names = "--watch", description = "Keep running and print card insertions and removals.")
    boolean watch;

    /** For tests and scripts: stop after this many events (0: never). */
    @Option(names = "--events", hidden = true, defaultValue = "0", paramLabel = "N")
    int maxEvents;

    @Override
    public Integer call() throws CliFailure {
        PrintWriter out = spec.commandLine().getOut();
        Pcsc pcsc;
        try {
            pcsc = PivEnvironment.pcsc.get();
        } catch (RuntimeException e) {
            throw new CliFailure("PC/SC is not available: " + e.getMessage(), e);
        }
        try (PcscContext context = pcsc.establishContext(Scard.SCOPE_SYSTEM)) {
            List<ReaderState> states = snapshot(context);
            if (states.isEmpty()) {
                out.println("No smart-card readers.");
            }
            for (ReaderState s : states) {
                out.println(s.reader() + ": " + describe(s));
            }
            out.flush();
            if (watch) {
                watch(context, states, out);
            }
        } catch (ScardException e) {
            throw new CliFailure("PC/SC: " + e.getMessage(), e);
        }
        return Main.OK;
    }

    private static List<ReaderState> snapshot(PcscContext context) throws ScardException {
        List<String> readers;
        try {
            readers = context.listReaders();
        } catch (ScardException e) {
            if (e.is(ScardError.E_NO_READERS_AVAILABLE)) {
                return List.of();
            }
            throw e;
        }
        if (readers.isEmpty()) {
            return List.of();
        }
        List<ReaderState> query = new ArrayList<>();
        for (String r : readers) {
            query.add(ReaderState.of(r, Scard.STATE_UNAWARE));
        }
        return context.getStatusChangeBlocking(query, 0);
    }

    private void watch(PcscContext context, List<ReaderState> states, PrintWriter out) throws ScardException {
        int events = 0;
        List<ReaderState> last = new ArrayList<>(states);
        while (!last.isEmpty() && (maxEvents == 0 || events < maxEvents)) {
            List<ReaderState> current = new ArrayList<>();
            for (ReaderState s : last) {
                current.add(s.next());
            }
            List<ReaderState> now = context.getStatusChangeBlocking(current, Scard.INFINITE);
            for (int i = 0; i < now.size(); i++) {
                ReaderState before = last.get(i);
                ReaderState after = now.get(i);
                boolean was = before.has(Scard.STATE_PRESENT);
                boolean is = after.has(Scard.STATE_PRESENT);
                if (after.has(Scard.STATE_UNKNOWN)) {
                    out.println(after.reader() + ": reader removed");
                    events++;
                } else if (was != is) {
                    out.println(after.reader() + ": " + (is ? "card inserted, " + details(after) : "card removed"));
                    events++;
                }
            }
            out.flush();
            last = new ArrayList<>(now);
            last.removeIf(s -> s.has(Scard.STATE_UNKNOWN));
        }
    }

    /** "card present, ATR 3B ..., PIV card (scbridge virtual card)" or "no card". */
    static String describe(ReaderState s) {
        if (!s.has(Scard.STATE_PRESENT)) {
            return "no card";
        }
        return "card present" + (s.has(Scard.STATE_INUSE) ? " (in use)" : "") + ", " + details(s);
    }

    /** "ATR 3B ..., PIV card (...)". */
    private static String details(ReaderState s) {
        byte[] atr = s.atr();
        String name = cardName(atr);
        return "ATR " + Hex.spaced(atr) + (name == null ? "" : ", " + name);
    }

    /** A name for well-known ATRs: the software card's, and any YubiKey's (its historical bytes spell it). */
    static String cardName(byte[] atr) {
        if (Arrays.equals(atr, SCBRIDGE_ATR)) {
            return "PIV card (scbridge software card's default ATR)";
        }
        String ascii = new String(atr, StandardCharsets.ISO_8859_1).toLowerCase(java.util.Locale.ROOT);
        if (ascii.contains("yubikey")) {
            return "YubiKey";
        }
        return null;
    }
}
