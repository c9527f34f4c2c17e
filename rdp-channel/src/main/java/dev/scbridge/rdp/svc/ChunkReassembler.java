package dev.scbridge.rdp.svc;

import dev.scbridge.apdu.DecodeException;
import java.util.Optional;

/**
 * Joins static virtual channel chunks into messages (MS-RDPBCGR 3.1.5.2.2.1): a FIRST chunk starts a message of
 * {@code header.length} bytes, middle chunks (no FIRST/LAST) continue it, a LAST chunk ends it. Not thread-safe:
 * one instance per channel and direction, fed in arrival order.
 *
 * <p>Compressed chunks are rejected: the server compresses channel data only if the client offered compression
 * (MS-RDPBCGR 3.1.8), and we never do.
 */
public final class ChunkReassembler {
    /**
     * Default upper bound for one reassembled message. The largest RDPDR message a smart-card client receives is
     * a DR_CONTROL_REQ, capped at 56 + 128 KiB by {@code DeviceControlRequest.MAX_INPUT_BUFFER_LENGTH}; 1 MiB
     * leaves room for that and any other core PDU while bounding memory per channel.
     */
    public static final int DEFAULT_MAX_MESSAGE_LENGTH = 1024 * 1024;

    private final int maxMessageLength;
    private byte[] message;
    private int filled;

    public ChunkReassembler() {
        this(DEFAULT_MAX_MESSAGE_LENGTH);
    }

    public ChunkReassembler(int maxMessageLength) {
        if (maxMessageLength <= 0) {
            throw new IllegalArgumentException("maxMessageLength must be positive: " + maxMessageLength);
        }
        this.maxMessageLength = maxMessageLength;
    }

    /** True while a FIRST chunk has been seen and its LAST has not. */
    public boolean assembling() {
        return message != null;
    }

    /** Drops a partial message, e.g. when the channel is reset. */
    public void reset() {
        message = null;
        filled = 0;
    }

    /**
     * Feeds one chunk (8-byte CHANNEL_PDU_HEADER + data).
     *
     * @return the complete message when this chunk was its LAST, else empty
     * @throws DecodeException on a malformed chunk; the partial message is dropped
     */
    public Optional<byte[]> feed(byte[] chunk) throws DecodeException {
        try {
            return accept(chunk);
        } catch (DecodeException e) {
            reset();
            throw e;
        }
    }

    private Optional<byte[]> accept(byte[] chunk) throws DecodeException {
        ChannelPduHeader h = ChannelPduHeader.decode(chunk);
        if (h.compressed()) {
            throw new DecodeException("flags", String.format("compressed chunk (flags 0x%08X) but compression was "
                    + "never offered", h.flags()), 4);
        }
        int dataLength = chunk.length - ChannelPduHeader.SIZE;
        if (h.first()) {
            if (assembling()) {
                throw new DecodeException("flags", "FIRST chunk while " + filled + " of " + message.length
                        + " bytes of the previous message are assembled", 4);
            }
            if (h.totalLength() > maxMessageLength) {
                throw new DecodeException("length", "message length " + h.totalLength() + " exceeds the maximum "
                        + maxMessageLength, 0);
            }
            message = new byte[h.length()];
        } else if (!assembling()) {
            throw new DecodeException("flags", String.format("chunk without FIRST (flags 0x%08X) and no message "
                    + "in progress", h.flags()), 4);
        } else if (h.totalLength() != message.length) {
            throw new DecodeException("length", "chunk says total length " + h.totalLength() + " but the message "
                    + "started with " + message.length, 0);
        }
        if (dataLength > message.length - filled) {
            throw new DecodeException("data", "chunk carries " + dataLength + " bytes but only "
                    + (message.length - filled) + " of " + message.length + " remain", ChannelPduHeader.SIZE);
        }
        System.arraycopy(chunk, ChannelPduHeader.SIZE, message, filled, dataLength);
        filled += dataLength;
        if (!h.last()) {
            return Optional.empty();
        }
        if (filled != message.length) {
            throw new DecodeException("length", "LAST chunk after " + filled + " bytes of a " + message.length
                    + "-byte message", 0);
        }
        byte[] done = message;
        reset();
        return Optional.of(done);
    }

    @Override
    public String toString() {
        return assembling() ? "ChunkReassembler[" + filled + "/" + message.length + "]" : "ChunkReassembler[idle]";
    }

}
