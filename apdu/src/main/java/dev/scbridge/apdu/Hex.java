package dev.scbridge.apdu;

import java.util.HexFormat;

/** Hex helpers for logs, transcripts and tests: upper case, space separated, as the vectors are written. */
public final class Hex {
    private static final HexFormat SPACED = HexFormat.ofDelimiter(" ").withUpperCase();
    private static final HexFormat PLAIN = HexFormat.of().withUpperCase();

    private Hex() {
    }

    /** {@code "00 A4 04 00"}. */
    public static String spaced(byte[] bytes) {
        return SPACED.formatHex(bytes);
    }

    /** {@code "00A40400"}. */
    public static String plain(byte[] bytes) {
        return PLAIN.formatHex(bytes);
    }

    /** Parses hex with or without spaces/colons; throws IllegalArgumentException on anything else. */
    public static byte[] decode(String hex) {
        String compact = hex.replaceAll("[\\s:]", "");
        return HexFormat.of().parseHex(compact);
    }
}
