package dev.scbridge.cli;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Reader choice: exact name first, else the single case-insensitive match (yubico-piv-tool -r, ykman --reader). */
class PivPcscOpenerTest {
    private static final List<String> READERS = List.of("Virtual PCD 00 00", "Virtual PCD 00 01",
            "Yubico YubiKey OTP+FIDO+CCID 00 00");

    private static final PivPcscOpener.CardPresence NO_CARDS = readers -> List.of();

    @Test
    void exactName_winsOverPartialMatches() throws Exception {
        assertThat(PivPcscOpener.choose(READERS, "Virtual PCD 00 01", NO_CARDS)).isEqualTo("Virtual PCD 00 01");
    }

    @Test
    void uniquePart_caseInsensitive() throws Exception {
        assertThat(PivPcscOpener.choose(READERS, "YUBIKEY", NO_CARDS)).isEqualTo("Yubico YubiKey OTP+FIDO+CCID 00 00");
        assertThat(PivPcscOpener.choose(List.of("Only One"), null, NO_CARDS)).isEqualTo("Only One");
    }

    @Test
    void ambiguousOrMissing_fails() {
        assertThatThrownBy(() -> PivPcscOpener.choose(READERS, "virtual", NO_CARDS)).isInstanceOf(CliFailure.class)
                .hasMessage("2 readers match 'virtual' and none holds a card (Virtual PCD 00 00, Virtual PCD 00 01)");
        assertThatThrownBy(() -> PivPcscOpener.choose(READERS, "virtual", all -> all))
                .hasMessage("2 readers match 'virtual' with a card (Virtual PCD 00 00, Virtual PCD 00 01); choose"
                        + " one with --reader");
        assertThatThrownBy(() -> PivPcscOpener.choose(READERS, "gemalto", NO_CARDS))
                .hasMessage("no reader matches 'gemalto'");
        assertThatThrownBy(() -> PivPcscOpener.choose(List.of(), null, NO_CARDS))
                .hasMessage("no smart-card reader found");
    }

    @Test
    void severalMatches_theOneWithACardWins() throws Exception {
        assertThat(PivPcscOpener.choose(READERS, "virtual", all -> List.of("Virtual PCD 00 00")))
                .isEqualTo("Virtual PCD 00 00");
        assertThat(PivPcscOpener.choose(READERS, null, all -> List.of("Virtual PCD 00 01")))
                .isEqualTo("Virtual PCD 00 01");
    }
}
