package dev.scbridge.pcsc;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Codes (MS-RDPESC 2.2.8) and reader-state helpers of the model. */
class ScardModelTest {
    @Test
    void codes_areWindowsValues_andUnique() {
        // values named in the brief: Windows 0x80100022 for UNSUPPORTED_FEATURE, 0x8010001F is UNEXPECTED
        assertThat(ScardError.E_UNSUPPORTED_FEATURE.code()).isEqualTo(0x80100022);
        assertThat(ScardError.E_UNEXPECTED.code()).isEqualTo(0x8010001F);
        assertThat(ScardError.W_REMOVED_CARD.code()).isEqualTo(0x80100069);
        assertThat(ScardError.E_TIMEOUT.code()).isEqualTo(0x8010000A);
        assertThat(ScardError.W_CACHE_ITEM_TOO_BIG.code()).isEqualTo(0x80100072);
        Set<Integer> seen = new HashSet<>();
        for (ScardError e : ScardError.values()) {
            assertThat(seen.add(e.code())).as(e.name()).isTrue();
            assertThat(ScardError.fromCode(e.code())).contains(e);
            assertThat(e.meaning()).isNotBlank();
        }
        assertThat(ScardError.fromCode(0x80100099)).isEmpty();
    }

    @Test
    void exception_carriesCodeNameMeaning() {
        ScardException e = new ScardException(ScardError.E_CANCELLED, "by Cancel");
        assertThat(e.code()).isEqualTo(0x80100002);
        assertThat(e.scardName()).isEqualTo("SCARD_E_CANCELLED");
        assertThat(e.meaning()).contains("SCardCancel");
        assertThat(e.getMessage()).startsWith("SCARD_E_CANCELLED (0x80100002)").endsWith("by Cancel");
        assertThat(e.is(ScardError.E_CANCELLED)).isTrue();
        ScardException unknown = new ScardException(0x80100099, null);
        assertThat(unknown.scardName()).isEqualTo("SCARD_0x80100099");
        assertThat(unknown.error()).isEmpty();
    }

    @Test
    void readerState_helpers() {
        ReaderState s = ReaderState.of("R", Scard.STATE_EMPTY)
                .withEvent(Scard.STATE_PRESENT | Scard.STATE_CHANGED | (3 << Scard.EVENT_COUNT_SHIFT), new byte[] {0x3B});
        assertThat(s.changed()).isTrue();
        assertThat(s.eventCount()).isEqualTo(3);
        assertThat(s.next().currentState()).isEqualTo(Scard.STATE_PRESENT | (3 << Scard.EVENT_COUNT_SHIFT));
        assertThat(s.next().eventState()).isZero();
        byte[] atr = s.atr();
        atr[0] = 0;
        assertThat(s.atr()).containsExactly(0x3B); // defensive copies
        assertThat(s).isEqualTo(ReaderState.of("R", Scard.STATE_EMPTY).withEvent(s.eventState(), new byte[] {0x3B}));
        assertThatThrownBy(() -> ReaderState.of("R", 0).withEvent(0, new byte[Scard.READER_STATE_ATR_BUFFER + 1]))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(Scard.stateFlags(0x0005_0022)).isEqualTo(0x22);
        assertThat(Scard.eventCount(0xFFFF_0000)).isEqualTo(0xFFFF);
    }

    @Test
    void describeReaderState() {
        assertThat(Scard.describeReaderState(0)).isEqualTo("UNAWARE");
        assertThat(Scard.describeReaderState(Scard.STATE_PRESENT | Scard.STATE_INUSE | Scard.STATE_CHANGED | (3 << 16)))
                .isEqualTo("CHANGED|PRESENT|INUSE count=3");
        assertThat(Scard.describeReaderState(0x8000)).isEqualTo("0x8000");
        assertThat(Scard.describeReaderState(2 << 16)).isEqualTo("UNAWARE count=2");
    }

    @Test
    void cardStatus_copies() {
        byte[] atr = {0x3B, 0x00};
        CardStatus st = new CardStatus(java.util.List.of("R"), Scard.CARD_SPECIFIC, Scard.PROTOCOL_T1, atr);
        atr[0] = 0;
        assertThat(st.atr()).containsExactly(0x3B, 0x00);
        assertThat(st).isEqualTo(new CardStatus(java.util.List.of("R"), 6, 2, new byte[] {0x3B, 0x00}));
    }
}
