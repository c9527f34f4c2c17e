package dev.scbridge.rdp.esc;

import dev.scbridge.pcsc.Scard;

import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** How the reader-state and string records print their fields (ReturnCodes and byte fields: {@link ByteFields}). */
final class EscText {
    private static final HexFormat HEX = HexFormat.of().withUpperCase();

    private EscText() {
    }

    static String hex(byte[] bytes) {
        return HEX.formatHex(bytes);
    }

    /** A length or count field: unsigned decimal, or SCARD_AUTOALLOCATE for 0xFFFFFFFF. */
    static String length(int value) {
        return value == ListReadersCall.SCARD_AUTOALLOCATE ? "SCARD_AUTOALLOCATE" : Integer.toUnsignedString(value);
    }

    /** A unique pointer to a string: the quoted text, or NULL. */
    static String string(Optional<String> text) {
        return text.map(EscText::quote).orElse("NULL");
    }

    static String quote(String text) {
        return "\"" + text + "\"";
    }


    /** {@code cur=EMPTY evt=CHANGED|PRESENT cbAtr=11 atr=3B95...}. */
    static String readerState(ReaderStateCommon c) {
        return "cur=" + Scard.describeReaderState(c.currentState()) + " evt="
                + Scard.describeReaderState(c.eventState()) + " cbAtr=" + c.cbAtr() + " atr=" + hex(c.atr());
    }

    /** Reader states of a call, each with its name, or NULL for a NULL array pointer. */
    static String callStates(List<ReaderStateCall> states, boolean pointer) {
        if (!pointer) {
            return "NULL";
        }
        return states.stream().map(s -> quote(s.reader()) + " " + readerState(s.common()))
                .collect(Collectors.joining(", ", "[", "]"));
    }
}
