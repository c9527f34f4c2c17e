package dev.scbridge.pcsc.virtual;

import dev.scbridge.pcsc.ScardError;
import dev.scbridge.pcsc.ScardException;
import org.assertj.core.api.ThrowableAssert;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.fail;

final class VirtualTestSupport {
    static final String READER = "Virtual PIV Reader 0";
    static final byte[] SELECT_PIV = {0x00, (byte) 0xA4, 0x04, 0x00, 0x09, (byte) 0xA0, 0x00, 0x00, 0x03, 0x08, 0x00, 0x00, 0x10, 0x00, 0x00};
    /** A generous bound for a future the test knows will complete; never a timing assertion. */
    static final long AWAIT_SECONDS = 10;

    private VirtualTestSupport() {
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
