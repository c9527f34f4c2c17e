package dev.scbridge.cli;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/** Durations as people type them: {@code 90s}, {@code 5m}, {@code 2h}, {@code 1d}, or ISO-8601 {@code PT5M}. */
final class DurationConverter implements ITypeConverter<Duration> {
    /** Digits beyond this are a typo, not a duration. */
    private static final int MAX_DIGITS = 9;

    @Override
    public Duration convert(String value) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        if (v.startsWith("p")) {
            try {
                return Duration.parse(v.toUpperCase(Locale.ROOT));
            } catch (DateTimeParseException e) {
                throw bad(value);
            }
        }
        if (v.length() < 2 || v.length() > MAX_DIGITS + 1) {
            throw bad(value);
        }
        String digits = v.substring(0, v.length() - 1);
        if (!digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw bad(value);
        }
        long n = Long.parseLong(digits);
        switch (v.charAt(v.length() - 1)) {
            case 's': return Duration.ofSeconds(n);
            case 'm': return Duration.ofMinutes(n);
            case 'h': return Duration.ofHours(n);
            case 'd': return Duration.ofDays(n);
            default: throw bad(value);
        }
    }

    private static TypeConversionException bad(String value) {
        return new TypeConversionException("'" + value + "' is not a duration (e.g. 90s, 5m, 2h, 1d or PT5M)");
    }
}
