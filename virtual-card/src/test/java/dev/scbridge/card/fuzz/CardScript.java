package dev.scbridge.card.fuzz;

import dev.scbridge.apdu.CommandApdu;
import dev.scbridge.apdu.CommandChaining;
import dev.scbridge.apdu.DecodeException;
import dev.scbridge.apdu.Hex;
import dev.scbridge.apdu.Tlv;
import dev.scbridge.apdu.piv.PivAlgorithm;
import dev.scbridge.card.CardEdge;
import java.io.ByteArrayOutputStream;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;

/**
 * One fuzz input played against a card: optionally a management-key authentication and a PIN verify first (so deeper
 * paths are reached), then a bounded sequence of actions, each picked from {@link Choices} and turned into structured
 * APDUs (valid CLA/INS with fuzzed P1/P2 and data, TLV templates, chains, GET RESPONSE, extended lengths, PIN
 * commands) or raw bytes. Every answer is checked by {@link #transmit}: nothing escapes the card, and the answer is a
 * status word plus at most what the command could ask for.
 *
 * <p>GENERATE is only ever sent for P-256 or P-384: RSA generation would take most of the fuzzing time.
 */
final class CardScript {
    /** Actions per input, and APDUs per input (a chain of 1-byte pieces is many APDUs). */
    static final int MAX_ACTIONS = 48;
    static final int MAX_TRANSMITS = 256;
    /** The largest answer an extended command may ask for (Ne 65,536) plus SW1 SW2. */
    static final int MAX_RESPONSE = CommandApdu.MAX_NE + 2;
    /** A short command, or GET RESPONSE: 256 data bytes at most (Windows offers 258). */
    static final int MAX_SHORT_RESPONSE = 258;
    static final int MAX_RAW = 300;
    static final int MAX_CHAIN = 2_000;
    static final int MAX_OBJECT = 4_000;
    static final int MAX_EXTENDED = 4_000;

    /** Action numbers; {@link SeedBuilder} writes the same. */
    static final int RAW = 0;
    static final int COMMAND = 1;
    static final int GET_RESPONSE = 2;
    static final int AUTHENTICATE = 3;
    static final int DATA = 4;
    static final int GENERATE = 5;
    static final int CHAINED = 6;
    static final int EXTENDED = 7;
    static final int PIN = 8;
    static final int SESSION = 9;
    static final int SET_KEY = 10;
    static final int ACTIONS = 11;

    /** Every instruction the card knows but GENERATE (47), which only {@link #GENERATE} sends. */
    static final int[] INS = {0xA4, 0xCB, 0xDB, 0x20, 0x24, 0x2C, 0x87, 0xC0, 0xFF, 0xFE, 0xFD, 0xFB, 0xFA, 0xF9,
        0xF8, 0xF7, 0xF6};
    static final int[] CLA = {0x00, 0x10, 0x80, 0x0C};
    static final int[] P1P2 = {0x3FFF, 0x0080, 0x0081, 0x009A, 0x009C, 0x009E, 0xFFFF, 0x0000, 0x0400, 0x9A00};
    static final int[] SLOTS = {0x9A, 0x9C, 0x9D, 0x9E, 0x82, 0x95, 0xF9, 0x9B, 0x80, 0x81};
    static final int[] ALGORITHMS = {0x07, 0x11, 0x14, 0x06, 0x05, 0x16, 0x03, 0x08, 0x0A, 0x0C, 0x00, 0xE0};
    static final int[] OBJECTS = {0x5FC102, 0x5FC105, 0x5FC107, 0x5FC109, 0x5FC10A, 0x5FC123, 0x5FFF01, 0x7E, 0x7F61,
        0x5FC10C};
    static final int[] TAGS = {0x80, 0x81, 0x82, 0x85, 0x7C, 0x53};
    static final int[] MANAGEMENT_ALGORITHMS = {0x03, 0x08, 0x0A, 0x0C};
    static final List<String> SECRETS = List.of("123456", "12345678", "000000", "654321", "87654321", "");
    static final byte[] DEFAULT_MANAGEMENT_KEY = Hex.decode("010203040506070801020304050607080102030405060708");

    private final CardEdge card;
    private final Choices in;
    private PivAlgorithm managementAlgorithm = PivAlgorithm.TDES;
    private byte[] managementKey = DEFAULT_MANAGEMENT_KEY;
    private int transmits;
    private final Map<Integer, Integer> successes = new HashMap<>();

    CardScript(CardEdge card, Choices in) {
        this.card = card;
        this.in = in;
    }

    /** Thrown to end an input that used up its APDUs. */
    private static final class OutOfBudget extends RuntimeException {
        OutOfBudget() {
            super(null, null, false, false);
        }
    }

    void run() {
        try {
            if (in.bool()) {
                authenticate();
            }
            if (in.bool()) {
                transmit(verify(0x80, "123456"));
            }
            int actions = in.pick(1, MAX_ACTIONS);
            for (int i = 0; i < actions && in.remaining() > 0; i++) {
                step();
            }
        } catch (OutOfBudget enough) {
            // bounded by design
        }
    }

    /** How many APDUs with this INS answered 9000 or 61xx. */
    int successes(int ins) {
        return successes.getOrDefault(ins, 0);
    }

    int transmits() {
        return transmits;
    }

    private void step() {
        switch (in.pick(0, ACTIONS - 1)) {
            case RAW -> transmit(sanitized(in.bytes(in.pick(0, MAX_RAW))));
            case COMMAND -> command();
            case GET_RESPONSE -> transmit(new byte[] {0x00, (byte) 0xC0, 0x00, 0x00, (byte) in.pick(0, 255)});
            case AUTHENTICATE -> generalAuthenticate();
            case DATA -> data();
            case GENERATE -> generate();
            case CHAINED -> chained();
            case EXTENDED -> send(new CommandApdu(0x00, choose(INS, true), in.pick(0, 255), in.pick(0, 255),
                    in.bytes(in.pick(0, MAX_EXTENDED)), in.pick(0, CommandApdu.MAX_NE)));
            case PIN -> pin();
            case SESSION -> session();
            default -> setManagementKey();
        }
    }

    /** One of {@code options}, or (the extra last choice) any byte. */
    private int choose(int[] options, boolean noGenerate) {
        int i = in.pick(0, options.length);
        int v = i < options.length ? options[i] : in.pick(0, 255);
        return noGenerate && v == 0x47 ? 0x46 : v;
    }

    private void command() {
        int cla = choose(CLA, false);
        int ins = choose(INS, true);
        int p1p2 = in.bool() ? P1P2[in.pick(0, P1P2.length - 1)] : in.pick(0, 0xFFFF);
        byte[] data = in.bytes(in.pick(0, CommandApdu.MAX_SHORT_DATA));
        int ne = in.pick(0, CommandApdu.MAX_SHORT_NE);
        transmit(new CommandApdu(cla, ins, p1p2 >>> 8, p1p2 & 0xFF, data, ne).encode());
    }

    private void generalAuthenticate() {
        int alg = choose(ALGORITHMS, false);
        int slot = choose(SLOTS, false);
        int items = in.pick(0, 3);
        Tlv[] children = new Tlv[items];
        for (int i = 0; i < items; i++) {
            int tag = choose(TAGS, false);
            children[i] = new Tlv(Tlv.isWellFormedTag(tag) ? tag : 0x80, in.bytes(in.pick(0, MAX_RAW)));
        }
        send(new CommandApdu(0x00, 0x87, alg, slot, Tlv.of(0x7C, children).encode(), 256));
    }

    private void data() {
        int id = choose(OBJECTS, false);
        if (id < 0x100 && id != 0x7E) {
            id = 0x5F0000 | (id << 8) | in.pick(0, 255);
        }
        byte[] tagList = PivTags.objectIdTag(id);
        if (in.bool()) {
            send(new CommandApdu(0x00, 0xCB, 0x3F, 0xFF, tagList, 256));
        } else {
            byte[] contents = in.bytes(in.pick(0, MAX_OBJECT));
            send(new CommandApdu(0x00, 0xDB, 0x3F, 0xFF, concat(tagList, new Tlv(0x53, contents).encode())));
        }
    }

    private void generate() {
        int slot = choose(SLOTS, false);
        ByteArrayOutputStream crt = new ByteArrayOutputStream();
        crt.writeBytes(new byte[] {(byte) 0x80, 0x01, (byte) (in.bool() ? 0x11 : 0x14)});
        if (in.bool()) {
            crt.writeBytes(new byte[] {(byte) 0xAA, 0x01, (byte) in.pick(0, 255)});
        }
        if (in.bool()) {
            crt.writeBytes(new byte[] {(byte) 0xAB, 0x01, (byte) in.pick(0, 255)});
        }
        send(new CommandApdu(0x00, 0x47, 0x00, slot, new Tlv(0xAC, crt.toByteArray()).encode(), 256));
    }

    /** A command cut into pieces of any size, sometimes with another command in the middle of the chain. */
    private void chained() {
        int ins = choose(INS, true);
        int p1 = in.pick(0, 255);
        int p2 = in.pick(0, 255);
        byte[] data = in.bytes(in.pick(0, MAX_CHAIN));
        int pieceSize = in.pick(1, CommandApdu.MAX_SHORT_DATA);
        boolean interrupt = in.bool();
        List<CommandApdu> pieces = CommandChaining.split(new CommandApdu(0x00, ins, p1, p2, data, 256), pieceSize);
        for (int i = 0; i < pieces.size(); i++) {
            transmit(pieces.get(i).encode());
            if (interrupt && i == 0) {
                transmit(Hex.decode("00 FD 00 00 00"));
            }
        }
    }

    private void pin() {
        switch (in.pick(0, 5)) {
            case 0 -> transmit(verify(choose(new int[] {0x80, 0x81}, false), secret()));
            case 1 -> transmit(new CommandApdu(0x00, 0x24, 0x00, choose(new int[] {0x80, 0x81}, false),
                    concat(pad(secret()), pad(secret()))).encode());
            case 2 -> transmit(new CommandApdu(0x00, 0x2C, 0x00, 0x80, concat(pad(secret()), pad(secret()))).encode());
            case 3 -> transmit(new byte[] {0x00, 0x20, (byte) (in.bool() ? 0xFF : 0x00), (byte) 0x80});
            case 4 -> transmit(new byte[] {0x00, (byte) 0xFA, (byte) in.pick(0, 255), (byte) in.pick(0, 255)});
            default -> transmit(Hex.decode("00 FB 00 00"));
        }
    }

    private String secret() {
        int i = in.pick(0, SECRETS.size());
        return i < SECRETS.size() ? SECRETS.get(i) : new String(in.bytes(8), java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    private void session() {
        switch (in.pick(0, 5)) {
            case 0 -> card.reset();
            case 1 -> card.powerOff();
            case 2 -> authenticate();
            case 3 -> transmit(verify(0x80, "123456"));
            case 4 -> transmit(Hex.decode("00 A4 04 00 09 A0 00 00 03 08 00 00 10 00"));
            default -> transmit(Hex.decode("00 A4 04 00 05 A0 00 00 03 08 00"));
        }
    }

    private void setManagementKey() {
        int alg = choose(MANAGEMENT_ALGORITHMS, false);
        byte[] key = in.bytes(in.pick(0, 40));
        int p2 = in.bool() ? 0xFE : 0xFF;
        byte[] data = concat(new byte[] {(byte) alg, (byte) 0x9B, (byte) key.length}, key);
        if (isSuccess(transmit(new CommandApdu(0x00, 0xFF, 0xFF, p2, data).encode()))) {
            managementAlgorithm = PivAlgorithm.fromCode(alg);
            managementKey = key;
        }
    }

    /** 9B mutual authentication with the key this script last set; no assertion: a failure is just a path. */
    private void authenticate() {
        int alg = managementAlgorithm.code();
        byte[] r = transmit(new CommandApdu(0x00, 0x87, alg, 0x9B, Hex.decode("7C 02 80 00"), 256).encode());
        try {
            byte[] witness = Tlv.require(Tlv.parseSingle(Arrays.copyOf(r, r.length - 2)).children(), 0x80, "80")
                    .value();
            if (witness.length != managementAlgorithm.blockSize()) {
                return;
            }
            byte[] challenge = new byte[witness.length];
            byte[] body = Tlv.of(0x7C, new Tlv(0x80, ecb(Cipher.DECRYPT_MODE, witness)), new Tlv(0x81, challenge),
                    new Tlv(0x82, null)).encode();
            transmit(new CommandApdu(0x00, 0x87, alg, 0x9B, body, 256).encode());
        } catch (DecodeException e) {
            // not a witness: nothing to answer
        }
    }

    private byte[] ecb(int mode, byte[] block) {
        try {
            boolean tdes = managementAlgorithm == PivAlgorithm.TDES;
            Cipher c = Cipher.getInstance(tdes ? "DESede/ECB/NoPadding" : "AES/ECB/NoPadding");
            c.init(mode, new SecretKeySpec(managementKey, tdes ? "DESede" : "AES"));
            return c.doFinal(block);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] verify(int reference, String value) {
        return new CommandApdu(0x00, 0x20, 0x00, reference, pad(value)).encode();
    }

    /** PIN/PUK reference data: up to 8 characters padded with FF (any characters: wrong formats are paths too). */
    private static byte[] pad(String value) {
        byte[] raw = value.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        byte[] out = Arrays.copyOf(raw, 8);
        Arrays.fill(out, Math.min(raw.length, 8), 8, (byte) 0xFF);
        return out;
    }

    /** Short pieces of 255 bytes when the command is too long for one short APDU, as hosts send it. */
    private void send(CommandApdu command) {
        if (command.nc() <= CommandApdu.MAX_SHORT_DATA && command.ne() <= CommandApdu.MAX_SHORT_NE) {
            transmit(command.encode());
            return;
        }
        if (in.bool()) {
            transmit(command.encode());
            return;
        }
        for (CommandApdu piece : CommandChaining.split(command, CommandApdu.MAX_SHORT_DATA)) {
            transmit(piece.encode());
        }
    }

    private static byte[] sanitized(byte[] apdu) {
        if (apdu.length > 1 && apdu[1] == 0x47) {
            apdu[1] = 0x46;
        }
        return apdu;
    }

    /** The invariants: the card answers, with a status word, never 6F00, never more than the command allows. */
    byte[] transmit(byte[] apdu) {
        if (++transmits > MAX_TRANSMITS) {
            throw new OutOfBudget();
        }
        byte[] r = card.transmit(apdu);
        if (r == null || r.length < 2 || r.length > limit(apdu)) {
            throw new AssertionError("answer of " + (r == null ? "null" : r.length + " bytes") + " to "
                    + describe(apdu) + " (limit " + limit(apdu) + ")");
        }
        int sw = ((r[r.length - 2] & 0xFF) << 8) | (r[r.length - 1] & 0xFF);
        if (sw == 0x6F00) {
            throw new AssertionError("6F00 (an exception inside the card) for " + describe(apdu));
        }
        if (isSuccess(r) && apdu.length > 1) {
            successes.merge(apdu[1] & 0xFF, 1, Integer::sum);
        }
        return r;
    }

    /** A malformed APDU gets a bare status word; a short one (or GET RESPONSE) at most 258 bytes. */
    static int limit(byte[] apdu) {
        CommandApdu c;
        try {
            c = CommandApdu.parse(apdu);
        } catch (DecodeException e) {
            return 2;
        }
        boolean isShort = apdu.length <= 5 || apdu[4] != 0;
        return isShort ? MAX_SHORT_RESPONSE : Math.min(Math.max(c.ne(), 256) + 2, MAX_RESPONSE);
    }

    private static boolean isSuccess(byte[] r) {
        return r.length >= 2 && (r[r.length - 2] == (byte) 0x90 && r[r.length - 1] == 0 || r[r.length - 2] == 0x61);
    }

    private static String describe(byte[] apdu) {
        return Hex.spaced(Arrays.copyOf(apdu, Math.min(apdu.length, 8))) + (apdu.length > 8 ? " ..." : "")
                + " (" + apdu.length + " bytes)";
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    /** The {@code 5C} tag list of GET/PUT DATA: the object id in 1 to 3 bytes. */
    static final class PivTags {
        private PivTags() {
        }

        static byte[] objectIdTag(int id) {
            byte[] idBytes = id > 0xFFFF ? new byte[] {(byte) (id >>> 16), (byte) (id >>> 8), (byte) id}
                    : id > 0xFF ? new byte[] {(byte) (id >>> 8), (byte) id} : new byte[] {(byte) id};
            return concat(new byte[] {0x5C, (byte) idBytes.length}, idBytes);
        }
    }
}
