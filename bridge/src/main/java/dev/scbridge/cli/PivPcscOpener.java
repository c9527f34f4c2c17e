package dev.scbridge.cli;

import dev.scbridge.apdu.ApduTransport;
import dev.scbridge.pcsc.CardHandle;
import dev.scbridge.pcsc.Pcsc;
import dev.scbridge.pcsc.PcscContext;
import dev.scbridge.pcsc.ReaderState;
import dev.scbridge.pcsc.Scard;
import dev.scbridge.pcsc.ScardException;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * {@link PivCardOpener} over the PC/SC model: establish a context, pick the reader (exact name, else the one reader
 * whose name contains the text, case-insensitively, or the one such reader holding a card, as yubico-piv-tool's
 * {@code -r} and ykman's {@code --reader} do),
 * connect shared with T=1 or T=0 inside one transaction, and transmit raw APDUs (the PIV client does chaining and
 * GET RESPONSE itself).
 */
final class PivPcscOpener implements PivCardOpener {
    private final Supplier<Pcsc> pcsc;

    PivPcscOpener(Supplier<Pcsc> pcsc) {
        this.pcsc = pcsc;
    }

    @Override
    public OpenCard open(String readerName) throws CliFailure {
        PcscContext context = null;
        try {
            context = backend().establishContext(Scard.SCOPE_SYSTEM);
            PcscContext ctx = context;
            String reader = choose(context.listReaders(), readerName, names -> withCard(ctx, names));
            CardHandle handle = context.connect(reader, Scard.SHARE_SHARED, Scard.PROTOCOL_TX);
            // One transaction per command: no other application may slip an APDU between VERIFY and the
            // signature it authorizes (slot 9C's PIN-always rule, SP 800-73-4 Part 1 3.2.1).
            handle.beginTransaction();
            return new Opened(reader, context, handle);
        } catch (ScardException e) {
            closeQuietly(context);
            throw new CliFailure("PC/SC: " + e.getMessage(), e);
        } catch (CliFailure | RuntimeException e) {
            closeQuietly(context);
            throw e;
        }
    }

    private Pcsc backend() throws CliFailure {
        try {
            return pcsc.get();
        } catch (RuntimeException e) {
            throw new CliFailure("PC/SC is not available: " + e.getMessage(), e);
        }
    }

    /** Which of the given readers hold a card (SCardGetStatusChange, polled once). */
    @FunctionalInterface
    interface CardPresence {
        List<String> withCard(List<String> readers) throws ScardException;
    }

    /**
     * The reader named exactly {@code wanted}; else the readers whose names contain it (all readers when it is
     * null): the only one, or the only one of them holding a card (vpcd always shows two readers, one empty).
     */
    static String choose(List<String> readers, String wanted, CardPresence presence)
            throws CliFailure, ScardException {
        if (readers.isEmpty()) {
            throw new CliFailure("no smart-card reader found", null);
        }
        List<String> matches = new ArrayList<>();
        for (String r : readers) {
            if (r.equals(wanted)) {
                return r;
            }
            if (wanted == null || r.toLowerCase(Locale.ROOT).contains(wanted.toLowerCase(Locale.ROOT))) {
                matches.add(r);
            }
        }
        if (matches.isEmpty()) {
            throw new CliFailure("no reader matches '" + wanted + "'", null);
        }
        if (matches.size() == 1) {
            return matches.get(0);
        }
        List<String> withCard = presence.withCard(matches);
        if (withCard.size() == 1) {
            return withCard.get(0);
        }
        String which = wanted == null ? "readers found" : "readers match '" + wanted + "'";
        throw new CliFailure(withCard.isEmpty()
                ? matches.size() + " " + which + " and none holds a card (" + String.join(", ", matches) + ")"
                : withCard.size() + " " + which + " with a card (" + String.join(", ", withCard)
                        + "); choose one with --reader", null);
    }

    private static List<String> withCard(PcscContext context, List<String> readers) throws ScardException {
        List<ReaderState> query = new ArrayList<>();
        for (String r : readers) {
            query.add(ReaderState.of(r, Scard.STATE_UNAWARE));
        }
        List<String> out = new ArrayList<>();
        for (ReaderState s : context.getStatusChangeBlocking(query, 0)) {
            if (s.has(Scard.STATE_PRESENT)) {
                out.add(s.reader());
            }
        }
        return out;
    }

    private static void closeQuietly(PcscContext context) {
        if (context != null) {
            try {
                context.release();
            } catch (ScardException ignored) {
                // already failing; the first error is the one the user sees
            }
        }
    }

    private record Opened(String readerName, PcscContext context, CardHandle handle) implements OpenCard {
        @Override
        public ApduTransport transport() {
            return ApduTransport.ofBytes(command -> {
                try {
                    return handle.transmit(command);
                } catch (ScardException e) {
                    throw new IOException("PC/SC transmit: " + e.getMessage(), e);
                }
            });
        }

        @Override
        public void close() {
            try {
                handle.endTransaction(Scard.LEAVE_CARD);
            } catch (ScardException ignored) {
                // the card or reader is gone; disconnecting below releases what is left
            }
            try {
                handle.disconnect(Scard.LEAVE_CARD);
            } catch (ScardException ignored) {
                // the card may be gone already; nothing more to release on it
            }
            closeQuietly(context);
        }
    }
}
