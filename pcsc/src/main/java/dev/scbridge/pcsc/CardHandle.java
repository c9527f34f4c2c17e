package dev.scbridge.pcsc;

import java.util.concurrent.CompletableFuture;

/**
 * An SCARDHANDLE (WinSCard; MS-RDPESC 2.2.1.2 REDIR_SCARDHANDLE): one connection to a reader. Thread-safe.
 * After the card is removed every call except {@link #disconnect} fails with {@code SCARD_W_REMOVED_CARD};
 * after another handle reset or unpowered the card, with {@code SCARD_W_RESET_CARD} until {@link #reconnect}.
 */
public interface CardHandle extends AutoCloseable {
    /** The reader this handle is connected to. */
    String readerName();

    /** The protocol negotiated at connect/reconnect ({@link Scard#PROTOCOL_UNDEFINED} for a direct connection). */
    int activeProtocol();

    /**
     * SCardTransmit (MS-RDPESC 2.2.2.19 Transmit_Call): one raw exchange with the active protocol; the response comes back as
     * the card gave it, so a {@code 61xx} or {@code 6Cxx} is the caller's to handle (no hidden GET RESPONSE).
     *
     * @throws ScardException {@code SCARD_E_SHARING_VIOLATION} while another handle holds a transaction,
     *                        {@code SCARD_E_PROTO_MISMATCH} on a direct handle, card-removed/reset warnings
     */
    byte[] transmit(byte[] command) throws ScardException;

    /** SCardControl (MS-RDPESC 3.1.4, SCARD_IOCTL_CONTROL): a reader IOCTL; unknown codes give {@code SCARD_E_UNSUPPORTED_FEATURE}. */
    byte[] control(int controlCode, byte[] input) throws ScardException;

    /** SCardGetAttrib (MS-RDPESC 3.1.4, SCARD_IOCTL_GETATTRIB): attribute bytes; DWORD-valued attributes are 4 bytes little-endian. */
    byte[] getAttrib(int attributeId) throws ScardException;

    /** SCardSetAttrib (MS-RDPESC 3.1.4, SCARD_IOCTL_SETATTRIB). */
    void setAttrib(int attributeId, byte[] value) throws ScardException;

    /** SCardStatus (MS-RDPESC 2.2.2.18 Status_Call, 2.2.3.10 Status_Return). */
    CardStatus status() throws ScardException;

    /**
     * SCardBeginTransaction (MS-RDPESC 3.1.4, SCARD_IOCTL_BEGINTRANSACTION), asynchronous: completes when this handle holds the card
     * exclusively (nested calls on the same handle count), or exceptionally with a {@link ScardException}.
     * WinSCard blocks while another handle holds a transaction; here the future stays pending instead.
     */
    CompletableFuture<Void> beginTransactionAsync();

    /** Blocking SCardBeginTransaction. */
    default void beginTransaction() throws ScardException {
        PcscContext.await(beginTransactionAsync());
    }

    /**
     * SCardEndTransaction (MS-RDPESC 2.2.2.16 HCardAndDisposition_Call) with a disposition ({@link Scard#LEAVE_CARD}, RESET, UNPOWER, EJECT).
     *
     * @throws ScardException {@code SCARD_E_NOT_TRANSACTED} if this handle holds no transaction
     */
    void endTransaction(int disposition) throws ScardException;

    /**
     * SCardReconnect (MS-RDPESC 2.2.2.15 Reconnect_Call): re-negotiates share mode and protocol, applying {@code initialization}
     * ({@link Scard#LEAVE_CARD}, {@link Scard#RESET_CARD}, {@link Scard#UNPOWER_CARD}) to the card.
     *
     * @return the active protocol
     */
    int reconnect(int shareMode, int preferredProtocols, int initialization) throws ScardException;

    /** SCardDisconnect (MS-RDPESC 2.2.2.16 HCardAndDisposition_Call): ends the connection applying the disposition to the card. */
    void disconnect(int disposition) throws ScardException;

    /** Disconnect with {@link Scard#LEAVE_CARD}, ignoring a handle that is already gone. */
    @Override
    default void close() {
        try {
            disconnect(Scard.LEAVE_CARD);
        } catch (ScardException e) {
            // already disconnected or its context released
        }
    }
}
