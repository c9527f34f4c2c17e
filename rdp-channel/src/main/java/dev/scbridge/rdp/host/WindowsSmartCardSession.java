package dev.scbridge.rdp.host;

import dev.scbridge.apdu.ApduTransport;
import dev.scbridge.apdu.DecodeException;
import dev.scbridge.pcsc.Scard;
import dev.scbridge.pcsc.ScardError;
import dev.scbridge.rdp.esc.*;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * What Windows (winlogon, the smart-card service and the inbox PIV minidriver) does over the channel around the
 * card's APDUs, in the order of the recorded logon (shared/vectors/windows-logon-trace.txt): a system-scope context
 * lists the readers, asks their device type and parks an INFINITE GetStatusChange over {@code \\?PnP?\Notification}
 * and the reader (the first answers PRESENT|CHANGED, the second stays pending); a user-scope context polls the
 * reader, connects shared with T0|T1, begins a transaction, asks Status and checks the minidriver cache; then the
 * APDUs go through {@link #transport()} as Transmit IOCTLs; {@link #cache} writes and reads back a cache entry keyed
 * by the card's CHUID GUID; {@link #close} ends the transaction, disconnects, cancels the pending call and
 * releases both contexts.
 */
public final class WindowsSmartCardSession implements AutoCloseable {
    /** Windows' receive buffer for a Transmit (recorded cbRecvLength). */
    public static final int RECV_LENGTH = 258;
    private static final String PIN_FRESHNESS = "Cached_CardmodFile\\Cached_Pin_Freshness";
    private static final int SUCCESS = 0;

    private final RdpHost host;
    private RedirContext system;
    private RedirContext user;
    private RedirHandle card;
    private String reader;
    private int protocol;
    private CompletableFuture<EscReturn> parked;

    public WindowsSmartCardSession(RdpHost host) {
        this.host = host;
    }

    /** Everything up to a connected card in a transaction. @return the reader's name */
    public String open() throws IOException {
        system = establish(Scard.SCOPE_SYSTEM);
        ListReadersReturn readers = expectOk(host.call(Ioctl.LIST_READERS_W,
                ListReadersCall.of(system, List.of(Scard.ALL_READERS_GROUP), true)), ListReadersReturn.class);
        List<String> names = names(readers);
        if (names.isEmpty()) {
            throw new IOException("ListReadersW returned no reader");
        }
        reader = names.get(0);
        expectOk(host.call(Ioctl.GET_DEVICE_TYPE_ID, new GetDeviceTypeIdCall(system, reader)),
                GetDeviceTypeIdReturn.class);
        ReaderStatesReturn first = expectOk(host.call(Ioctl.GET_STATUS_CHANGE_W, statusChange(system,
                (int) Scard.INFINITE, 0, Scard.STATE_EMPTY)), ReaderStatesReturn.class);
        ReaderStateCommon readerState = first.readerStates().get(1);
        if ((readerState.eventState() & Scard.STATE_PRESENT) == 0) {
            throw new IOException("no card in " + reader + ": " + Scard.describeReaderState(readerState.eventState()));
        }
        // Windows keeps this one waiting for the next card event until it cancels it (recorded step 024)
        parked = host.callAsync(Ioctl.GET_STATUS_CHANGE_W, statusChange(system, (int) Scard.INFINITE, 0,
                readerState.eventState() & ~Scard.STATE_CHANGED));
        user = establish(Scard.SCOPE_USER);
        expectOk(host.call(Ioctl.GET_STATUS_CHANGE_W, GetStatusChangeCall.of(user, 0,
                List.of(new ReaderStateCall(reader, ReaderStateCommon.of(0, 0, new byte[0]))), true)),
                ReaderStatesReturn.class);
        ConnectReturn connected = expectOk(host.call(Ioctl.CONNECT_W, new ConnectCall(reader, user,
                Scard.SHARE_SHARED, Scard.PROTOCOL_TX, true)), ConnectReturn.class);
        card = connected.handle();
        protocol = connected.activeProtocol();
        expectOk(host.call(Ioctl.BEGIN_TRANSACTION, new HCardAndDispositionCall(card, Scard.LEAVE_CARD)),
                LongReturn.class);
        expectOk(host.call(Ioctl.STATUS_W, new StatusCall(card, false, ListReadersCall.SCARD_AUTOALLOCATE, 32)),
                StatusReturn.class);
        return reader;
    }

    /** The card, one Transmit IOCTL per APDU (no GET RESPONSE hidden: 61xx goes back to the caller). */
    public ApduTransport.RawTransport transport() {
        return command -> {
            TransmitReturn r = expectOk(host.call(Ioctl.TRANSMIT, TransmitCall.of(card, protocol, command,
                    RECV_LENGTH)), TransmitReturn.class);
            return r.recvBuffer() == null ? new byte[0] : r.recvBuffer();
        };
    }

    /** True if the pending INFINITE GetStatusChange is still waiting, as Windows expects for an unchanged card. */
    public boolean statusChangePending() {
        return parked != null && !parked.isDone();
    }

    /**
     * The minidriver cache as Windows uses it: a miss for the PIN freshness, then {@code name} written and read
     * back for the card identified by its CHUID GUID (16 bytes).
     */
    public void cache(byte[] cardGuid, String name, byte[] data) throws IOException {
        ReadCacheReturn miss = (ReadCacheReturn) host.call(Ioctl.READ_CACHE_W,
                ReadCacheCall.of(PIN_FRESHNESS, user, cardGuid, 0, true));
        if (miss.returnCode() != ScardError.W_CACHE_ITEM_NOT_FOUND.code()) {
            throw new IOException("ReadCacheW of an unwritten entry answered " + code(miss.returnCode()));
        }
        expectOk(host.call(Ioctl.WRITE_CACHE_W, WriteCacheCall.of(name, user, cardGuid, 0, data, true)),
                LongReturn.class);
        ReadCacheReturn hit = expectOk(host.call(Ioctl.READ_CACHE_W, ReadCacheCall.of(name, user, cardGuid, 0,
                true)), ReadCacheReturn.class);
        if (!Arrays.equals(hit.pbData(), data)) {
            throw new IOException("ReadCacheW did not return what WriteCacheW stored");
        }
    }

    /** Ends the transaction, disconnects, cancels the parked call (SCARD_E_CANCELLED) and releases both contexts. */
    @Override
    public void close() throws IOException {
        if (card != null) {
            expectOk(host.call(Ioctl.END_TRANSACTION, new HCardAndDispositionCall(card, Scard.LEAVE_CARD)),
                    LongReturn.class);
            expectOk(host.call(Ioctl.DISCONNECT, new HCardAndDispositionCall(card, Scard.LEAVE_CARD)),
                    LongReturn.class);
            card = null;
        }
        if (system != null) {
            expectOk(host.call(Ioctl.CANCEL, new ContextCall(system)), LongReturn.class);
            EscReturn cancelled = awaitParked();
            if (cancelled.returnCode() != ScardError.E_CANCELLED.code()) {
                throw new IOException("the parked GetStatusChangeW ended with " + code(cancelled.returnCode())
                        + " (expected: SCARD_E_CANCELLED)");
            }
            expectOk(host.call(Ioctl.RELEASE_CONTEXT, new ContextCall(system)), LongReturn.class);
            system = null;
        }
        if (user != null) {
            expectOk(host.call(Ioctl.RELEASE_CONTEXT, new ContextCall(user)), LongReturn.class);
            user = null;
        }
    }

    private EscReturn awaitParked() throws IOException {
        try {
            return parked.get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted");
        } catch (ExecutionException | TimeoutException e) {
            throw new IOException("the parked GetStatusChangeW did not end after Cancel: " + e);
        }
    }

    private GetStatusChangeCall statusChange(RedirContext ctx, int timeout, int pnpState, int readerState) {
        return GetStatusChangeCall.of(ctx, timeout, List.of(
                new ReaderStateCall(Scard.PNP_NOTIFICATION, ReaderStateCommon.of(pnpState, 0, new byte[0])),
                new ReaderStateCall(reader, ReaderStateCommon.of(readerState, 0, new byte[0]))), true);
    }

    private RedirContext establish(int scope) throws IOException {
        return expectOk(host.call(Ioctl.ESTABLISH_CONTEXT, new EstablishContextCall(scope)),
                EstablishContextReturn.class).context();
    }

    private static List<String> names(ListReadersReturn r) throws IOException {
        try {
            return r.names(true);
        } catch (DecodeException e) {
            throw new IOException("ListReadersW returned a bad multistring: " + e.getMessage(), e);
        }
    }

    private static <T extends EscReturn> T expectOk(EscReturn r, Class<T> type) throws IOException {
        if (r.returnCode() != SUCCESS) {
            throw new IOException(r.structureName() + " returned " + code(r.returnCode()));
        }
        return type.cast(r);
    }

    private static String code(int rc) {
        return ScardError.fromCode(rc).map(ScardError::scardName).orElse(String.format("0x%08X", rc));
    }
}
