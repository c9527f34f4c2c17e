package dev.scbridge.cli;

import dev.scbridge.apdu.Hex;
import dev.scbridge.card.PivCard;
import dev.scbridge.pcsc.virtual.VirtualPcsc;
import dev.scbridge.rdp.RdpdrSmartCardChannel;
import dev.scbridge.rdp.efs.ClientAnnounceReply;
import dev.scbridge.rdp.efs.RdpdrPdu;
import dev.scbridge.rdp.scard.ReaderFilter;
import dev.scbridge.rdp.scard.ScardService;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RdpServeCommandTest {
    @Test
    void eachHexLineIsOnePduAndBadLinesAreSkippedWithAMessage() throws Exception {
        VirtualPcsc pcsc = new VirtualPcsc();
        pcsc.addReader("R");
        pcsc.insertCard("R", PivCard.builder().build());
        List<byte[]> out = new ArrayList<>();
        RdpdrSmartCardChannel channel = RdpdrSmartCardChannel.builder()
                .services(() -> new ScardService(pcsc, ReaderFilter.only("R"))).output(out::add).build();
        String input = "# Server Announce, minor 13, ClientId 3\n72 44 6E 49 01 00 0D 00 03 00 00 00\nnot hex\n\n"
                + "x".repeat(RdpServeCommand.MAX_LINE_CHARS + 5) + "\n72446E49";
        StringWriter err = new StringWriter();
        RdpServeCommand.serve(new ByteArrayInputStream(input.getBytes(StandardCharsets.US_ASCII)), channel,
                new PrintWriter(err, true));
        assertThat(out).hasSize(2); // Client Announce Reply + Client Name; the truncated last line is malformed
        assertThat(((ClientAnnounceReply) RdpdrPdu.decodeFromClient(out.get(0))).clientId()).isEqualTo(3);
        assertThat(err.toString()).contains("line 3 is not hex, skipped")
                .contains("line 5 longer than " + RdpServeCommand.MAX_LINE_CHARS);
        assertThat(channel.stats().malformed()).isEqualTo(1);
        assertThat(Hex.plain(out.get(0))).isEqualTo("72444343" + "01000D00" + "03000000");
    }

    @Test
    void withoutStdioItIsAUsageError() {
        MainTest.Run r = MainTest.run("rdp", "serve");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.errLine()).contains("--stdio");
    }

    @Test
    void unknownCardKindIsAUsageError() {
        MainTest.Run r = MainTest.run("rdp", "serve", "--stdio", "--card", "floppy");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.errLine()).contains("expected virtual, vpcd or reader NAME");
    }

    @Test
    void badPinIsAUsageError() {
        MainTest.Run r = MainTest.run("rdp", "serve", "--stdio", "--pin", "12");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.errLine()).contains("--pin");
    }
}
