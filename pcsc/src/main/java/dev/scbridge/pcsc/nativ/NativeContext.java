package dev.scbridge.pcsc.nativ;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import dev.scbridge.pcsc.CardHandle;
import dev.scbridge.pcsc.PcscContext;
import dev.scbridge.pcsc.ReaderState;
import dev.scbridge.pcsc.Scard;
import dev.scbridge.pcsc.ScardError;
import dev.scbridge.pcsc.ScardException;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/** A native SCARDCONTEXT (WinSCard SCardEstablishContext .. SCardReleaseContext). */
final class NativeContext implements PcscContext {
    private final NativePcsc pcsc;
    private final Winscard w;
    final long handle;
    private volatile boolean released;
    final Set<StatusPoll> polls = ConcurrentHashMap.newKeySet();

    NativeContext(NativePcsc pcsc, long handle) {
        this.pcsc = pcsc;
        this.w = pcsc.winscard;
        this.handle = handle;
    }

    @Override
    public boolean isValid() {
        if (released) {
            return false;
        }
        return w.call("SCardIsValidContext", w.handle(handle)) == ScardError.S_SUCCESS.code();
    }

    @Override
    public void release() throws ScardException {
        if (released) {
            throw new ScardException(ScardError.E_INVALID_HANDLE, "context released");
        }
        released = true;
        for (StatusPoll p : polls) {
            p.finish(new ScardException(ScardError.E_CANCELLED));
        }
        NativeErrors.check(w.layout, w.call("SCardReleaseContext", w.handle(handle)), "SCardReleaseContext", false);
    }

    private void checkValid() throws ScardException {
        if (released) {
            throw new ScardException(ScardError.E_INVALID_HANDLE, "context released");
        }
    }

    @Override
    public List<String> listReaderGroups() throws ScardException {
        checkValid();
        return multiString("SCardListReaderGroups", null);
    }

    @Override
    public List<String> listReaders(List<String> groups) throws ScardException {
        checkValid();
        return multiString("SCardListReaders", groups.isEmpty() ? null : w.multiString(groups));
    }

    /** The two-call pattern: ask the length, then fill a buffer of that many characters. */
    private List<String> multiString(String function, Memory groups) throws ScardException {
        Pointer g = groups == null ? Pointer.NULL : groups;
        for (int attempt = 0; attempt < 3; attempt++) {
            Memory len = w.dwordOut(0);
            boolean readers = function.equals("SCardListReaders");
            int rv = readers ? w.call(function, w.handle(handle), g, Pointer.NULL, len)
                    : w.call(function, w.handle(handle), Pointer.NULL, len);
            NativeErrors.check(w.layout, rv, function, false);
            long chars = w.readDword(len, 0);
            if (chars == 0) {
                return List.of();
            }
            Memory buf = new Memory(chars * w.charSize());
            rv = readers ? w.call(function, w.handle(handle), g, buf, len) : w.call(function, w.handle(handle), buf, len);
            if (rv == ScardError.E_INSUFFICIENT_BUFFER.code()) {
                continue; // a reader appeared between the two calls
            }
            NativeErrors.check(w.layout, rv, function, false);
            return w.parseMultiString(buf, Math.min(chars, w.readDword(len, 0)));
        }
        throw new ScardException(ScardError.E_INSUFFICIENT_BUFFER, function + ": reader list kept changing");
    }

    @Override
    public CompletableFuture<List<ReaderState>> getStatusChange(List<ReaderState> states, long timeoutMillis) {
        List<ReaderState> input = List.copyOf(states);
        if (input.size() > Scard.MAX_READER_STATES) {
            return CompletableFuture.failedFuture(new ScardException(ScardError.E_INVALID_VALUE,
                    input.size() + " reader states (max " + Scard.MAX_READER_STATES + ")"));
        }
        if (timeoutMillis < 0 || timeoutMillis > Scard.INFINITE) {
            return CompletableFuture.failedFuture(new ScardException(ScardError.E_INVALID_VALUE, "timeout " + timeoutMillis));
        }
        if (released) {
            return CompletableFuture.failedFuture(new ScardException(ScardError.E_INVALID_HANDLE, "context released"));
        }
        return StatusPoll.start(pcsc, this, input, timeoutMillis);
    }

    @Override
    public void cancel() throws ScardException {
        checkValid();
        for (StatusPoll p : polls) {
            p.finish(new ScardException(ScardError.E_CANCELLED));
        }
    }

    @Override
    public CardHandle connect(String reader, int shareMode, int preferredProtocols) throws ScardException {
        checkValid();
        Memory card = w.handleOut();
        Memory active = w.dwordOut(0);
        int rv = w.call("SCardConnect", w.handle(handle), w.string(reader), w.dword(shareMode),
                w.dword(NativeErrors.protocolToNative(w.layout, preferredProtocols)), card, active);
        NativeErrors.check(w.layout, rv, "SCardConnect", false);
        return new NativeCardHandle(w, reader, w.readHandle(card),
                NativeErrors.protocolFromNative(w.layout, w.readDword(active, 0)));
    }

    /**
     * One SCardGetStatusChange with timeout 0 over the entries the library should answer.
     *
     * @param skip reader names answered by the caller ({@link Scard#PNP_NOTIFICATION} always is)
     * @return event states in input order; skipped entries are left null
     */
    ReaderState[] pollNative(List<ReaderState> states, Set<String> skip) throws ScardException {
        NativeLayout l = w.layout;
        ReaderState[] out = new ReaderState[states.size()];
        List<Integer> nativeIdx = new java.util.ArrayList<>();
        for (int i = 0; i < states.size(); i++) {
            String name = states.get(i).reader();
            if (!name.equals(Scard.PNP_NOTIFICATION) && !skip.contains(name)) {
                nativeIdx.add(i);
            }
        }
        if (nativeIdx.isEmpty()) {
            return out;
        }
        int size = l.readerStateSize();
        Memory array = new Memory((long) size * nativeIdx.size());
        array.clear();
        Memory[] names = new Memory[nativeIdx.size()];
        for (int k = 0; k < nativeIdx.size(); k++) {
            ReaderState s = states.get(nativeIdx.get(k));
            names[k] = w.string(s.reader());
            long base = (long) k * size;
            array.setPointer(base + l.readerOffset(), names[k]);
            w.writeDword(array, base + l.currentStateOffset(), s.currentState());
        }
        int rv = w.call("SCardGetStatusChange", w.handle(handle), w.dword(0), array, w.dword(nativeIdx.size()));
        if (rv != ScardError.S_SUCCESS.code() && rv != ScardError.E_TIMEOUT.code()) {
            NativeErrors.check(l, rv, "SCardGetStatusChange", false);
        }
        for (int k = 0; k < nativeIdx.size(); k++) {
            long base = (long) k * size;
            int evt = (int) w.readDword(array, base + l.eventStateOffset());
            int atrLen = (int) Math.min(w.readDword(array, base + l.atrLengthOffset()), l.atrBufferSize());
            byte[] atr = array.getByteArray(base + l.atrOffset(), atrLen);
            if (rv == ScardError.E_TIMEOUT.code()) {
                evt &= ~Scard.STATE_CHANGED;
            }
            int i = nativeIdx.get(k);
            out[i] = states.get(i).withEvent(evt, atr);
        }
        java.lang.ref.Reference.reachabilityFence(names);
        return out;
    }

    @Override
    public String toString() {
        return "NativeContext[0x" + Long.toHexString(handle) + "]";
    }
}
