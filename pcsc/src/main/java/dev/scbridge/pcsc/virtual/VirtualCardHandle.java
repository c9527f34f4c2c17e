package dev.scbridge.pcsc.virtual;

import dev.scbridge.pcsc.CardHandle;
import dev.scbridge.pcsc.CardStatus;
import dev.scbridge.pcsc.Scard;
import dev.scbridge.pcsc.ScardError;
import dev.scbridge.pcsc.ScardException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A card handle of {@link VirtualPcsc} (SCARDHANDLE; MS-RDPESC 2.2.1.2 REDIR_SCARDHANDLE). State guarded by the pcsc lock;
 * see {@link VirtualPcsc} for the documented choices (transactions, EJECT, UNPOWER).
 */
final class VirtualCardHandle implements CardHandle {
    private static final Logger LOG = LoggerFactory.getLogger(VirtualCardHandle.class);

    private final VirtualContext context;
    private final VirtualPcsc pcsc;
    private final VirtualReader reader;
    int shareMode;
    private int protocol;
    /** The card insertion this handle is bound to (0 for a direct handle opened on an empty reader). */
    private long insertion;
    /** The reader's reset count this handle has seen. */
    private long resetsSeen;
    private boolean closed;

    private VirtualCardHandle(VirtualContext context, VirtualReader reader, int shareMode, int protocol) {
        this.context = context;
        this.pcsc = context.pcsc();
        this.reader = reader;
        this.shareMode = shareMode;
        this.protocol = protocol;
        this.insertion = reader.insertions;
        this.resetsSeen = reader.resets;
    }

    /** SCardConnect. Lock held, context valid. */
    static VirtualCardHandle connect(VirtualContext context, String readerName, int shareMode, int preferred)
            throws ScardException {
        checkShareMode(shareMode);
        VirtualReader reader = context.pcsc().reader(readerName);
        if (reader == null) {
            throw new ScardException(ScardError.E_UNKNOWN_READER, readerName);
        }
        if (context.handles.size() >= VirtualPcsc.MAX_HANDLES_PER_CONTEXT) {
            throw new ScardException(ScardError.E_NO_MEMORY, "more than " + VirtualPcsc.MAX_HANDLES_PER_CONTEXT + " handles");
        }
        if (shareMode != Scard.SHARE_DIRECT) {
            if (preferred == 0) {
                throw new ScardException(ScardError.E_INVALID_VALUE, "no preferred protocol");
            }
            if (!reader.hasCard()) {
                throw new ScardException(ScardError.E_NO_SMARTCARD, readerName);
            }
        }
        checkSharing(reader, null, shareMode);
        int protocol = Scard.PROTOCOL_UNDEFINED;
        if (reader.hasCard() && preferred != 0) {
            reader.powered = true;
            protocol = negotiate(reader, preferred);
        }
        VirtualCardHandle handle = new VirtualCardHandle(context, reader, shareMode, protocol);
        reader.handles.add(handle);
        context.handles.add(handle);
        return handle;
    }

    private static void checkShareMode(int shareMode) throws ScardException {
        if (shareMode != Scard.SHARE_SHARED && shareMode != Scard.SHARE_EXCLUSIVE && shareMode != Scard.SHARE_DIRECT) {
            throw new ScardException(ScardError.E_INVALID_VALUE, "share mode " + shareMode);
        }
    }

    /** Exclusive needs the reader to itself; nothing joins an exclusive holder. */
    private static void checkSharing(VirtualReader reader, VirtualCardHandle self, int shareMode) throws ScardException {
        for (VirtualCardHandle other : reader.handles) {
            if (other == self) {
                continue;
            }
            if (other.shareMode == Scard.SHARE_EXCLUSIVE || shareMode == Scard.SHARE_EXCLUSIVE) {
                throw new ScardException(ScardError.E_SHARING_VIOLATION, reader.name);
            }
        }
        if (shareMode == Scard.SHARE_EXCLUSIVE && reader.transactionOwner != null && reader.transactionOwner != self) {
            throw new ScardException(ScardError.E_SHARING_VIOLATION, reader.name);
        }
    }

    private static int negotiate(VirtualReader reader, int preferred) throws ScardException {
        int known = Scard.PROTOCOL_T0 | Scard.PROTOCOL_T1 | Scard.PROTOCOL_RAW | Scard.PROTOCOL_DEFAULT;
        if ((preferred & ~known) != 0) {
            throw new ScardException(ScardError.E_INVALID_VALUE, String.format("protocols 0x%08X", preferred));
        }
        int wanted = (preferred & Scard.PROTOCOL_DEFAULT) != 0 ? VirtualReader.SUPPORTED_PROTOCOLS : preferred;
        if (reader.protocol != Scard.PROTOCOL_UNDEFINED) {
            if ((wanted & reader.protocol) == 0) {
                throw new ScardException(ScardError.E_PROTO_MISMATCH, "card already in protocol " + reader.protocol);
            }
            return reader.protocol;
        }
        int common = wanted & VirtualReader.SUPPORTED_PROTOCOLS;
        if (common == 0) {
            throw new ScardException(ScardError.E_PROTO_MISMATCH, String.format("protocols 0x%08X", preferred));
        }
        reader.protocol = Integer.lowestOneBit(common);
        return reader.protocol;
    }

    /** Validity checks shared by every call. Lock held. */
    private void check(boolean needCard) throws ScardException {
        if (closed || context.released) {
            throw new ScardException(ScardError.E_INVALID_HANDLE);
        }
        if (!reader.attached) {
            throw new ScardException(ScardError.E_READER_UNAVAILABLE, reader.name);
        }
        boolean cardBound = shareMode != Scard.SHARE_DIRECT || protocol != Scard.PROTOCOL_UNDEFINED;
        if (cardBound && (insertion != reader.insertions || !reader.hasCard())) {
            throw new ScardException(ScardError.W_REMOVED_CARD, reader.name);
        }
        if (cardBound && resetsSeen != reader.resets) {
            throw new ScardException(ScardError.W_RESET_CARD, reader.name);
        }
        if (needCard && !reader.hasCard()) {
            throw new ScardException(ScardError.E_NO_SMARTCARD, reader.name);
        }
    }

    private void checkNotLockedByOther() throws ScardException {
        if (reader.transactionOwner != null && reader.transactionOwner != this) {
            throw new ScardException(ScardError.E_SHARING_VIOLATION, "another handle holds a transaction");
        }
    }

    @Override
    public String readerName() {
        return reader.name;
    }

    @Override
    public int activeProtocol() {
        synchronized (pcsc.lock) {
            return protocol;
        }
    }

    @Override
    public byte[] transmit(byte[] command) throws ScardException {
        if (command.length < 4 || command.length > Scard.MAX_COMMAND_LENGTH) {
            throw new ScardException(ScardError.E_INVALID_PARAMETER, "command of " + command.length + " bytes");
        }
        List<Runnable> completions = new ArrayList<>();
        byte[] response;
        synchronized (pcsc.lock) {
            check(true);
            if (protocol == Scard.PROTOCOL_UNDEFINED) {
                throw new ScardException(ScardError.E_PROTO_MISMATCH, "no protocol negotiated (direct connection)");
            }
            checkNotLockedByOther();
            if (!reader.powered) {
                // this handle unpowered the card in EndTransaction: the next APDU powers it again
                reader.powered = true;
                reader.protocol = protocol;
                pcsc.stateChanged(completions);
            }
            try {
                response = reader.card.transmit(command.clone());
            } catch (RuntimeException e) {
                LOG.warn("virtual card in {} failed on an APDU", reader.name, e);
                throw new ScardException(ScardError.F_COMM_ERROR, e.toString());
            }
        }
        completions.forEach(Runnable::run);
        if (response == null || response.length < 2 || response.length > Scard.MAX_RESPONSE_LENGTH) {
            throw new ScardException(ScardError.F_COMM_ERROR, "card answered " + (response == null ? "null" : response.length + " bytes"));
        }
        return response;
    }

    @Override
    public byte[] control(int controlCode, byte[] input) throws ScardException {
        synchronized (pcsc.lock) {
            check(false);
            checkNotLockedByOther();
            if (controlCode == Scard.IOCTL_GET_FEATURE_REQUEST_WINDOWS || controlCode == Scard.IOCTL_GET_FEATURE_REQUEST_PCSCLITE) {
                return new byte[0]; // no PC/SC part 10 features: no pinpad, no secure PIN entry
            }
            throw new ScardException(ScardError.E_UNSUPPORTED_FEATURE, String.format("control code 0x%08X", controlCode));
        }
    }

    @Override
    public byte[] getAttrib(int attributeId) throws ScardException {
        synchronized (pcsc.lock) {
            check(false);
            return ReaderAttributes.get(reader, protocol, attributeId);
        }
    }

    @Override
    public void setAttrib(int attributeId, byte[] value) throws ScardException {
        if (value.length > Scard.MAX_ATTRIBUTE_LENGTH) {
            throw new ScardException(ScardError.E_INVALID_PARAMETER, "attribute of " + value.length + " bytes");
        }
        synchronized (pcsc.lock) {
            check(false);
            checkNotLockedByOther();
            throw new ScardException(ScardError.E_UNSUPPORTED_FEATURE, String.format("attribute 0x%08X is read-only", attributeId));
        }
    }

    @Override
    public CardStatus status() throws ScardException {
        synchronized (pcsc.lock) {
            check(false);
            if (!reader.hasCard()) {
                return new CardStatus(List.of(reader.name), Scard.CARD_ABSENT, Scard.PROTOCOL_UNDEFINED, new byte[0]);
            }
            int state = !reader.powered ? Scard.CARD_PRESENT
                    : protocol != Scard.PROTOCOL_UNDEFINED ? Scard.CARD_SPECIFIC : Scard.CARD_POWERED;
            return new CardStatus(List.of(reader.name), state, protocol, reader.atr());
        }
    }

    @Override
    public CompletableFuture<Void> beginTransactionAsync() {
        synchronized (pcsc.lock) {
            try {
                check(true);
            } catch (ScardException e) {
                return CompletableFuture.failedFuture(e);
            }
            if (reader.transactionOwner == null || reader.transactionOwner == this) {
                reader.transactionOwner = this;
                reader.transactionDepth++;
                return CompletableFuture.completedFuture(null);
            }
            if (pcsc.pendingCount() >= VirtualPcsc.MAX_PENDING_CALLS) {
                return CompletableFuture.failedFuture(new ScardException(ScardError.E_NO_MEMORY,
                        "more than " + VirtualPcsc.MAX_PENDING_CALLS + " pending calls"));
            }
            CompletableFuture<Void> future = new CompletableFuture<>();
            VirtualReader.TransactionWaiter waiter = new VirtualReader.TransactionWaiter(this, future);
            reader.transactionWaiters.add(waiter);
            future.whenComplete((r, e) -> {
                synchronized (pcsc.lock) {
                    reader.transactionWaiters.remove(waiter);
                }
            });
            return future;
        }
    }

    @Override
    public void endTransaction(int disposition) throws ScardException {
        checkDisposition(disposition, true);
        List<Runnable> completions = new ArrayList<>();
        synchronized (pcsc.lock) {
            check(false);
            if (reader.transactionOwner != this) {
                throw new ScardException(ScardError.E_NOT_TRANSACTED);
            }
            reader.transactionDepth--;
            if (reader.transactionDepth == 0) {
                reader.transactionOwner = null;
            }
            applyDisposition(disposition, completions);
            grantNextTransaction(completions);
        }
        completions.forEach(Runnable::run);
    }

    @Override
    public int reconnect(int newShareMode, int preferredProtocols, int initialization) throws ScardException {
        checkShareMode(newShareMode);
        checkDisposition(initialization, false);
        List<Runnable> completions = new ArrayList<>();
        int active;
        synchronized (pcsc.lock) {
            if (closed || context.released) {
                throw new ScardException(ScardError.E_INVALID_HANDLE);
            }
            if (!reader.attached) {
                throw new ScardException(ScardError.E_READER_UNAVAILABLE, reader.name);
            }
            if (newShareMode != Scard.SHARE_DIRECT) {
                if (preferredProtocols == 0) {
                    throw new ScardException(ScardError.E_INVALID_VALUE, "no preferred protocol");
                }
                if (!reader.hasCard()) {
                    throw new ScardException(ScardError.E_NO_SMARTCARD, reader.name);
                }
            }
            checkSharing(reader, this, newShareMode);
            insertion = reader.insertions;
            if (reader.hasCard()) {
                applyDisposition(initialization, completions);
            }
            resetsSeen = reader.resets;
            shareMode = newShareMode;
            protocol = Scard.PROTOCOL_UNDEFINED;
            if (reader.hasCard() && preferredProtocols != 0) {
                reader.powered = true;
                protocol = negotiate(reader, preferredProtocols);
            }
            active = protocol;
            pcsc.stateChanged(completions);
        }
        completions.forEach(Runnable::run);
        return active;
    }

    @Override
    public void disconnect(int disposition) throws ScardException {
        checkDisposition(disposition, true);
        List<Runnable> completions = new ArrayList<>();
        synchronized (pcsc.lock) {
            if (closed || context.released) {
                throw new ScardException(ScardError.E_INVALID_HANDLE);
            }
            detach(disposition, completions);
            pcsc.stateChanged(completions);
        }
        completions.forEach(Runnable::run);
    }

    /** Ends this handle: disposition applied if its card is still in, transaction released. Lock held. */
    void detach(int disposition, List<Runnable> completions) {
        closed = true;
        reader.handles.remove(this);
        context.handles.remove(this);
        boolean ownCard = reader.hasCard() && insertion == reader.insertions;
        if (reader.transactionOwner == this) {
            reader.transactionOwner = null;
            reader.transactionDepth = 0;
        }
        for (VirtualReader.TransactionWaiter w : List.copyOf(reader.transactionWaiters)) {
            if (w.handle() == this) {
                reader.transactionWaiters.remove(w);
                completions.add(() -> w.future().completeExceptionally(new ScardException(ScardError.E_INVALID_HANDLE)));
            }
        }
        if (ownCard) {
            applyDisposition(disposition, completions);
        }
        grantNextTransaction(completions);
    }

    private static void checkDisposition(int disposition, boolean ejectAllowed) throws ScardException {
        int max = ejectAllowed ? Scard.EJECT_CARD : Scard.UNPOWER_CARD;
        if (disposition < Scard.LEAVE_CARD || disposition > max) {
            throw new ScardException(ScardError.E_INVALID_VALUE, "disposition " + disposition);
        }
    }

    /** LEAVE, RESET, UNPOWER or EJECT the card (see {@link VirtualPcsc}). Lock held, card present. */
    private void applyDisposition(int disposition, List<Runnable> completions) {
        switch (disposition) {
            case Scard.RESET_CARD -> {
                reader.card.reset();
                reader.resets++;
                resetsSeen = reader.resets;
            }
            case Scard.UNPOWER_CARD -> {
                reader.card.powerOff();
                reader.powered = false;
                reader.protocol = Scard.PROTOCOL_UNDEFINED;
                reader.resets++;
                resetsSeen = reader.resets;
                pcsc.stateChanged(completions);
            }
            case Scard.EJECT_CARD -> {
                pcsc.detachCard(reader, completions);
                pcsc.stateChanged(completions);
            }
            default -> {
                // LEAVE_CARD: nothing happens to the card
            }
        }
    }

    /** Hands the free card to the first waiter whose handle is still good. Lock held. */
    private void grantNextTransaction(List<Runnable> completions) {
        while (reader.transactionOwner == null && !reader.transactionWaiters.isEmpty()) {
            VirtualReader.TransactionWaiter w = reader.transactionWaiters.poll();
            if (w.future().isDone()) {
                continue;
            }
            try {
                w.handle().check(true);
            } catch (ScardException e) {
                completions.add(() -> w.future().completeExceptionally(e));
                continue;
            }
            reader.transactionOwner = w.handle();
            reader.transactionDepth = 1;
            completions.add(() -> w.future().complete(null));
        }
    }

    @Override
    public String toString() {
        return "VirtualCardHandle[" + reader.name + "]";
    }
}
