package dev.scbridge.pcsc.virtual;

import dev.scbridge.card.CardEdge;

import java.util.ArrayList;
import java.util.List;

/** A card that records what happened to it; answers {@code 61 10} to INS 0xC0-less "GET DATA" to show 61xx passes through. */
final class FakeCard implements CardEdge {
    static final byte[] ATR = {0x3B, (byte) 0x81, (byte) 0x80, 0x01, (byte) 0x80, (byte) 0x80};
    final List<byte[]> commands = new ArrayList<>();
    int resets;
    int powerOffs;

    @Override
    public byte[] atr() {
        return ATR.clone();
    }

    @Override
    public byte[] transmit(byte[] commandApdu) {
        commands.add(commandApdu.clone());
        if ((commandApdu[1] & 0xFF) == 0xCB) {
            return new byte[] {0x61, 0x10};
        }
        return new byte[] {(byte) 0x90, 0x00};
    }

    @Override
    public void reset() {
        resets++;
    }

    @Override
    public void powerOff() {
        powerOffs++;
    }
}
