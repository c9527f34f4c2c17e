package dev.scbridge.rdp;

import dev.scbridge.apdu.ApduTransport;
import dev.scbridge.apdu.piv.PivObjectId;
import dev.scbridge.card.PivCard;
import dev.scbridge.pcsc.piv.Pin;
import dev.scbridge.pcsc.piv.PivClient;
import dev.scbridge.pcsc.virtual.VirtualPcsc;
import dev.scbridge.rdp.host.RdpHost;
import dev.scbridge.rdp.host.WindowsSmartCardSession;
import dev.scbridge.rdp.scard.ReaderFilter;
import dev.scbridge.rdp.scard.ScardService;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** 100 channels at once, PDUs interleaved by a shared pool: each session sees its own card and nothing else. */
class ParallelSessionsTest {
    private static final int SESSIONS = 100;

    @Test
    void hundredSessionsInParallelShareNothing() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<byte[][]>> results = new ArrayList<>();
            for (int i = 0; i < SESSIONS; i++) {
                String pin = String.format("%08d", 10_000_000 + i);
                results.add(pool.submit(() -> runSession(pin)));
            }
            List<String> chuids = new ArrayList<>();
            for (Future<byte[][]> f : results) {
                byte[][] r = f.get(120, TimeUnit.SECONDS);
                assertThat(r[0]).as("the CHUID the session read is its own card's").isEqualTo(r[1]);
                chuids.add(Arrays.toString(r[0]));
            }
            assertThat(chuids).doesNotHaveDuplicates();
        } finally {
            pool.shutdownNow();
        }
    }

    private static byte[][] runSession(String pin) throws Exception {
        VirtualPcsc pcsc = new VirtualPcsc();
        pcsc.addReader("Teleport");
        PivCard card = PivCard.builder().pin(pin).build();
        pcsc.insertCard("Teleport", card);
        RdpHost[] host = new RdpHost[1];
        RdpdrSmartCardChannel channel = RdpdrSmartCardChannel.builder()
                .services(() -> new ScardService(pcsc, ReaderFilter.only("Teleport")))
                .output(pdu -> host[0].fromClient(pdu))
                .build();
        host[0] = new RdpHost(channel::receive);
        try {
            host[0].handshake();
            WindowsSmartCardSession windows = new WindowsSmartCardSession(host[0]);
            windows.open();
            PivClient piv = PivClient.over(ApduTransport.ofBytes(windows.transport()));
            piv.select();
            piv.pins().verifyPin(Pin.of(pin)); // another session's PIN would be refused
            byte[] chuid = piv.objects().read(PivObjectId.CHUID);
            windows.close();
            PivClient direct = PivClient.over(ApduTransport.ofBytes(card::transmit));
            return new byte[][] {chuid, direct.objects().read(PivObjectId.CHUID)};
        } finally {
            channel.close();
        }
    }
}
