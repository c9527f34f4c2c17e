package dev.scbridge.hwtests.pcscd;

import dev.scbridge.card.CardEdge;
import dev.scbridge.pcsc.virtual.VirtualPcsc;
import dev.scbridge.rdp.RdpdrSmartCardChannel;
import dev.scbridge.rdp.host.RdpHost;
import dev.scbridge.rdp.host.WindowsSmartCardSession;
import dev.scbridge.rdp.scard.ReaderFilter;
import dev.scbridge.rdp.scard.ScardService;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * A card whose every APDU crosses the RDP smart-card channel: a session card in a virtual reader behind an
 * {@link RdpdrSmartCardChannel}, reached as Windows reaches it (handshake, contexts, connect, transaction, then one
 * Transmit IOCTL per APDU). Served through vpcd, it lets a real PKINIT client (kinit via OpenSC) have its request
 * signed by the card through the channel.
 */
final class RdpChannelCard implements CardEdge, AutoCloseable {
    private static final String READER = "scbridge Virtual PIV 0";

    private final CardEdge card;
    private final RdpdrSmartCardChannel channel;
    private final WindowsSmartCardSession windows;
    private final dev.scbridge.apdu.ApduTransport.RawTransport transport;
    private int transmits;

    RdpChannelCard(CardEdge card) throws IOException {
        this.card = card;
        VirtualPcsc pcsc = new VirtualPcsc();
        pcsc.addReader(READER);
        pcsc.insertCard(READER, card);
        RdpHost[] host = new RdpHost[1];
        channel = RdpdrSmartCardChannel.builder()
                .services(() -> new ScardService(pcsc, ReaderFilter.only(READER)))
                .output(pdu -> host[0].fromClient(pdu))
                .build();
        host[0] = new RdpHost(channel::receive);
        host[0].handshake();
        windows = new WindowsSmartCardSession(host[0]);
        windows.open();
        transport = windows.transport();
    }

    /** APDUs that went through the channel as Transmit IOCTLs. */
    synchronized int transmits() {
        return transmits;
    }

    @Override
    public byte[] atr() {
        return card.atr();
    }

    @Override
    public synchronized byte[] transmit(byte[] commandApdu) {
        try {
            byte[] r = transport.transmit(commandApdu);
            transmits++;
            return r;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void reset() {
        card.reset(); // the channel's handle sees SCARD_W_RESET_CARD semantics only through Reconnect; vpcd resets below
    }

    @Override
    public void powerOff() {
        card.powerOff();
    }

    @Override
    public void close() throws IOException {
        windows.close();
        channel.close();
    }
}
