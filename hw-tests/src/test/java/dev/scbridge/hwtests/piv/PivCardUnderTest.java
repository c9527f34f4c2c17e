package dev.scbridge.hwtests.piv;

import dev.scbridge.card.CardEdge;

/** The in-process card edge as a {@link CardUnderTest}: no transport in between. */
public final class PivCardUnderTest implements CardUnderTest {
    private final CardEdge card;
    private final String description;

    public PivCardUnderTest(CardEdge card, String description) {
        this.card = card;
        this.description = description;
    }

    @Override
    public byte[] transmit(byte[] commandApdu) {
        return card.transmit(commandApdu);
    }

    @Override
    public void reset() {
        card.reset();
    }

    @Override
    public String description() {
        return description;
    }
}
