package dev.scbridge.apdu;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Host side of command chaining, ISO/IEC 7816-4 5.1.1.1: a command whose data exceeds one short APDU goes as
 * pieces with CLA b5 (0x10) set on all but the last. Only the last piece carries Le. Every intermediate piece
 * must answer 9000; anything else ends the chain and is returned as the answer.
 */
public final class CommandChaining implements ApduTransport {
    /** yubico-piv-tool, yubikit and OpenSC send 255-byte pieces; Windows' PIV minidriver sends 240. */
    public static final int DEFAULT_PIECE_SIZE = CommandApdu.MAX_SHORT_DATA;

    private final ApduTransport next;
    private final int pieceSize;

    public CommandChaining(ApduTransport next) {
        this(next, DEFAULT_PIECE_SIZE);
    }

    public CommandChaining(ApduTransport next, int pieceSize) {
        if (pieceSize < 1 || pieceSize > CommandApdu.MAX_SHORT_DATA) {
            throw new IllegalArgumentException("piece size " + pieceSize + " out of range 1..255");
        }
        this.next = next;
        this.pieceSize = pieceSize;
    }

    /** Splits {@code command} into chained short pieces (a single piece when it already fits). */
    public static List<CommandApdu> split(CommandApdu command, int pieceSize) {
        byte[] data = command.data();
        List<CommandApdu> pieces = new ArrayList<>();
        int ne = Math.min(command.ne(), CommandApdu.MAX_SHORT_NE);
        if (data.length <= pieceSize) {
            pieces.add(command.withNe(ne));
            return pieces;
        }
        for (int off = 0; off < data.length; off += pieceSize) {
            int end = Math.min(off + pieceSize, data.length);
            boolean last = end == data.length;
            int cla = last ? command.cla() & ~CommandApdu.CLA_CHAINING : command.cla() | CommandApdu.CLA_CHAINING;
            pieces.add(new CommandApdu(cla, command.ins(), command.p1(), command.p2(),
                    Arrays.copyOfRange(data, off, end), last ? ne : 0));
        }
        return pieces;
    }

    @Override
    public ResponseApdu transmit(CommandApdu command) throws IOException {
        List<CommandApdu> pieces = split(command, pieceSize);
        for (int i = 0; i < pieces.size() - 1; i++) {
            ResponseApdu r = next.transmit(pieces.get(i));
            if (!r.isSuccess()) {
                return r;
            }
        }
        return next.transmit(pieces.get(pieces.size() - 1));
    }
}
