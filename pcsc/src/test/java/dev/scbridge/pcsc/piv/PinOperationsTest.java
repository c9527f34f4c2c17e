package dev.scbridge.pcsc.piv;

import dev.scbridge.apdu.piv.PivKeyRef;
import dev.scbridge.card.PivCard;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** VERIFY, CHANGE REFERENCE DATA and RESET RETRY COUNTER against the software card (SP 800-73-4 Part 2, 3.2). */
class PinOperationsTest {
    private final PivCard card = PivCard.builder().build();

    @Test
    void verify_rightPin_isVerified() throws Exception {
        PivClient piv = TestCards.open(card);
        assertThat(piv.pins().status(PivKeyRef.PIN)).isEqualTo(new PinStatus(false, false, 3));
        piv.pins().verifyPin(Pin.defaultPin());
        assertThat(piv.pins().status(PivKeyRef.PIN).verified()).isTrue();
        piv.pins().logout();
        assertThat(piv.pins().status(PivKeyRef.PIN).verified()).isFalse();
    }

    @Test
    void verify_wrongPin_throwsWithRetriesLeft() throws Exception {
        PivClient piv = TestCards.open(card);
        assertThatThrownBy(() -> piv.pins().verifyPin(Pin.of("000000")))
                .isInstanceOfSatisfying(WrongPinException.class, e -> {
                    assertThat(e.retriesLeft()).isEqualTo(2);
                    assertThat(e.sw()).isEqualTo(0x63C2);
                })
                .hasMessage("VERIFY PIN: 63C2 verification failed, 2 tries left");
    }

    @Test
    void verify_blockedPin_throwsPinBlocked() throws Exception {
        PivClient piv = TestCards.open(card);
        piv.pins().blockPin();
        assertThat(piv.pins().status(PivKeyRef.PIN)).isEqualTo(new PinStatus(false, true, 0));
        assertThatThrownBy(() -> piv.pins().verifyPin(Pin.defaultPin())).isInstanceOf(PinBlockedException.class);
    }

    @Test
    void changePin_thenOldPinFails() throws Exception {
        PivClient piv = TestCards.open(card);
        piv.pins().changePin(Pin.defaultPin(), Pin.of("24681357"));
        piv.pins().verifyPin(Pin.of("24681357"));
        assertThatThrownBy(() -> piv.pins().verifyPin(Pin.defaultPin())).isInstanceOf(WrongPinException.class);
    }

    @Test
    void changePin_wrongOldPin_throwsWrongPin() throws Exception {
        PivClient piv = TestCards.open(card);
        assertThatThrownBy(() -> piv.pins().changePin(Pin.of("999999"), Pin.of("24681357")))
                .isInstanceOfSatisfying(WrongPinException.class, e -> assertThat(e.retriesLeft()).isEqualTo(2));
    }

    @Test
    void changePuk_andUnblockPinWithIt() throws Exception {
        PivClient piv = TestCards.open(card);
        piv.pins().changePuk(Pin.defaultPuk(), Pin.of("87654321"));
        piv.pins().blockPin();
        piv.pins().unblockPin(Pin.of("87654321"), Pin.of("112233"));
        piv.pins().verifyPin(Pin.of("112233"));
    }

    @Test
    void unblock_wrongPuk_throwsWrongPinForThePuk() throws Exception {
        PivClient piv = TestCards.open(card);
        assertThatThrownBy(() -> piv.pins().unblockPin(Pin.of("00000000"), Pin.of("112233")))
                .isInstanceOfSatisfying(WrongPinException.class, e -> assertThat(e.retriesLeft()).isEqualTo(2))
                .hasMessageStartingWith("UNBLOCK PIN: 63C2");
    }

    @Test
    void blockPuk_thenPukStatusBlocked() throws Exception {
        PivClient piv = TestCards.open(card);
        piv.pins().blockPuk();
        assertThatThrownBy(() -> piv.pins().unblockPin(Pin.defaultPuk(), Pin.of("112233")))
                .isInstanceOf(PinBlockedException.class);
    }

    @Test
    void pinReference_mustBePinOrPuk() throws Exception {
        PivClient piv = TestCards.open(card);
        assertThatThrownBy(() -> piv.pins().verify(PivKeyRef.AUTHENTICATION, Pin.defaultPin()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
