package dev.scbridge.cli;

import dev.scbridge.bridge.ExchangeListener;
import dev.scbridge.bridge.ExchangeStep;

import java.io.PrintWriter;
import java.util.Locale;

/** Prints a played exchange as it happens: one line per APDU, notes indented under the APDU they came from. */
final class TranscriptPrinter implements ExchangeListener {
    private static final String ROW = "%4s  %-32s %5s %5s  %-42s %8s%n";
    private final PrintWriter out;
    private final boolean decode;

    TranscriptPrinter(PrintWriter out) {
        this(out, false);
    }

    /** @param decode also print each IOCTL's call and return field by field, as {@code scbridge rdp decode} does */
    TranscriptPrinter(PrintWriter out, boolean decode) {
        this.out = out;
        this.decode = decode;
    }

    void header() {
        out.printf(Locale.ROOT, ROW, "#", "command", "out", "in", "status", "ms");
    }

    @Override
    public void apdu(ExchangeStep s) {
        out.printf(Locale.ROOT, ROW, s.index(), s.name(), s.bytesOut(), s.bytesIn(), s.status(),
                String.format(Locale.ROOT, "%.3f", s.millis()));
        out.flush();
    }

    /** One IOCTL line: CompletionId, the IOCTL, its ReturnCode by name; Transmits show up as their APDU row. */
    void ioctl(dev.scbridge.rdp.host.RdpHost.Exchange x) {
        if (x.ioctl() == dev.scbridge.rdp.esc.Ioctl.TRANSMIT) {
            return;
        }
        int rc = x.answer().returnCode();
        String code = dev.scbridge.pcsc.ScardError.fromCode(rc).map(dev.scbridge.pcsc.ScardError::scardName)
                .orElse(rc == 0 ? "SCARD_S_SUCCESS" : String.format("0x%08X", rc));
        out.printf(Locale.ROOT, ROW, "cid" + x.completionId(), x.ioctl().constantName().replace("SCARD_IOCTL_", ""),
                x.input().length, x.response().outputBuffer().length, code, "");
        if (decode) {
            boolean wide = x.ioctl().wide();
            for (var message : java.util.List.of(x.call(), x.answer())) {
                out.println("      " + message.structureName() + " (" + message.specSection() + ")");
                new dev.scbridge.rdp.trace.decode.FieldLister(line -> out.println("      " + line), wide)
                        .list((Record) message, 1);
            }
        }
        out.flush();
    }

    @Override
    public void note(String text) {
        out.println("      -> " + text);
        out.flush();
    }
}
