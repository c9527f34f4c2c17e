package dev.scbridge.cli;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine.TypeConversionException;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DurationConverterTest {
    @ParameterizedTest
    @CsvSource({"90s, PT1M30S", "5m, PT5M", "2h, PT2H", "1d, PT24H", "PT5M, PT5M", "pt10s, PT10S", "0s, PT0S"})
    void convert_readsShortAndIsoForms(String text, String iso) {
        assertThat(new DurationConverter().convert(text)).isEqualTo(Duration.parse(iso));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "m", "5", "5y", "-5m", "5 m", "1234567890m", "PTx", "５m"})
    void convert_refusesEverythingElse(String text) {
        assertThatThrownBy(() -> new DurationConverter().convert(text)).isInstanceOf(TypeConversionException.class);
    }
}
