package dev.scbridge.pcsc;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * An SCARDCONTEXT (WinSCard; MS-RDPESC 2.2.1.1 REDIR_SCARDCONTEXT). Thread-safe. After {@link #release()} every
 * call fails with {@code SCARD_E_INVALID_HANDLE}.
 */
public interface PcscContext extends AutoCloseable {
    /** SCardIsValidContext (MS-RDPESC 3.1.4, SCARD_IOCTL_ISVALIDCONTEXT). */
    boolean isValid();

    /**
     * SCardReleaseContext (MS-RDPESC 3.1.4, SCARD_IOCTL_RELEASECONTEXT): pending status-change calls finish with {@code SCARD_E_CANCELLED},
     * the context's card handles are disconnected with {@link Scard#LEAVE_CARD}.
     */
    void release() throws ScardException;

    /** {@link #release()}, ignoring an already released context. */
    @Override
    default void close() {
        try {
            if (isValid()) {
                release();
            }
        } catch (ScardException e) {
            // already released concurrently: nothing left to free
        }
    }

    /** SCardListReaderGroups (MS-RDPESC 2.2.2.3 ListReaderGroups_Call). */
    List<String> listReaderGroups() throws ScardException;

    /**
     * SCardListReaders (MS-RDPESC 2.2.2.4 ListReaders_Call): readers in the given groups (empty list = all readers).
     *
     * @throws ScardException {@code SCARD_E_NO_READERS_AVAILABLE} when the answer would be empty
     */
    List<String> listReaders(List<String> groups) throws ScardException;

    /** SCardListReaders over all readers. */
    default List<String> listReaders() throws ScardException {
        return listReaders(List.of());
    }

    /**
     * SCardGetStatusChange (MS-RDPESC 3.1.4, SCARD_IOCTL_GETSTATUSCHANGEA/W), asynchronous: the future completes with every entry's event state
     * as soon as one differs from its current state (at once if one already does), or exceptionally with a
     * {@link ScardException}: {@code SCARD_E_TIMEOUT} when {@code timeoutMillis} passes (0 = poll once,
     * {@link Scard#INFINITE} = never), {@code SCARD_E_CANCELLED} on {@link #cancel()} or release. No thread waits
     * for it; a card event, a shared timer or cancel completes it. Argument errors (more than
     * {@link Scard#MAX_READER_STATES} entries: {@code SCARD_E_INVALID_VALUE}) also arrive through the future.
     * Entries with {@link Scard#STATE_IGNORE} in their current state are returned unchanged.
     * {@link Scard#PNP_NOTIFICATION} reports the number of readers in the high word.
     */
    CompletableFuture<List<ReaderState>> getStatusChange(List<ReaderState> states, long timeoutMillis);

    /** Blocking convenience over {@link #getStatusChange(List, long)}. */
    default List<ReaderState> getStatusChangeBlocking(List<ReaderState> states, long timeoutMillis)
            throws ScardException {
        return await(getStatusChange(states, timeoutMillis));
    }

    /** SCardCancel (MS-RDPESC 3.1.4.27): finishes this context's pending status-change calls with {@code SCARD_E_CANCELLED}. */
    void cancel() throws ScardException;

    /**
     * SCardConnect (MS-RDPESC 3.1.4, SCARD_IOCTL_CONNECTA/W).
     *
     * @param shareMode          {@link Scard#SHARE_SHARED}, {@link Scard#SHARE_EXCLUSIVE} or {@link Scard#SHARE_DIRECT}
     * @param preferredProtocols OR of {@link Scard#PROTOCOL_T0}, {@link Scard#PROTOCOL_T1}, {@link Scard#PROTOCOL_RAW}
     *                           (may be 0 only with {@link Scard#SHARE_DIRECT})
     */
    CardHandle connect(String reader, int shareMode, int preferredProtocols) throws ScardException;

    /** Waits for a backend future, unwrapping its {@link ScardException}. */
    static <T> T await(CompletableFuture<T> future) throws ScardException {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            future.cancel(false);
            throw new ScardException(ScardError.E_CANCELLED, "interrupted");
        } catch (ExecutionException | CompletionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof ScardException se) {
                throw new ScardException(se.code(), se.getMessage());
            }
            throw new ScardException(ScardError.F_INTERNAL_ERROR, String.valueOf(cause));
        }
    }
}
