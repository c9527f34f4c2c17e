package dev.scbridge.pcsc.smartcardio;

import dev.scbridge.pcsc.CardHandle;
import dev.scbridge.pcsc.PcscContext;
import dev.scbridge.pcsc.ReaderState;
import dev.scbridge.pcsc.Scard;
import dev.scbridge.pcsc.ScardError;
import dev.scbridge.pcsc.ScardException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The javax.smartcardio adapter over an in-memory provider: polling status changes, connect, lossy parts. */
class SmartcardioAdapterTest {
    static final long AWAIT_SECONDS = 10;
    private final FakeSmartcardio.Terminal terminal = new FakeSmartcardio.Terminal("Fake Reader 0");
    private PcscContext ctx;

    @BeforeEach
    void setUp() throws Exception {
        FakeSmartcardio.TERMINALS.clear();
        FakeSmartcardio.TERMINALS.add(terminal);
        ctx = new SmartcardioPcsc(FakeSmartcardio.factory()).establishContext();
    }

    @Test
    void insert_wakesPendingCall() throws Exception {
        ReaderState empty = ctx.getStatusChange(List.of(ReaderState.of(terminal.name, 0)), 0).get(AWAIT_SECONDS, TimeUnit.SECONDS).get(0);
        assertThat(empty.has(Scard.STATE_EMPTY | Scard.STATE_CHANGED)).isTrue();
        CompletableFuture<List<ReaderState>> pending = ctx.getStatusChange(List.of(empty.next()), Scard.INFINITE);
        terminal.present = true;
        ReaderState present = pending.get(AWAIT_SECONDS, TimeUnit.SECONDS).get(0);
        assertThat(present.has(Scard.STATE_PRESENT | Scard.STATE_CHANGED)).isTrue();
        assertThat(present.eventCount()).isEqualTo(1);
    }

    @Test
    void cancel_andTimeout() throws Exception {
        CompletableFuture<List<ReaderState>> pending =
                ctx.getStatusChange(List.of(ReaderState.of(terminal.name, Scard.STATE_EMPTY)), Scard.INFINITE);
        ctx.cancel();
        assertFails(ScardError.E_CANCELLED, pending);
        assertFails(ScardError.E_TIMEOUT, ctx.getStatusChange(List.of(ReaderState.of(terminal.name, Scard.STATE_EMPTY)), 1));
        assertFails(ScardError.E_TIMEOUT, ctx.getStatusChange(List.of(ReaderState.of(terminal.name, Scard.STATE_EMPTY)), 0));
    }

    @Test
    void pnp_readerAdded_wakes() throws Exception {
        CompletableFuture<List<ReaderState>> pending =
                ctx.getStatusChange(List.of(ReaderState.of(Scard.PNP_NOTIFICATION, 0)), Scard.INFINITE);
        FakeSmartcardio.TERMINALS.add(new FakeSmartcardio.Terminal("Second"));
        assertThat(pending.get(AWAIT_SECONDS, TimeUnit.SECONDS).get(0).eventCount()).isEqualTo(2);
    }

    @Test
    void connect_transmit_status_attributes_disconnect() throws Exception {
        terminal.present = true;
        assertThat(ctx.listReaders()).containsExactly(terminal.name);
        CardHandle h = ctx.connect(terminal.name, Scard.SHARE_SHARED, Scard.PROTOCOL_TX);
        assertThat(h.activeProtocol()).isEqualTo(Scard.PROTOCOL_T1);
        assertThat(h.transmit(HexFormat.of().parseHex("00A4040000"))).containsExactly(0x90, 0x00);
        assertThat(h.status().atr()).isEqualTo(FakeSmartcardio.ATR_BYTES);
        assertThat(h.getAttrib(Scard.ATTR_ATR_STRING)).isEqualTo(FakeSmartcardio.ATR_BYTES);
        assertThatThrownBy(() -> h.getAttrib(Scard.ATTR_VENDOR_NAME)).isInstanceOf(ScardException.class);
        assertThatThrownBy(() -> h.control(Scard.IOCTL_GET_FEATURE_REQUEST_PCSCLITE, new byte[0]))
                .satisfies(e -> assertThat(((ScardException) e).is(ScardError.E_UNSUPPORTED_FEATURE)).isTrue());
        h.beginTransaction();
        h.endTransaction(Scard.LEAVE_CARD);
        h.disconnect(Scard.RESET_CARD);
    }

    @Test
    void errors() {
        assertThatThrownBy(() -> ctx.connect("nope", Scard.SHARE_SHARED, Scard.PROTOCOL_T1))
                .satisfies(e -> assertThat(((ScardException) e).is(ScardError.E_UNKNOWN_READER)).isTrue());
        assertThatThrownBy(() -> ctx.connect(terminal.name, Scard.SHARE_SHARED, Scard.PROTOCOL_T1))
                .satisfies(e -> assertThat(((ScardException) e).is(ScardError.E_NO_SMARTCARD)).isTrue());
        FakeSmartcardio.TERMINALS.clear();
        assertThatThrownBy(ctx::listReaders)
                .satisfies(e -> assertThat(((ScardException) e).is(ScardError.E_NO_READERS_AVAILABLE)).isTrue());
    }

    private static void assertFails(ScardError expected, CompletableFuture<?> f) {
        assertThatThrownBy(() -> f.get(AWAIT_SECONDS, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .satisfies(e -> assertThat(((ScardException) e.getCause()).is(expected)).isTrue());
    }
}
