package dev.scbridge.bridge;

import dev.scbridge.apdu.Hex;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.security.SecureRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SessionPinTest {
    @Test
    void randomPin_isEightDigits() {
        SecureRandom random = new SecureRandom();
        for (int i = 0; i < 100; i++) {
            assertThat(SessionPin.random(random).reveal()).matches("[0-9]{8}");
        }
    }

    @Test
    void verifyData_isTheDigitsPaddedWithFf() {
        assertThat(Hex.spaced(SessionPin.of("70472168").verifyData())).isEqualTo("37 30 34 37 32 31 36 38");
        assertThat(Hex.spaced(SessionPin.of("123456").verifyData())).isEqualTo("31 32 33 34 35 36 FF FF");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "12345", "123456789", "12345a", "１２３４５６", "1234 56"})
    void malformedPins_areRefused(String digits) {
        assertThatThrownBy(() -> SessionPin.of(digits)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining(digits.isEmpty() ? "\u0000" : digits);
    }

    @Test
    void pin_neverPrints_andWipes() {
        SessionPin pin = SessionPin.of("31415926");
        assertThat(pin.toString()).isEqualTo("SessionPin[8 digits, redacted]");
        pin.wipe();
        assertThatThrownBy(pin::reveal).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(pin::verifyData).isInstanceOf(IllegalStateException.class);
    }
}
