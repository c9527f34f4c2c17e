package dev.scbridge.pcsc.nativ;

import dev.scbridge.pcsc.Scard;
import dev.scbridge.pcsc.ScardError;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** pcsc-lite numbering to Windows numbering (pcsc-lite pcsclite.h vs MS-RDPESC 2.2.8, 2.2.4, 2.2.5). */
class NativeErrorsTest {
    private final NativeLayout lite = NativeLayout.linux(8);
    private final NativeLayout win = NativeLayout.windows(8);

    @Test
    void unsupportedFeature_translatedOnlyForFeatureCalls() {
        assertThat(NativeErrors.toWindows(lite, 0x8010001F, true)).isEqualTo(ScardError.E_UNSUPPORTED_FEATURE.code());
        assertThat(NativeErrors.toWindows(lite, 0x8010001F, false)).isEqualTo(ScardError.E_UNEXPECTED.code());
        assertThat(NativeErrors.toWindows(win, 0x8010001F, true)).isEqualTo(ScardError.E_UNEXPECTED.code());
        assertThat(NativeErrors.toWindows(lite, 0x80100069, false)).isEqualTo(ScardError.W_REMOVED_CARD.code());
    }

    @Test
    void cardState_bitmaskWithCounter_toEnumeration() {
        // pcsc-lite: SCARD_PRESENT|SCARD_POWERED|SCARD_NEGOTIABLE|SCARD_SPECIFIC (0x74) with counter 3 in the high word
        assertThat(NativeErrors.cardStateToWindows(lite, 0x0003_0074L)).isEqualTo(Scard.CARD_SPECIFIC);
        assertThat(NativeErrors.cardStateToWindows(lite, 0x2L)).isEqualTo(Scard.CARD_ABSENT);
        assertThat(NativeErrors.cardStateToWindows(lite, 0x14L)).isEqualTo(Scard.CARD_POWERED);
        assertThat(NativeErrors.cardStateToWindows(win, 6L)).isEqualTo(Scard.CARD_SPECIFIC);
        // pcsc-lite 1.9.9 answers PRESENT|POWERED|NEGOTIABLE (0x34) for a connected T=1 card (seen through vpcd)
        assertThat(NativeErrors.cardStateToWindows(lite, 0x34L, Scard.PROTOCOL_T1)).isEqualTo(Scard.CARD_SPECIFIC);
        assertThat(NativeErrors.cardStateToWindows(lite, 0x34L, Scard.PROTOCOL_UNDEFINED)).isEqualTo(Scard.CARD_NEGOTIABLE);
    }

    @Test
    void protocols() {
        assertThat(NativeErrors.protocolToNative(lite, Scard.PROTOCOL_RAW)).isEqualTo(4);
        assertThat(NativeErrors.protocolToNative(lite, Scard.PROTOCOL_DEFAULT)).isEqualTo(3);
        assertThat(NativeErrors.protocolFromNative(lite, 4)).isEqualTo(Scard.PROTOCOL_RAW);
        assertThat(NativeErrors.protocolFromNative(lite, 2)).isEqualTo(Scard.PROTOCOL_T1);
        assertThat(NativeErrors.protocolToNative(win, Scard.PROTOCOL_RAW)).isEqualTo(Scard.PROTOCOL_RAW);
    }
}
