package dev.scbridge.card.fuzz;

import dev.scbridge.apdu.Hex;
import java.io.ByteArrayOutputStream;

/**
 * Writes a fuzz input that {@link CardScript} reads as the actions named here: the inverse of {@link ByteChoices}
 * (integers at the end, most significant byte consumed first; byte arrays at the front). Each method writes exactly
 * the choices the matching {@link CardScript} action reads, in the same order.
 */
final class SeedBuilder {
    private final ByteArrayOutputStream front = new ByteArrayOutputStream();
    /** The integer bytes in the order they are consumed, i.e. from the end of the input backwards. */
    private final ByteArrayOutputStream back = new ByteArrayOutputStream();

    private SeedBuilder() {
    }

    static SeedBuilder start(boolean authenticate, boolean verifyPin, int actions) {
        return new SeedBuilder().bool(authenticate).bool(verifyPin).pick(1, CardScript.MAX_ACTIONS, actions);
    }

    byte[] build() {
        byte[] b = back.toByteArray();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(front.toByteArray());
        for (int i = b.length - 1; i >= 0; i--) {
            out.write(b[i]);
        }
        return out.toByteArray();
    }

    SeedBuilder bool(boolean v) {
        back.write(v ? 1 : 0);
        return this;
    }

    SeedBuilder pick(int min, int max, int v) {
        if (v < min || v > max) {
            throw new IllegalArgumentException(v + " not in " + min + ".." + max);
        }
        long range = (long) max - min;
        int n = 0;
        while (n < 4 && (range >>> (8 * n)) > 0) {
            n++;
        }
        long x = (long) v - min;
        for (int i = n - 1; i >= 0; i--) {
            back.write((int) (x >>> (8 * i)) & 0xFF);
        }
        return this;
    }

    SeedBuilder bytes(byte[] b) {
        front.writeBytes(b);
        return this;
    }

    private SeedBuilder choose(int[] options, int value) {
        for (int i = 0; i < options.length; i++) {
            if (options[i] == value) {
                return pick(0, options.length, i);
            }
        }
        return pick(0, options.length, options.length).pick(0, 255, value);
    }

    private SeedBuilder action(int action) {
        return pick(0, CardScript.ACTIONS - 1, action);
    }

    /** What {@code CardScript.send} reads for a command too long for one short APDU: chain it. */
    private SeedBuilder chainIfLong(int nc, int ne) {
        return nc > 255 || ne > 256 ? bool(false) : this;
    }

    SeedBuilder raw(String hex) {
        byte[] b = Hex.decode(hex);
        return action(CardScript.RAW).pick(0, CardScript.MAX_RAW, b.length).bytes(b);
    }

    SeedBuilder getResponse(int le) {
        return action(CardScript.GET_RESPONSE).pick(0, 255, le);
    }

    /** 0 reset, 1 power off, 2 authenticate 9B, 3 VERIFY 123456, 4 SELECT 9-byte AID, 5 SELECT RID. */
    SeedBuilder session(int what) {
        return action(CardScript.SESSION).pick(0, 5, what);
    }

    /** GENERAL AUTHENTICATE {@code 7C{children}}; each child a (tag, value) pair. */
    SeedBuilder authenticate(int alg, int slot, Object... tagsAndValues) {
        action(CardScript.AUTHENTICATE).choose(CardScript.ALGORITHMS, alg).choose(CardScript.SLOTS, slot);
        int n = tagsAndValues.length / 2;
        pick(0, 3, n);
        int length = 0;
        for (int i = 0; i < n; i++) {
            byte[] v = (byte[]) tagsAndValues[2 * i + 1];
            choose(CardScript.TAGS, (Integer) tagsAndValues[2 * i]).pick(0, CardScript.MAX_RAW, v.length).bytes(v);
            length += 1 + (v.length < 0x80 ? 1 : v.length < 0x100 ? 2 : 3) + v.length;
        }
        int template = 1 + (length < 0x80 ? 1 : length < 0x100 ? 2 : 3) + length;
        return chainIfLong(template, 256);
    }

    SeedBuilder getData(int id) {
        return action(CardScript.DATA).choose(CardScript.OBJECTS, id).bool(true);
    }

    SeedBuilder putData(int id, byte[] contents) {
        action(CardScript.DATA).choose(CardScript.OBJECTS, id).bool(false)
                .pick(0, CardScript.MAX_OBJECT, contents.length).bytes(contents);
        int idLength = id > 0xFFFF ? 3 : id > 0xFF ? 2 : 1;
        int wrapped = 1 + (contents.length < 0x80 ? 1 : contents.length < 0x100 ? 2 : 3) + contents.length;
        return chainIfLong(2 + idLength + wrapped, 0);
    }

    SeedBuilder generate(int slot, boolean p256) {
        return action(CardScript.GENERATE).choose(CardScript.SLOTS, slot).bool(p256).bool(false).bool(false);
    }

    SeedBuilder chained(int ins, int p1, int p2, byte[] data, int pieceSize, boolean interrupt) {
        return action(CardScript.CHAINED).choose(CardScript.INS, ins).pick(0, 255, p1).pick(0, 255, p2)
                .pick(0, CardScript.MAX_CHAIN, data.length).bytes(data).pick(1, 255, pieceSize).bool(interrupt);
    }

    SeedBuilder extended(int ins, int p1, int p2, byte[] data, int ne) {
        action(CardScript.EXTENDED).choose(CardScript.INS, ins).pick(0, 255, p1).pick(0, 255, p2)
                .pick(0, CardScript.MAX_EXTENDED, data.length).bytes(data).pick(0, 65_536, ne);
        return data.length > 255 || ne > 256 ? bool(true) : this;
    }

    private SeedBuilder secret(String s) {
        int i = CardScript.SECRETS.indexOf(s);
        if (i >= 0) {
            return pick(0, CardScript.SECRETS.size(), i);
        }
        byte[] eight = java.util.Arrays.copyOf(s.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1), 8);
        return pick(0, CardScript.SECRETS.size(), CardScript.SECRETS.size()).bytes(eight);
    }

    SeedBuilder verify(String value) {
        return action(CardScript.PIN).pick(0, 5, 0).choose(new int[] {0x80, 0x81}, 0x80).secret(value);
    }

    SeedBuilder change(int reference, String old, String fresh) {
        return action(CardScript.PIN).pick(0, 5, 1).choose(new int[] {0x80, 0x81}, reference).secret(old)
                .secret(fresh);
    }

    SeedBuilder unblock(String puk, String newPin) {
        return action(CardScript.PIN).pick(0, 5, 2).secret(puk).secret(newPin);
    }

    SeedBuilder setPinRetries(int pin, int puk) {
        return action(CardScript.PIN).pick(0, 5, 4).pick(0, 255, pin).pick(0, 255, puk);
    }

    SeedBuilder resetApplication() {
        return action(CardScript.PIN).pick(0, 5, 5);
    }

    SeedBuilder setManagementKey(int alg, byte[] key) {
        return action(CardScript.SET_KEY).choose(CardScript.MANAGEMENT_ALGORITHMS, alg)
                .pick(0, 40, key.length).bytes(key).bool(false);
    }
}
