package dev.scbridge.rdp;

import dev.scbridge.card.PivCard;
import dev.scbridge.pcsc.virtual.VirtualPcsc;
import dev.scbridge.rdp.host.RdpHost;
import dev.scbridge.rdp.scard.ReaderFilter;
import dev.scbridge.rdp.scard.ScardService;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A channel over a virtual reader "Teleport" holding a PIV card, wired to an {@link RdpHost}. */
final class ChannelTestRig implements AutoCloseable {
    static final String READER = "Teleport";
    static final String PIN = "70472168";
    private static KeyPair key;

    final VirtualPcsc pcsc = new VirtualPcsc();
    final List<byte[]> sent = new CopyOnWriteArrayList<>();
    final RdpdrSmartCardChannel channel;
    final RdpHost host;

    ChannelTestRig() {
        pcsc.addReader(READER);
        pcsc.insertCard(READER, PivCard.builder().pin(PIN)
                .key(dev.scbridge.apdu.piv.PivKeyRef.AUTHENTICATION, key()).build());
        RdpHost[] h = new RdpHost[1];
        channel = RdpdrSmartCardChannel.builder()
                .services(() -> new ScardService(pcsc, ReaderFilter.only(READER)))
                .output(pdu -> {
                    sent.add(pdu);
                    h[0].fromClient(pdu);
                })
                .build();
        host = new RdpHost(channel::receive);
        h[0] = host;
    }

    static synchronized KeyPair key() {
        if (key == null) {
            try {
                KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
                g.initialize(2048);
                key = g.generateKeyPair();
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
        return key;
    }

    @Override
    public void close() {
        channel.close();
    }
}
