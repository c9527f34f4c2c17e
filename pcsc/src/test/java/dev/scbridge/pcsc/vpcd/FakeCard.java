package dev.scbridge.pcsc.vpcd;

import dev.scbridge.card.CardEdge;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;

/** A card for link tests: answers what it is told to and records the calls and the threads they came on. */
final class FakeCard implements CardEdge {
    static final byte[] ATR = {0x3B, 0x02, 0x14, 0x50};
    final List<String> calls = new CopyOnWriteArrayList<>();
    final List<String> threads = new CopyOnWriteArrayList<>();
    private final UnaryOperator<byte[]> answer;

    FakeCard(UnaryOperator<byte[]> answer) {
        this.answer = answer;
    }

    /** A card answering 9000 to everything. */
    static FakeCard ok() {
        return new FakeCard(c -> new byte[] {(byte) 0x90, 0x00});
    }

    @Override
    public byte[] atr() {
        record("atr");
        return ATR.clone();
    }

    @Override
    public byte[] transmit(byte[] commandApdu) {
        record("transmit " + commandApdu.length);
        return answer.apply(commandApdu);
    }

    @Override
    public void reset() {
        record("reset");
    }

    @Override
    public void powerOff() {
        record("powerOff");
    }

    private void record(String call) {
        calls.add(call);
        threads.add(Thread.currentThread().getName());
    }
}
