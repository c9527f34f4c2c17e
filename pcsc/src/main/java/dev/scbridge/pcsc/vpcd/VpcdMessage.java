package dev.scbridge.pcsc.vpcd;

import java.util.Arrays;

/** One frame from vpcd, decoded: a control byte or a command APDU. */
public sealed interface VpcdMessage {

    /** A one-byte control frame. */
    record Control(VpcdControl control) implements VpcdMessage {
        public Control {
            if (control == null) {
                throw new IllegalArgumentException("control is null");
            }
        }
    }

    /** A command APDU (any frame of two bytes or more); its bytes are never printed (a VERIFY carries a PIN). */
    record Apdu(byte[] bytes) implements VpcdMessage {
        public Apdu {
            if (bytes == null || bytes.length < 2 || bytes.length > VpcdFrameDecoder.MAX_FRAME) {
                throw new IllegalArgumentException("APDU frame must be 2.." + VpcdFrameDecoder.MAX_FRAME + " bytes");
            }
            bytes = bytes.clone();
        }

        @Override
        public byte[] bytes() {
            return bytes.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Apdu a && Arrays.equals(bytes, a.bytes);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(bytes);
        }

        @Override
        public String toString() {
            return "Apdu[" + bytes.length + " bytes]";
        }
    }
}
