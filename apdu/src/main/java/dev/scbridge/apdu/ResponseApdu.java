package dev.scbridge.apdu;

import java.util.Arrays;

/** A response APDU, ISO/IEC 7816-4 5.1: response data followed by SW1 SW2. */
public record ResponseApdu(byte[] data, int sw) {
    public ResponseApdu {
        data = data == null ? new byte[0] : data.clone();
        if (sw < 0 || sw > 0xFFFF) {
            throw new IllegalArgumentException("status word " + sw + " is not two bytes");
        }
    }

    public ResponseApdu(int sw) {
        this(null, sw);
    }

    @Override
    public byte[] data() {
        return data.clone();
    }

    public int length() {
        return data.length;
    }

    public int sw1() {
        return StatusWord.sw1(sw);
    }

    public int sw2() {
        return StatusWord.sw2(sw);
    }

    public boolean isSuccess() {
        return sw == StatusWord.SUCCESS;
    }

    public byte[] encode() {
        byte[] out = Arrays.copyOf(data, data.length + 2);
        out[data.length] = (byte) (sw >>> 8);
        out[data.length + 1] = (byte) sw;
        return out;
    }

    public static ResponseApdu parse(byte[] bytes) throws DecodeException {
        if (bytes.length < 2) {
            throw new DecodeException("SW", "response is " + bytes.length + " bytes (expected: 2+ bytes)", 0);
        }
        int n = bytes.length;
        return new ResponseApdu(Arrays.copyOf(bytes, n - 2), ((bytes[n - 2] & 0xFF) << 8) | (bytes[n - 1] & 0xFF));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ResponseApdu r && r.sw == sw && Arrays.equals(r.data, data);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(data) * 31 + sw;
    }

    /** Length and status only: response data may be secret (a decrypted block, a shared secret). */
    @Override
    public String toString() {
        return "ResponseApdu[" + data.length + " bytes, " + StatusWord.describe(sw) + "]";
    }
}
