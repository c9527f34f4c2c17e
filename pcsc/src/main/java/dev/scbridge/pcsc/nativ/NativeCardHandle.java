package dev.scbridge.pcsc.nativ;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import dev.scbridge.pcsc.CardHandle;
import dev.scbridge.pcsc.CardStatus;
import dev.scbridge.pcsc.Scard;
import dev.scbridge.pcsc.ScardError;
import dev.scbridge.pcsc.ScardException;

import java.util.concurrent.CompletableFuture;

/** A native SCARDHANDLE (WinSCard SCardConnect .. SCardDisconnect). */
final class NativeCardHandle implements CardHandle {
    /** pcsc-lite's MAX_BUFFER_SIZE_EXTENDED: 4 + 3 + 65,536 + 3 + 2. */
    static final int RECEIVE_BUFFER = 4 + 3 + (1 << 16) + 3 + 2;
    /** First SCardGetAttrib buffer: pcsc-lite's MAX_BUFFER_SIZE (the client caps the length to it). */
    static final int ATTRIBUTE_FIRST_BUFFER = 264;
    /** Reader-name buffer for SCardStatus, in characters (pcsc-lite MAX_READERNAME is 128). */
    static final int STATUS_NAME_CHARS = 1024;

    private final Winscard w;
    private final String reader;
    private final long handle;
    private volatile int protocol;

    NativeCardHandle(Winscard w, String reader, long handle, int protocol) {
        this.w = w;
        this.reader = reader;
        this.handle = handle;
        this.protocol = protocol;
    }

    @Override
    public String readerName() {
        return reader;
    }

    @Override
    public int activeProtocol() {
        return protocol;
    }

    @Override
    public byte[] transmit(byte[] command) throws ScardException {
        if (command.length < 4 || command.length > Scard.MAX_COMMAND_LENGTH) {
            throw new ScardException(ScardError.E_INVALID_PARAMETER, "command of " + command.length + " bytes");
        }
        NativeLayout l = w.layout;
        Memory pci = new Memory(l.ioRequestSize());
        w.writeDword(pci, 0, NativeErrors.protocolToNative(l, protocol));
        w.writeDword(pci, l.dwordSize(), l.ioRequestSize());
        Memory send = new Memory(command.length);
        send.write(0, command, 0, command.length);
        Memory recv = new Memory(RECEIVE_BUFFER);
        Memory recvLen = w.dwordOut(RECEIVE_BUFFER);
        int rv = w.call("SCardTransmit", w.handle(handle), pci, send, w.dword(command.length), Pointer.NULL, recv, recvLen);
        NativeErrors.check(l, rv, "SCardTransmit", false);
        return recv.getByteArray(0, (int) Math.min(w.readDword(recvLen, 0), RECEIVE_BUFFER));
    }

    @Override
    public byte[] control(int controlCode, byte[] input) throws ScardException {
        Memory in = new Memory(Math.max(1, input.length));
        in.write(0, input, 0, input.length);
        Memory out = new Memory(RECEIVE_BUFFER);
        Memory returned = w.dwordOut(0);
        int rv = w.call("SCardControl", w.handle(handle), w.dword(controlCode), input.length == 0 ? Pointer.NULL : in,
                w.dword(input.length), out, w.dword(RECEIVE_BUFFER), returned);
        NativeErrors.check(w.layout, rv, "SCardControl", true);
        return out.getByteArray(0, (int) Math.min(w.readDword(returned, 0), RECEIVE_BUFFER));
    }

    @Override
    public byte[] getAttrib(int attributeId) throws ScardException {
        // one call with a buffer that fits pcsc-lite's answers; only a larger attribute needs a second
        long size = ATTRIBUTE_FIRST_BUFFER;
        for (int attempt = 0; attempt < 2; attempt++) {
            Memory buf = new Memory(size);
            Memory len = w.dwordOut(size);
            int rv = w.call("SCardGetAttrib", w.handle(handle), w.dword(attributeId), buf, len);
            long needed = w.readDword(len, 0);
            if (rv == ScardError.E_INSUFFICIENT_BUFFER.code() && attempt == 0 && needed > size) {
                size = Math.min(needed, Scard.MAX_ATTRIBUTE_LENGTH);
                continue;
            }
            NativeErrors.check(w.layout, rv, "SCardGetAttrib", true);
            return buf.getByteArray(0, (int) Math.min(needed, size));
        }
        throw new ScardException(ScardError.E_INSUFFICIENT_BUFFER, "SCardGetAttrib: attribute kept growing");
    }

    @Override
    public void setAttrib(int attributeId, byte[] value) throws ScardException {
        if (value.length > Scard.MAX_ATTRIBUTE_LENGTH) {
            throw new ScardException(ScardError.E_INVALID_PARAMETER, "attribute of " + value.length + " bytes");
        }
        Memory buf = new Memory(Math.max(1, value.length));
        buf.write(0, value, 0, value.length);
        int rv = w.call("SCardSetAttrib", w.handle(handle), w.dword(attributeId), buf, w.dword(value.length));
        NativeErrors.check(w.layout, rv, "SCardSetAttrib", true);
    }

    @Override
    public CardStatus status() throws ScardException {
        NativeLayout l = w.layout;
        Memory names = new Memory((long) STATUS_NAME_CHARS * w.charSize());
        Memory namesLen = w.dwordOut(STATUS_NAME_CHARS);
        Memory state = w.dwordOut(0);
        Memory proto = w.dwordOut(0);
        Memory atr = new Memory(NativeLayout.WINDOWS_ATR_BUFFER);
        Memory atrLen = w.dwordOut(NativeLayout.WINDOWS_ATR_BUFFER);
        int rv = w.call("SCardStatus", w.handle(handle), names, namesLen, state, proto, atr, atrLen);
        NativeErrors.check(l, rv, "SCardStatus", false);
        int active = NativeErrors.protocolFromNative(l, w.readDword(proto, 0));
        return new CardStatus(
                w.parseMultiString(names, Math.min(w.readDword(namesLen, 0), STATUS_NAME_CHARS)),
                NativeErrors.cardStateToWindows(l, w.readDword(state, 0), active),
                active,
                atr.getByteArray(0, (int) Math.min(w.readDword(atrLen, 0), NativeLayout.WINDOWS_ATR_BUFFER)));
    }

    /** Blocks the caller in SCardBeginTransaction (no asynchronous form exists); returns a completed future. */
    @Override
    public CompletableFuture<Void> beginTransactionAsync() {
        int rv = w.call("SCardBeginTransaction", w.handle(handle));
        try {
            NativeErrors.check(w.layout, rv, "SCardBeginTransaction", false);
            return CompletableFuture.completedFuture(null);
        } catch (ScardException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    @Override
    public void endTransaction(int disposition) throws ScardException {
        NativeErrors.check(w.layout, w.call("SCardEndTransaction", w.handle(handle), w.dword(disposition)),
                "SCardEndTransaction", false);
    }

    @Override
    public int reconnect(int shareMode, int preferredProtocols, int initialization) throws ScardException {
        Memory active = w.dwordOut(0);
        int rv = w.call("SCardReconnect", w.handle(handle), w.dword(shareMode),
                w.dword(NativeErrors.protocolToNative(w.layout, preferredProtocols)), w.dword(initialization), active);
        NativeErrors.check(w.layout, rv, "SCardReconnect", false);
        protocol = NativeErrors.protocolFromNative(w.layout, w.readDword(active, 0));
        return protocol;
    }

    @Override
    public void disconnect(int disposition) throws ScardException {
        NativeErrors.check(w.layout, w.call("SCardDisconnect", w.handle(handle), w.dword(disposition)),
                "SCardDisconnect", false);
    }

    @Override
    public String toString() {
        return "NativeCardHandle[" + reader + "]";
    }
}
