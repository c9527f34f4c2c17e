package dev.scbridge.card.fuzz;

import java.util.Arrays;

/**
 * {@link Choices} over a byte array laid out as Jazzer's FuzzedDataProvider reads it (libFuzzer's
 * FuzzedDataProvider.h, which Jazzer ports): integers and booleans from the end, one byte per 8 bits of the range,
 * most significant first, reduced modulo the range; byte arrays from the front. Lets a unit test replay a seed
 * exactly as the fuzz target sees it, without the Jazzer agent.
 */
final class ByteChoices implements Choices {
    private final byte[] data;
    private int front;
    private int end;

    ByteChoices(byte[] data) {
        this.data = data.clone();
        this.end = data.length;
    }

    @Override
    public boolean bool() {
        return (pick(0, 255) & 1) == 1;
    }

    @Override
    public int pick(int min, int max) {
        long range = (long) max - min;
        long result = 0;
        for (int offset = 0; offset < 32 && (range >>> offset) > 0 && end > front; offset += 8) {
            result = (result << 8) | (data[--end] & 0xFF);
        }
        return (int) (min + result % (range + 1));
    }

    @Override
    public byte[] bytes(int length) {
        int n = Math.min(length, end - front);
        byte[] out = Arrays.copyOfRange(data, front, front + n);
        front += n;
        return out;
    }

    @Override
    public int remaining() {
        return end - front;
    }
}
