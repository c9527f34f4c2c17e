package dev.scbridge.card.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;

/**
 * Where {@link CardScript} takes its decisions from: Jazzer's {@link FuzzedDataProvider} when fuzzing, or
 * {@link ByteChoices} (the same byte layout, in plain Java) when a unit test replays a seed.
 */
interface Choices {
    boolean bool();

    /** A value in {@code min..max}, both included. */
    int pick(int min, int max);

    /** {@code length} bytes, fewer when the input runs out. */
    byte[] bytes(int length);

    int remaining();

    static Choices of(FuzzedDataProvider data) {
        return new Choices() {
            @Override
            public boolean bool() {
                return data.consumeBoolean();
            }

            @Override
            public int pick(int min, int max) {
                return data.consumeInt(min, max);
            }

            @Override
            public byte[] bytes(int length) {
                return data.consumeBytes(length);
            }

            @Override
            public int remaining() {
                return data.remainingBytes();
            }
        };
    }
}
