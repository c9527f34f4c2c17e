package dev.scbridge.bridge;

import dev.scbridge.apdu.CommandApdu;
import dev.scbridge.apdu.DecodeException;
import dev.scbridge.apdu.Hex;
import dev.scbridge.apdu.piv.PivKeyRef;
import dev.scbridge.apdu.piv.PivObjectId;
import dev.scbridge.apdu.piv.Pivs;

import java.math.BigInteger;
import java.util.Arrays;

/** Transcript names for command APDUs, from the header (and, for SELECT and GET DATA, the public data field). */
final class ApduNames {
    private ApduNames() {
    }

    static String describe(byte[] command) {
        CommandApdu c;
        try {
            c = CommandApdu.parse(command);
        } catch (DecodeException e) {
            return "malformed APDU";
        }
        String chained = c.isChained() ? " (chained)" : "";
        switch (c.ins()) {
            case Pivs.INS_SELECT:
                byte[] aid = c.data();
                return "SELECT " + (Pivs.isPivAid(aid) ? "PIV (" + aid.length + "-byte AID)" : "AID");
            case Pivs.INS_GET_DATA:
                return "GET DATA " + objectId(c.data());
            case Pivs.INS_GET_RESPONSE:
                return "GET RESPONSE";
            case Pivs.INS_VERIFY:
                return "VERIFY PIN";
            case Pivs.INS_GENERAL_AUTHENTICATE:
                return "GENERAL AUTHENTICATE" + chained;
            default:
                return String.format("INS %02X%s", c.ins(), chained);
        }
    }

    /** {@code 5C 03 5F C1 05} → {@code 5FC105 (cert 9A)}. */
    private static String objectId(byte[] data) {
        if (data.length < 3 || data.length > 5 || (data[0] & 0xFF) != Pivs.TAG_OBJECT_ID
                || (data[1] & 0xFF) != data.length - 2) {
            return "(unusual tag list)";
        }
        byte[] tag = Arrays.copyOfRange(data, 2, data.length);
        int id = new BigInteger(1, tag).intValue();
        return Hex.plain(tag) + shortName(id);
    }

    private static String shortName(int id) {
        for (PivKeyRef k : PivKeyRef.values()) {
            if (k.certificateObject() == id) {
                return String.format(" (cert %02X)", k.code());
            }
        }
        if (id == PivObjectId.CHUID.code()) {
            return " (CHUID)";
        }
        if (id == PivObjectId.CCC.code()) {
            return " (CCC)";
        }
        if (id == PivObjectId.KEY_HISTORY.code()) {
            return " (key history)";
        }
        return "";
    }
}
