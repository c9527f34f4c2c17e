package dev.scbridge.card.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Fuzz target for the software card's edge (design.md tier 5): sequences of structured APDUs, some after a
 * management-key authentication and a PIN verify, played against a fresh {@code PivCard} per input
 * ({@link CardScript}, {@link FuzzCards}). Findings: any exception out of {@code transmit}, an answer without a status
 * word or longer than the command allows (258 bytes for a short command, Ne + 2 at most 65,538 for an extended one),
 * or {@code 6F00}, which the card answers only when something inside it threw. Each input is bounded to
 * {@value CardScript#MAX_ACTIONS} actions and {@value CardScript#MAX_TRANSMITS} APDUs.
 *
 * <p>In a normal build the target runs on its seeds (src/test/resources/dev/scbridge/card/fuzz/
 * PivCardFuzzTestInputs/apduSequences, see {@link PivCardSeedsTest}); {@code scripts/fuzz.sh} fuzzes it.
 */
class PivCardFuzzTest {
    @FuzzTest
    void apduSequences(FuzzedDataProvider data) {
        new CardScript(FuzzCards.newCard(), Choices.of(data)).run();
    }
}
