package dev.scbridge.rdp.trace.replay;

import dev.scbridge.rdp.esc.RedirContext;
import dev.scbridge.rdp.esc.RedirHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;

/**
 * Recorded context and card-handle values to ours. The recording names them as small integers (Context=5,
 * Handle=1: the recorded client's 4-byte values); our service hands out random 8-byte ids. Pairs are learnt from
 * the recorded EstablishContext/Connect returns next to our live ones. An unknown recorded value maps to its own
 * recorded bytes, so the service sees a context it never issued (and says so); {@link #unknownSeen} tells.
 */
final class IdMap {
    private final boolean identity;
    private final Map<String, byte[]> contexts = new HashMap<>();
    private final Map<String, byte[]> handles = new HashMap<>();
    private final Set<String> unknown = new HashSet<>();

    private IdMap(boolean identity) {
        this.identity = identity;
    }

    /** Maps nothing: builds calls exactly as recorded (for the InputBufferLength check). */
    static IdMap identity() {
        return new IdMap(true);
    }

    static IdMap learning() {
        return new IdMap(false);
    }

    /** A recorded integer as the recorded client's 4 little-endian bytes. */
    static byte[] recordedBytes(long value) {
        return ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt((int) value).array();
    }

    void learnContext(byte[] recorded, byte[] ours) {
        contexts.put(key(recorded), ours.clone());
    }

    void learnHandle(byte[] recordedContext, byte[] recordedHandle, byte[] ours) {
        handles.put(key(recordedContext) + "/" + key(recordedHandle), ours.clone());
    }

    RedirContext context(long recorded) {
        return new RedirContext(contextBytes(recordedBytes(recorded)));
    }

    RedirHandle handle(long recordedContext, long recordedHandle) {
        byte[] c = recordedBytes(recordedContext);
        byte[] h = recordedBytes(recordedHandle);
        byte[] ours = identity ? h : handles.get(key(c) + "/" + key(h));
        if (ours == null) {
            unknown.add("handle " + recordedHandle + " of context " + recordedContext);
            ours = h;
        }
        return new RedirHandle(new RedirContext(contextBytes(c)), ours);
    }

    /** Values used since the last call that no recorded return had introduced. */
    Set<String> takeUnknown() {
        Set<String> out = Set.copyOf(unknown);
        unknown.clear();
        return out;
    }

    private byte[] contextBytes(byte[] recorded) {
        if (identity) {
            return recorded;
        }
        byte[] ours = contexts.get(key(recorded));
        if (ours == null) {
            unknown.add("context " + key(recorded));
            return recorded;
        }
        return ours;
    }

    private static String key(byte[] b) {
        return HexFormat.of().formatHex(b);
    }
}
