package dev.scbridge.bridge;

import dev.scbridge.ca.UserIdentity;
import dev.scbridge.card.PivCard;
import dev.scbridge.pcsc.virtual.VirtualPcsc;
import dev.scbridge.rdp.RdpdrSmartCardChannel;
import dev.scbridge.rdp.scard.ReaderFilter;
import dev.scbridge.rdp.scard.ScardService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.security.cert.X509Certificate;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * One RDP session's smart-card credentials, as {@link Bridge#openSession} made them (issue 6, section 2): the
 * session PIN, the certificate, and the {@link RdpdrSmartCardChannel} that presents the session card (in reader
 * {@value RdpLogon#READER} of a private {@link VirtualPcsc}) to the Windows host.
 *
 * <h2>What the gateway does with it</h2>
 * <ol>
 *   <li>Puts {@link #pin()} in the Client Info PDU (MS-RDPBCGR 2.2.1.11.1.1 TS_INFO_PACKET): the digits as the
 *       Password field (UTF-16LE, null-terminated), the user and domain of {@link #upn()} as UserName and Domain,
 *       and flags {@code INFO_AUTOLOGON} (0x00000008) | {@code INFO_PASSWORD_IS_SC_PIN} (0x00040000), so Windows
 *       logs on with the redirected card and that PIN instead of showing the credential prompt.</li>
 *   <li>Offers the {@code rdpdr} static channel (and {@code rdpsnd}, or Windows never talks on rdpdr:
 *       design.md, "RDP channel"), passes every complete rdpdr PDU from the server to
 *       {@code channel().receive(pdu)}, and sends what the channel emits back to the server.</li>
 *   <li>Closes the session when the RDP connection ends.</li>
 * </ol>
 *
 * <h2>Where the channel's output goes</h2>
 * The channel emits PDUs only in answer to {@code receive} (at once, or later for a parked GetStatusChange), so the
 * destination need only be known before the first PDU is fed in. Either pass it to
 * {@link Bridge#openSession(UserIdentity, Consumer)}, or open with {@link Bridge#openSession(UserIdentity)} and
 * {@link #attach} it once before feeding PDUs (a sidecar that learns its stream after opening the session). A PDU
 * emitted with nothing attached, or after {@link #close()}, is dropped and counted ({@link #droppedPdus()}). The
 * sink is never called concurrently (the channel guarantees that) and never while a bridge lock is held.
 *
 * <p>Thread-safe. {@link #close()} is idempotent and may race with the gateway feeding PDUs: the channel ignores
 * PDUs after close and the card is taken out of its reader before it is wiped.
 */
public final class Session implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Session.class);

    private final UserIdentity identity;
    private final X509Certificate certificate;
    private final SessionPin pin;
    private final PivCard card;
    private final VirtualPcsc pcsc;
    private final RdpdrSmartCardChannel channel;
    private final AtomicReference<Consumer<byte[]>> sink = new AtomicReference<>();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Consumer<Session> onClose;

    Session(UserIdentity identity, X509Certificate certificate, SessionPin pin, PivCard card,
            Consumer<Session> onClose) {
        this.identity = identity;
        this.certificate = certificate;
        this.pin = pin;
        this.card = card;
        this.onClose = onClose;
        this.pcsc = new VirtualPcsc();
        pcsc.addReader(RdpLogon.READER);
        pcsc.insertCard(RdpLogon.READER, card);
        this.channel = RdpdrSmartCardChannel.builder()
                .services(() -> new ScardService(pcsc, ReaderFilter.only(RdpLogon.READER)))
                .output(this::emit)
                .build();
    }

    /**
     * Sets where the channel's PDUs for the server go; once per session, before the first PDU is fed in.
     *
     * @throws IllegalStateException a destination is already attached
     */
    public Session attach(Consumer<byte[]> toServer) {
        Objects.requireNonNull(toServer, "toServer");
        if (!sink.compareAndSet(null, toServer)) {
            throw new IllegalStateException("the session's output is already attached");
        }
        return this;
    }

    /**
     * The card PIN for the Client Info PDU (flags {@code INFO_AUTOLOGON | INFO_PASSWORD_IS_SC_PIN}, see the class
     * comment). Read it with {@link SessionPin#reveal()}; it throws once the session is closed.
     */
    /**
     * The session card's APDU interface, to serve it elsewhere (through vpcd to a PC/SC stack, for trying a
     * session with kinit or OpenSC). It never gives out the key.
     */
    public dev.scbridge.card.CardEdge cardEdge() {
        return card;
    }

    public SessionPin pin() {
        return pin;
    }

    /** The channel to feed the server's rdpdr PDUs into ({@link RdpdrSmartCardChannel#receive}). */
    public RdpdrSmartCardChannel channel() {
        return channel;
    }

    /** The session certificate in slot 9A (short-lived, issued by the bridge's CA). */
    public X509Certificate certificate() {
        return certificate;
    }

    public UserIdentity identity() {
        return identity;
    }

    /** {@code user@domain}, the UPN in the certificate; its parts go into the Client Info PDU. */
    public String upn() {
        return identity.upn();
    }

    /** PDUs the channel emitted with no destination attached, or after close. */
    public long droppedPdus() {
        return dropped.get();
    }

    public boolean isClosed() {
        return closed.get();
    }

    /** The session card itself (tests). */
    PivCard card() {
        return card;
    }

    /**
     * Closes the channel (pending calls dropped, later PDUs ignored), takes the card out of its reader, wipes the
     * card (its private key reference, PIN, PUK and management key) and the session PIN. Idempotent. The private
     * key's memory itself cannot be overwritten from Java (see {@link KeyPool}); the session drops every reference.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            channel.close();
            // under VirtualPcsc's lock: an APDU being processed finishes first, none follows
            pcsc.removeCard(RdpLogon.READER);
        } finally {
            card.wipe();
            pin.wipe();
            onClose.accept(this);
        }
    }

    private void emit(byte[] pdu) {
        Consumer<byte[]> to = sink.get();
        if (to == null || closed.get()) {
            dropped.incrementAndGet();
            LOG.debug("rdpdr PDU dropped: {}", to == null ? "no output attached" : "session closed");
            return;
        }
        to.accept(pdu);
    }

    @Override
    public String toString() {
        return "Session[" + identity.upn() + (closed.get() ? ", closed" : "") + ", PIN redacted]";
    }
}
