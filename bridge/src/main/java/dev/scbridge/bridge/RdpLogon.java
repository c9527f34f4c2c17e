package dev.scbridge.bridge;

import dev.scbridge.apdu.Hex;
import dev.scbridge.pcsc.Pcsc;
import dev.scbridge.pcsc.virtual.VirtualPcsc;
import dev.scbridge.rdp.RdpdrSmartCardChannel;
import dev.scbridge.rdp.host.RdpHost;
import dev.scbridge.rdp.host.WindowsSmartCardSession;
import dev.scbridge.rdp.scard.ReaderFilter;
import dev.scbridge.rdp.scard.ScardService;

import java.io.IOException;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * A whole Windows smart-card logon over the RDP channel, in process: the session card in a virtual reader behind
 * an {@link RdpdrSmartCardChannel}, and the Windows side played by {@link RdpHost} (the rdpdr handshake),
 * {@link WindowsSmartCardSession} (contexts, status change, connect, transaction, cache) and
 * {@link WindowsLogonExchange} (the PIV minidriver's APDUs, each one a Transmit IOCTL).
 */
public final class RdpLogon {
    /** The reader name the session card is presented in. */
    public static final String READER = "scbridge Virtual PIV 0";

    private final X509Certificate caCertificate;
    private final Clock clock;
    private final SecureRandom random;

    public RdpLogon(X509Certificate caCertificate, Clock clock, SecureRandom random) {
        this.caCertificate = Objects.requireNonNull(caCertificate, "caCertificate");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.random = Objects.requireNonNull(random, "random");
    }

    /** What it cost: PDUs each way, IOCTLs, the whole exchange, and the card's private-key operations in it. */
    public record Result(LogonResult logon, int pdusFromServer, int pdusFromClient, int ioctls, long totalNanos,
                         long privateKeyNanos) {
    }

    /**
     * Plays the logon against {@code session}'s card.
     *
     * @param ioctls receives every IOCTL once answered (a transcript); {@code apdus} every APDU
     */
    public Result play(SessionCard session, Consumer<RdpHost.Exchange> ioctls, ExchangeListener apdus)
            throws LogonFailedException {
        VirtualPcsc pcsc = new VirtualPcsc();
        pcsc.addReader(READER);
        pcsc.insertCard(READER, session.card());
        return play(pcsc, READER, session, ioctls, apdus);
    }

    /**
     * Plays the logon against the card in {@code reader} of {@code pcsc}, redirected through the channel (a real
     * reader, or the session card behind pcscd + vpcd reached through the native PC/SC library).
     *
     * @param session the PIN to present and the certificate the minidriver cache entry is made of
     */
    public Result play(Pcsc pcsc, String reader, SessionCard session, Consumer<RdpHost.Exchange> ioctls,
                       ExchangeListener apdus) throws LogonFailedException {
        AtomicInteger fromServer = new AtomicInteger();
        AtomicInteger fromClient = new AtomicInteger();
        AtomicInteger calls = new AtomicInteger();
        AtomicLong privateKeyNanos = new AtomicLong();
        RdpHost[] host = new RdpHost[1];
        RdpdrSmartCardChannel channel = RdpdrSmartCardChannel.builder()
                .services(() -> new ScardService(pcsc, ReaderFilter.only(reader)))
                .output(pdu -> {
                    fromClient.incrementAndGet();
                    host[0].fromClient(pdu);
                })
                .build();
        host[0] = new RdpHost(pdu -> {
            fromServer.incrementAndGet();
            channel.receive(pdu);
        }).onExchange(x -> {
            calls.incrementAndGet();
            ioctls.accept(x);
        });
        ExchangeListener timing = new ExchangeListener() {
            @Override
            public void apdu(ExchangeStep step) {
                if (step.name().startsWith("GENERAL AUTHENTICATE")) {
                    privateKeyNanos.addAndGet(step.nanos());
                }
                apdus.apdu(step);
            }

            @Override
            public void note(String text) {
                apdus.note(text);
            }
        };
        long start = System.nanoTime();
        try {
            host[0].handshake();
            try (WindowsSmartCardSession windows = new WindowsSmartCardSession(host[0])) {
                windows.open();
                LogonResult logon = new WindowsLogonExchange(caCertificate, clock, random)
                        .play(windows.transport(), session.pin(), timing);
                // what the minidriver caches for the next logon, keyed by the CHUID GUID
                windows.cache(Hex.decode(logon.cardGuid()), "Cached_ContainerInfo_00",
                        session.certificate().getPublicKey().getEncoded());
                if (!windows.statusChangePending()) {
                    throw new LogonFailedException("the INFINITE GetStatusChange answered with no card event");
                }
                windows.close();
                return new Result(logon, fromServer.get(), fromClient.get(), calls.get(), System.nanoTime() - start,
                        privateKeyNanos.get());
            }
        } catch (IOException e) {
            throw new LogonFailedException("RDP channel: " + e.getMessage(), e);
        } finally {
            channel.close();
        }
    }
}
