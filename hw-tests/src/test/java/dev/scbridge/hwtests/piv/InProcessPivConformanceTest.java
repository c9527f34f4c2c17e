package dev.scbridge.hwtests.piv;

import dev.scbridge.card.PivCard;

/** The conformance suite against the software card, in process: a new {@link PivCard} with builder defaults per test. */
class InProcessPivConformanceTest extends PivConformanceSuite {
    @Override
    protected CardUnderTest factoryDefaultCard() {
        return new PivCardUnderTest(PivCard.builder().build(), "in-process PivCard");
    }
}
