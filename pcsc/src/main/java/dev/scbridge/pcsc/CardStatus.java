package dev.scbridge.pcsc;

import java.util.List;
import java.util.Objects;

/**
 * SCardStatus's answer (MS-RDPESC 2.2.3.10 Status_Return): reader names, card state (Windows numbering,
 * {@link Scard#CARD_ABSENT}..{@link Scard#CARD_SPECIFIC}), active protocol and ATR.
 */
public record CardStatus(List<String> readerNames, int state, int protocol, byte[] atr) {
    public CardStatus {
        readerNames = List.copyOf(readerNames);
        atr = Objects.requireNonNull(atr, "atr").clone();
    }

    @Override
    public byte[] atr() {
        return atr.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CardStatus s && readerNames.equals(s.readerNames) && state == s.state
                && protocol == s.protocol && java.util.Arrays.equals(atr, s.atr);
    }

    @Override
    public int hashCode() {
        return Objects.hash(readerNames, state, protocol, java.util.Arrays.hashCode(atr));
    }

    @Override
    public String toString() {
        return "CardStatus[" + readerNames + " state=" + state + " protocol=" + protocol + " atr="
                + java.util.HexFormat.of().formatHex(atr) + "]";
    }
}
