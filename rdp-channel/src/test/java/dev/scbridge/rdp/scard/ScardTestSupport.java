package dev.scbridge.rdp.scard;

import dev.scbridge.card.PivCard;
import dev.scbridge.pcsc.ScardError;
import dev.scbridge.pcsc.ScardException;
import dev.scbridge.pcsc.virtual.VirtualPcsc;
import org.assertj.core.api.ThrowableAssert;

import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.fail;

final class ScardTestSupport {
    /** Reader name and ATR of the recorded logon (vectors/windows-logon-trace.txt header). */
    static final String READER = "Teleport";
    static final byte[] ATR = HexFormat.of().parseHex("3B9513810180 73FF01000B".replace(" ", ""));
    static final String EMPTY_READER = "Empty";
    static final byte[] SELECT_PIV = HexFormat.of().parseHex("00A4040009A00000030800001000");
    /** Safety net for futures the test knows will complete; never a timing assertion. */
    static final long AWAIT_SECONDS = 10;

    private ScardTestSupport() {
    }

    /** A backend with a PIV card in "Teleport" and an empty reader. */
    static VirtualPcsc backend() {
        VirtualPcsc pcsc = new VirtualPcsc();
        pcsc.addReader(READER);
        pcsc.insertCard(READER, PivCard.builder().build());
        pcsc.addReader(EMPTY_READER);
        return pcsc;
    }

    static void assertScard(ScardError expected, ThrowableAssert.ThrowingCallable call) {
        Throwable t = catchThrowable(call);
        assertThat(t).isInstanceOf(ScardException.class);
        assertThat(((ScardException) t).scardName()).isEqualTo(expected.scardName());
    }

    static void assertFailsWith(ScardError expected, CompletableFuture<?> future) {
        try {
            future.get(AWAIT_SECONDS, TimeUnit.SECONDS);
            fail("expected " + expected.scardName());
        } catch (ExecutionException e) {
            assertThat(e.getCause()).isInstanceOf(ScardException.class);
            assertThat(((ScardException) e.getCause()).scardName()).isEqualTo(expected.scardName());
        } catch (Exception e) {
            fail("future did not fail with " + expected.scardName(), e);
        }
    }

    static <T> T await(CompletableFuture<T> future) throws Exception {
        return future.get(AWAIT_SECONDS, TimeUnit.SECONDS);
    }
}
