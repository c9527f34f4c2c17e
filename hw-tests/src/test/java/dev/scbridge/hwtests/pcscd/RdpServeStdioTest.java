package dev.scbridge.hwtests.pcscd;

import dev.scbridge.apdu.ApduTransport;
import dev.scbridge.apdu.Hex;
import dev.scbridge.cli.Main;
import dev.scbridge.pcsc.piv.Pin;
import dev.scbridge.pcsc.piv.PivClient;
import dev.scbridge.rdp.host.RdpHost;
import dev.scbridge.rdp.host.WindowsSmartCardSession;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code scbridge rdp serve --stdio} driven the way a gateway in another language would: the Windows side
 * ({@link RdpHost}, {@link WindowsSmartCardSession}) writes hex lines to the command's standard input and reads its
 * hex lines back, then verifies the PIN the command printed on stderr through Transmit IOCTLs.
 */
class RdpServeStdioTest {
    private static final Pattern PIN = Pattern.compile("^PIN (\\d{6,8})$", Pattern.MULTILINE);

    @Test
    void virtualCardLogsOnOverStdio() throws Exception {
        assertThat(logOn("--card", "virtual")).contains("scbridge Virtual PIV 0");
    }

    /** Tier 2: the session card served through vpcd to the private pcscd, used through the native PC/SC library. */
    @Test
    @Tag("pcscd")
    void vpcdCardLogsOnOverStdio() throws Exception {
        try (Pcscd pcscd = Pcscd.require()) {
            // a card an earlier test served may still be on its way out of pcscd's view
            pcscd.awaitNoCard(ServedCard.READER, java.time.Duration.ofSeconds(30));
            try {
                assertThat(logOn("--card", "vpcd", "--vpcd", "127.0.0.1:" + pcscd.port)).startsWith("Virtual PCD");
            } finally {
                pcscd.awaitNoCard(ServedCard.READER, java.time.Duration.ofSeconds(30));
            }
        }
    }

    /** Runs the command in a thread, logs on through it, closes its input; returns the reader it served. */
    private static String logOn(String... cardArgs) throws Exception {
        PipedOutputStream toCommand = new PipedOutputStream();
        InputStream commandIn = new PipedInputStream(toCommand, 1 << 20);
        StringWriter err = new StringWriter();
        RdpHost[] host = new RdpHost[1];
        Writer lines = new LineWriter(line -> host[0].fromClient(Hex.decode(line)));
        String[] args = new String[3 + cardArgs.length];
        args[0] = "rdp";
        args[1] = "serve";
        args[2] = "--stdio";
        System.arraycopy(cardArgs, 0, args, 3, cardArgs.length);
        host[0] = new RdpHost(pdu -> write(toCommand, Hex.plain(pdu) + "\n"));
        InputStream saved = System.in;
        System.setIn(commandIn);
        CompletableFuture<Integer> exit;
        try {
            exit = CompletableFuture.supplyAsync(() -> Main.run(args, new PrintWriter(lines, true),
                    new PrintWriter(err, true)));
            // the command reads System.in when it is constructed, before it prints anything
            awaitStderr(err, "one hex PDU per line", exit);
        } finally {
            System.setIn(saved);
        }
        Matcher pin = PIN.matcher(err.toString());
        assertThat(pin.find()).as(err.toString()).isTrue();

        String reader;
        try {
            host[0].handshake();
            WindowsSmartCardSession windows = new WindowsSmartCardSession(host[0]);
            reader = windows.open();
            PivClient piv = PivClient.over(ApduTransport.ofBytes(windows.transport()));
            piv.select();
            piv.pins().verifyPin(Pin.of(pin.group(1)));
            windows.close();
        } finally {
            toCommand.close(); // end of input, also on failure: the channel closes and the card leaves vpcd
        }
        assertThat(exit.get(60, TimeUnit.SECONDS)).as(err.toString()).isZero();
        return reader;
    }

    private static void awaitStderr(StringWriter err, String text, CompletableFuture<Integer> exit)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!err.toString().contains(text)) {
            if (exit.isDone() || System.nanoTime() > deadline) {
                throw new AssertionError("rdp serve did not start: " + err);
            }
            Thread.sleep(20); // the command's stderr is a plain writer: nothing to wait on but its text
        }
    }

    private static void write(OutputStream out, String line) {
        try {
            out.write(line.getBytes(StandardCharsets.US_ASCII));
            out.flush();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Hands every complete line written to it to {@code sink}. */
    private static final class LineWriter extends Writer {
        private final java.util.function.Consumer<String> sink;
        private final StringBuilder line = new StringBuilder();

        LineWriter(java.util.function.Consumer<String> sink) {
            this.sink = sink;
        }

        @Override
        public synchronized void write(char[] cbuf, int off, int len) {
            for (int i = off; i < off + len; i++) {
                char c = cbuf[i];
                if (c == '\n') {
                    String l = line.toString().trim();
                    line.setLength(0);
                    if (!l.isEmpty()) {
                        sink.accept(l);
                    }
                } else {
                    line.append(c);
                }
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }
}
