package dev.scbridge.hwtests.piv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.scbridge.apdu.ResponseApdu;
import dev.scbridge.apdu.StatusWord;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * What every flow of the suite shares: a factory-default card per test (see {@link PivConformanceSuite} for the
 * state assumed), selected; a {@link PivHost} over it; status-word assertions that print the card and the meaning.
 */
abstract class ConformanceBase {
    protected PivHost host;
    private CardUnderTest card;

    /** The seam: a card in its factory-default state, fresh for this test. */
    protected abstract CardUnderTest factoryDefaultCard() throws Exception;

    @BeforeEach
    void openFactoryDefaultCard() throws Exception {
        card = factoryDefaultCard();
        host = new PivHost(card);
        host.select();
    }

    @AfterEach
    void closeCard() throws Exception {
        if (card != null) {
            card.close();
        }
    }

    /** Skips, and says why, a check whose feature the card's reported firmware does not have (facts/piv.md 6). */
    void assumeFirmware(int major, int minor, String feature) {
        byte[] v = host.version();
        int have = (v[0] & 0xFF) * 100 + (v[1] & 0xFF);
        assumeTrue(have >= major * 100 + minor, () -> host.description() + " reports firmware " + (v[0] & 0xFF) + "."
                + (v[1] & 0xFF) + "; " + feature + " needs " + major + "." + minor);
    }

    void assertSw(ResponseApdu r, int expected, String what) {
        assertThat(StatusWord.describe(r.sw())).as("%s: %s", host.description(), what)
                .isEqualTo(StatusWord.describe(expected));
    }

    void assertSw(String apdu, int expected, String what) {
        assertSw(host.raw(apdu), expected, what + " [" + apdu + "]");
    }

    /** For status words a real YubiKey is not documented to answer; the comment at each use names the sources. */
    void assertSwIn(ResponseApdu r, String what, int... accepted) {
        assertThat(StatusWord.describe(r.sw())).as("%s: %s", host.description(), what)
                .isIn(Arrays.stream(accepted).mapToObj(StatusWord::describe).toArray());
    }

    void assertSwIn(String apdu, String what, int... accepted) {
        assertSwIn(host.raw(apdu), what + " [" + apdu + "]", accepted);
    }
}
