package dev.scbridge.pcsc.virtual;

import dev.scbridge.pcsc.CardHandle;
import dev.scbridge.pcsc.PcscContext;
import dev.scbridge.pcsc.ReaderState;
import dev.scbridge.pcsc.Scard;
import dev.scbridge.pcsc.ScardError;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static dev.scbridge.pcsc.virtual.VirtualTestSupport.READER;
import static dev.scbridge.pcsc.virtual.VirtualTestSupport.assertFailsWith;
import static dev.scbridge.pcsc.virtual.VirtualTestSupport.assertScard;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class VirtualContextTest {
    private final VirtualPcsc pcsc = new VirtualPcsc();
    private PcscContext ctx;

    @BeforeEach
    void setUp() throws Exception {
        pcsc.addReader(READER);
        ctx = pcsc.establishContext(Scard.SCOPE_SYSTEM);
    }

    @Test
    void establish_badScope_invalidValue() {
        assertScard(ScardError.E_INVALID_VALUE, () -> pcsc.establishContext(7));
    }

    @Test
    void establish_overLimit_noMemory() throws Exception {
        List<PcscContext> all = new ArrayList<>();
        for (int i = 1; i < VirtualPcsc.MAX_CONTEXTS; i++) {
            all.add(pcsc.establishContext(Scard.SCOPE_USER));
        }
        assertScard(ScardError.E_NO_MEMORY, () -> pcsc.establishContext(Scard.SCOPE_USER));
        all.get(0).release();
        assertThat(pcsc.establishContext(Scard.SCOPE_USER).isValid()).isTrue();
    }

    @Test
    void release_invalidatesContextAndHandles() throws Exception {
        FakeCard card = new FakeCard();
        pcsc.insertCard(READER, card);
        CardHandle h = ctx.connect(READER, Scard.SHARE_SHARED, Scard.PROTOCOL_TX);
        ctx.release();
        assertThat(ctx.isValid()).isFalse();
        assertScard(ScardError.E_INVALID_HANDLE, ctx::release);
        assertScard(ScardError.E_INVALID_HANDLE, ctx::listReaders);
        assertScard(ScardError.E_INVALID_HANDLE, ctx::listReaderGroups);
        assertScard(ScardError.E_INVALID_HANDLE, ctx::cancel);
        assertScard(ScardError.E_INVALID_HANDLE, () -> ctx.connect(READER, Scard.SHARE_SHARED, Scard.PROTOCOL_T1));
        assertFailsWith(ScardError.E_INVALID_HANDLE, ctx.getStatusChange(List.of(ReaderState.of(READER, 0)), 0));
        assertScard(ScardError.E_INVALID_HANDLE, () -> h.transmit(VirtualTestSupport.SELECT_PIV));
        assertThat(card.resets).isZero(); // released with LEAVE_CARD
        ctx.close(); // idempotent
    }

    @Test
    void listReaders_andGroups() throws Exception {
        pcsc.addReader("Second");
        assertThat(ctx.listReaders()).containsExactly(READER, "Second");
        assertThat(ctx.listReaders(List.of(Scard.ALL_READERS_GROUP))).containsExactly(READER, "Second");
        assertScard(ScardError.E_NO_READERS_AVAILABLE, () -> ctx.listReaders(List.of("NoSuchGroup")));
        assertThat(ctx.listReaderGroups()).containsExactly(Scard.DEFAULT_READERS_GROUP);
        assertThat(pcsc.readerNames()).containsExactly(READER, "Second");
    }

    @Test
    void listReaders_none_noReadersAvailable() throws Exception {
        pcsc.removeReader(READER);
        assertScard(ScardError.E_NO_READERS_AVAILABLE, ctx::listReaders);
    }

    @Test
    void readerAdmin_callerBugs_illegalArgument() {
        assertThatThrownBy(() -> pcsc.addReader(READER)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> pcsc.addReader("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> pcsc.addReader(Scard.PNP_NOTIFICATION)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> pcsc.removeCard(READER)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> pcsc.insertCard("nope", new FakeCard())).isInstanceOf(IllegalArgumentException.class);
        pcsc.insertCard(READER, new FakeCard());
        assertThatThrownBy(() -> pcsc.insertCard(READER, new FakeCard())).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void addReader_overLimit_illegalState() {
        for (int i = 1; i < VirtualPcsc.MAX_READERS; i++) {
            pcsc.addReader("R" + i);
        }
        assertThatThrownBy(() -> pcsc.addReader("one too many")).isInstanceOf(IllegalStateException.class);
    }
}
