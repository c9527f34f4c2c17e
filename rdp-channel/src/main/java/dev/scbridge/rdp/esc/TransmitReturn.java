package dev.scbridge.rdp.esc;

import dev.scbridge.apdu.DecodeException;
import dev.scbridge.rdp.ndr.NdrReader;
import dev.scbridge.rdp.ndr.NdrWriter;

import java.util.Arrays;
import java.util.Objects;

/**
 * MS-RDPESC 2.2.3.11 Transmit_Return: the card's R-APDU.
 *
 * <pre>
 * inline:   ReturnCode | pioRecvPci (pointer) | cbRecvLength (0..66560) | pbRecvBuffer (pointer)
 * deferred: *pioRecvPci {dwProtocol, cbExtraBytes, pbExtraBytes}, then its extra bytes
 *           | MaxCount, R-APDU, pad to 4
 * </pre>
 *
 * The answer Windows accepted for a 21-byte R-APDU is {@code 00000000 | 00000000 | 15000000 | 00000200 |
 * 15000000 | R-APDU | pad} (windows-logon-trace.txt step 046), which {@link #of(byte[])} produces. A NULL
 * pbRecvBuffer with a non-zero cbRecvLength is the length-only answer to fpbRecvBufferIsNULL.
 *
 * @param recvPci    *pioRecvPci, or {@code null} for a NULL pointer
 * @param recvLength cbRecvLength: the R-APDU's length, or the length alone when {@code recvBuffer} is null
 * @param recvBuffer pbRecvBuffer, or {@code null} for a NULL pointer
 */
public record TransmitReturn(int returnCode, ScardIoRequest recvPci, int recvLength, byte[] recvBuffer)
        implements EscReturn {
    /** cbRecvLength's upper bound (MS-RDPESC 2.2.3.11, IDL {@code [range(0,66560)]}). */
    public static final int MAX_RECV_LENGTH = 66560;

    public TransmitReturn {
        recvBuffer = ByteFields.checked("cbRecvLength", recvLength, recvBuffer, MAX_RECV_LENGTH);
    }

    /** A successful transmit with no receive PCI, as the Windows-accepted vectors carry it. */
    public static TransmitReturn of(byte[] rApdu) {
        return new TransmitReturn(0, null, rApdu.length, rApdu);
    }

    /** A failed transmit: MS-RDPESC 2.2.3 sets every other field to zero (NULL pointers). */
    public static TransmitReturn error(int returnCode) {
        return new TransmitReturn(returnCode, null, 0, null);
    }

    @Override
    public byte[] recvBuffer() {
        return ByteFields.copy(recvBuffer);
    }

    @Override
    public void encode(NdrWriter w) {
        w.u32(returnCode);
        w.pointer(recvPci != null);
        ByteFields.writeInline(w, recvLength, recvBuffer);
        if (recvPci != null) {
            recvPci.encodeInline(w);
            recvPci.encodeDeferred(w);
        }
        ByteFields.writeDeferred(w, recvBuffer);
    }

    public static TransmitReturn decode(NdrReader r) throws DecodeException {
        int rc = r.u32("ReturnCode");
        int recvPciPointer = r.pointer("pioRecvPci");
        ByteFields.Inline recv = ByteFields.readInline(r, "cbRecvLength", "pbRecvBuffer", MAX_RECV_LENGTH, true);
        ScardIoRequest recvPci = null;
        if (recvPciPointer != NdrReader.NULL_POINTER) {
            recvPci = ScardIoRequest.readInline(r, "pioRecvPci").readDeferred(r);
        }
        TransmitReturn out = new TransmitReturn(rc, recvPci, recv.count(), recv.readDeferred(r));
        r.expectEnd("Transmit_Return");
        return out;
    }

    @Override
    public String structureName() {
        return "Transmit_Return";
    }

    @Override
    public String specSection() {
        return "MS-RDPESC 2.2.3.11";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TransmitReturn t && returnCode == t.returnCode && Objects.equals(recvPci, t.recvPci)
                && recvLength == t.recvLength && Arrays.equals(recvBuffer, t.recvBuffer);
    }

    @Override
    public int hashCode() {
        return Objects.hash(returnCode, recvPci, recvLength, Arrays.hashCode(recvBuffer));
    }

    @Override
    public String toString() {
        return "Transmit_Return{ReturnCode=" + ByteFields.returnCode(returnCode) + " pioRecvPci="
                + (recvPci == null ? "NULL" : recvPci.toString()) + " cbRecvLength=" + recvLength
                + " pbRecvBuffer=" + ByteFields.hex(recvBuffer) + "}";
    }
}
