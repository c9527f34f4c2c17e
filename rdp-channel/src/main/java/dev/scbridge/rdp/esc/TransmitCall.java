package dev.scbridge.rdp.esc;

import dev.scbridge.apdu.DecodeException;
import dev.scbridge.rdp.ndr.NdrReader;
import dev.scbridge.rdp.ndr.NdrWriter;

import java.util.Arrays;
import java.util.Objects;

/**
 * MS-RDPESC 2.2.2.19 Transmit_Call: one C-APDU for the card (answered by {@link TransmitReturn}).
 *
 * <pre>
 * inline:   hCard {cbContext, pbContext, cbHandle, pbHandle}
 *           | ioSendPci {dwProtocol, cbExtraBytes (0..1024), pbExtraBytes}       SCardIO_Request, 2.2.1.8
 *           | cbSendLength (0..66560) | pbSendBuffer | pioRecvPci | fpbRecvBufferIsNULL | cbRecvLength
 * deferred, in pointer order:
 *           context bytes | handle bytes | ioSendPci extra bytes (if its pointer is non-NULL)
 *           | MaxCount, send bytes, pad 4 | *pioRecvPci {dwProtocol, cbExtraBytes, pbExtraBytes}, then its bytes
 * </pre>
 *
 * Windows' PIV logon sends ioSendPci {T1, 0, NULL}, pioRecvPci NULL, fpbRecvBufferIsNULL 0 and cbRecvLength 258
 * (windows-logon-trace.txt step 045): 48 fixed bytes, so a 14-byte APDU makes an InputBufferLength of 104.
 * fpbRecvBufferIsNULL TRUE asks for the length only and cbRecvLength is then ignored; a BOOL is TRUE when
 * non-zero. cbRecvLength has no IDL range (0xFFFFFFFF is SCARD_AUTOALLOCATE), so it is kept as sent.
 *
 * @param sendBuffer pbSendBuffer; {@code null} for a NULL pointer (cbSendLength 0)
 * @param recvPci    *pioRecvPci, or {@code null} when the pointer is NULL (the caller wants no receive PCI)
 */
public record TransmitCall(RedirHandle hCard, ScardIoRequest sendPci, byte[] sendBuffer, ScardIoRequest recvPci,
                           boolean recvBufferIsNull, int recvLength) implements EscCall {
    /** cbSendLength's upper bound (MS-RDPESC 2.2.2.19, IDL {@code [range(0,66560)]}). */
    public static final int MAX_SEND_LENGTH = 66560;

    public TransmitCall {
        Objects.requireNonNull(hCard, "hCard");
        Objects.requireNonNull(sendPci, "sendPci");
        sendBuffer = ByteFields.checked("cbSendLength", sendBuffer, MAX_SEND_LENGTH);
    }

    /** The call as Windows sends it: no extra PCI bytes, no receive PCI, room for {@code recvLength} bytes. */
    public static TransmitCall of(RedirHandle hCard, int protocol, byte[] apdu, int recvLength) {
        return new TransmitCall(hCard, ScardIoRequest.of(protocol), apdu, null, false, recvLength);
    }

    @Override
    public byte[] sendBuffer() {
        return ByteFields.copy(sendBuffer);
    }

    @Override
    public void encode(NdrWriter w) {
        hCard.encodeInline(w);
        sendPci.encodeInline(w);
        ByteFields.writeInline(w, ByteFields.length(sendBuffer), sendBuffer);
        w.pointer(recvPci != null);
        w.u32(recvBufferIsNull ? 1 : 0).u32(recvLength);
        hCard.encodeDeferred(w);
        sendPci.encodeDeferred(w);
        ByteFields.writeDeferred(w, sendBuffer);
        if (recvPci != null) {
            recvPci.encodeInline(w);
            recvPci.encodeDeferred(w);
        }
    }

    public static TransmitCall decode(NdrReader r) throws DecodeException {
        RedirHandle.Inline handle = RedirHandle.readInline(r);
        ScardIoRequest.Inline sendPci = ScardIoRequest.readInline(r, "ioSendPci");
        ByteFields.Inline send = ByteFields.readInline(r, "cbSendLength", "pbSendBuffer", MAX_SEND_LENGTH, false);
        int recvPciPointer = r.pointer("pioRecvPci");
        boolean recvIsNull = r.u32("fpbRecvBufferIsNULL") != 0;
        int recvLength = r.u32("cbRecvLength");

        RedirHandle hCard = handle.readDeferred(r);
        ScardIoRequest pci = sendPci.readDeferred(r);
        byte[] apdu = send.readDeferred(r);
        ScardIoRequest recvPci = null;
        if (recvPciPointer != NdrReader.NULL_POINTER) {
            recvPci = ScardIoRequest.readInline(r, "pioRecvPci").readDeferred(r);
        }
        TransmitCall out = new TransmitCall(hCard, pci, apdu, recvPci, recvIsNull, recvLength);
        r.expectEnd("Transmit_Call");
        return out;
    }

    @Override
    public String structureName() {
        return "Transmit_Call";
    }

    @Override
    public String specSection() {
        return "MS-RDPESC 2.2.2.19";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TransmitCall c && hCard.equals(c.hCard) && sendPci.equals(c.sendPci)
                && Arrays.equals(sendBuffer, c.sendBuffer) && Objects.equals(recvPci, c.recvPci)
                && recvBufferIsNull == c.recvBufferIsNull && recvLength == c.recvLength;
    }

    @Override
    public int hashCode() {
        return Objects.hash(hCard, sendPci, Arrays.hashCode(sendBuffer), recvPci, recvBufferIsNull, recvLength);
    }

    @Override
    public String toString() {
        return "Transmit_Call{hCard=" + hCard + " ioSendPci=" + sendPci + " cbSendLength="
                + ByteFields.length(sendBuffer) + " pbSendBuffer=" + ByteFields.hex(sendBuffer) + " pioRecvPci="
                + (recvPci == null ? "NULL" : recvPci.toString()) + " fpbRecvBufferIsNULL=" + recvBufferIsNull
                + " cbRecvLength=" + Integer.toUnsignedString(recvLength) + "}";
    }
}
