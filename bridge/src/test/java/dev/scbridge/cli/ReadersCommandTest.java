package dev.scbridge.cli;

import dev.scbridge.card.PivCard;
import dev.scbridge.pcsc.virtual.VirtualPcsc;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code scbridge readers} and {@code scbridge piv --reader} over the in-process PC/SC model (VirtualPcsc). */
class ReadersCommandTest {
    private final VirtualPcsc pcsc = new VirtualPcsc();

    @BeforeEach
    void useVirtualPcsc() {
        PivEnvironment.pcsc = () -> pcsc;
        PivEnvironment.opener = new PivPcscOpener(() -> pcsc);
        PivEnvironment.env = name -> "PIN".equals(name) ? "123456" : null;
    }

    @AfterEach
    void restore() {
        PivEnvironment.reset();
    }

    @Test
    void lists_readersAndCards() {
        pcsc.addReader("Virtual PCD 00 00");
        pcsc.addReader("Virtual PCD 00 01");
        pcsc.insertCard("Virtual PCD 00 00", PivCard.builder().build());
        MainTest.Run r = MainTest.run("readers");
        assertThat(r.code()).isZero();
        assertThat(r.out()).isEqualTo("Virtual PCD 00 00: card present, ATR 3B 95 13 81 01 80 73 FF 01 00 0B, PIV"
                + " card (scbridge software card's default ATR)" + System.lineSeparator()
                + "Virtual PCD 00 01: no card" + System.lineSeparator());
    }

    @Test
    void pcscUnavailable_isOneLineExit1() {
        PivEnvironment.pcsc = () -> {
            throw new IllegalStateException("SCARD_E_NO_SERVICE (0x8010001D): not running");
        };
        MainTest.Run r = MainTest.run("readers");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.errLine()).isEqualTo("scbridge: PC/SC is not available: SCARD_E_NO_SERVICE (0x8010001D): not"
                + " running");
    }

    @Test
    void noReaders() {
        MainTest.Run r = MainTest.run("readers");
        assertThat(r.code()).isZero();
        assertThat(r.out()).isEqualTo("No smart-card readers." + System.lineSeparator());
    }

    @Test
    void watch_printsInsertAndRemove() throws Exception {
        pcsc.addReader("Virtual PCD 00 00");
        Semaphore lines = new Semaphore(0);
        StringWriter text = new StringWriter();
        Writer out = new Writer() {
            @Override
            public void write(char[] buf, int off, int len) {
                text.write(buf, off, len);
                if (new String(buf, off, len).contains(System.lineSeparator())) {
                    lines.release();
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        CompletableFuture<Integer> code = CompletableFuture.supplyAsync(() -> Main.run(
                new String[] {"readers", "--watch", "--events", "2"}, new PrintWriter(out, true),
                new PrintWriter(new StringWriter(), true)));
        assertThat(lines.tryAcquire(10, TimeUnit.SECONDS)).as("the listing").isTrue();
        pcsc.insertCard("Virtual PCD 00 00", PivCard.builder().build());
        assertThat(lines.tryAcquire(10, TimeUnit.SECONDS)).as("the insertion").isTrue();
        pcsc.removeCard("Virtual PCD 00 00");
        assertThat(code.get(10, TimeUnit.SECONDS)).isZero();
        assertThat(text.toString()).isEqualTo("Virtual PCD 00 00: no card" + System.lineSeparator()
                + "Virtual PCD 00 00: card inserted, ATR 3B 95 13 81 01 80 73 FF 01 00 0B, PIV card (scbridge"
                + " software card's default ATR)" + System.lineSeparator()
                + "Virtual PCD 00 00: card removed" + System.lineSeparator());
    }

    @Test
    void piv_throughPcsc_choosesTheReaderByPartOfItsName() {
        pcsc.addReader("Yubico YubiKey OTP+FIDO+CCID 00 00");
        pcsc.addReader("Virtual PCD 00 00");
        pcsc.insertCard("Virtual PCD 00 00", PivCard.builder().build());
        assertThat(MainTest.run("piv", "verify-pin", "--pin-env", "PIN", "--reader", "virtual").out())
                .isEqualTo("PIN verified." + System.lineSeparator());
        assertThat(MainTest.run("piv", "info").out()).contains("Reader:                   Virtual PCD 00 00");
        pcsc.insertCard("Yubico YubiKey OTP+FIDO+CCID 00 00", PivCard.builder().build());
        MainTest.Run two = MainTest.run("piv", "info");
        assertThat(two.code()).isEqualTo(1);
        assertThat(two.errLine()).isEqualTo("scbridge: 2 readers found with a card (Yubico YubiKey OTP+FIDO+CCID 00 00,"
                + " Virtual PCD 00 00); choose one with --reader");
        pcsc.removeCard("Yubico YubiKey OTP+FIDO+CCID 00 00");
        assertThat(MainTest.run("piv", "info", "-r", "nfc").errLine()).isEqualTo("scbridge: no reader matches 'nfc'");
        MainTest.Run empty = MainTest.run("piv", "info", "-r", "yubikey");
        assertThat(empty.code()).isEqualTo(1);
        assertThat(empty.errLine()).startsWith("scbridge: PC/SC: ");
    }
}
