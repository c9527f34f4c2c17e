package dev.scbridge.rdp.efs;

/**
 * Little-endian writer into an array of the declared PDU size; {@link #finish()} checks that exactly that many
 * bytes were written, so a {@code size()} that disagrees with {@code encode()} fails loudly.
 */
final class ByteWriter {
    private final byte[] buf;
    private int pos;

    ByteWriter(int size) {
        this.buf = new byte[size];
    }

    ByteWriter u16(int v) {
        buf[pos++] = (byte) v;
        buf[pos++] = (byte) (v >>> 8);
        return this;
    }

    ByteWriter u32(int v) {
        buf[pos++] = (byte) v;
        buf[pos++] = (byte) (v >>> 8);
        buf[pos++] = (byte) (v >>> 16);
        buf[pos++] = (byte) (v >>> 24);
        return this;
    }

    ByteWriter u64(long v) {
        return u32((int) v).u32((int) (v >>> 32));
    }

    ByteWriter bytes(byte[] b) {
        System.arraycopy(b, 0, buf, pos, b.length);
        pos += b.length;
        return this;
    }

    ByteWriter header(PacketId packetId) {
        return u16(packetId.component().code()).u16(packetId.code());
    }

    byte[] finish() {
        if (pos != buf.length) {
            throw new IllegalStateException("encoded " + pos + " bytes, declared size " + buf.length);
        }
        return buf;
    }
}
