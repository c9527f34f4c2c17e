package dev.scbridge.apdu.piv;

/**
 * PIV card-edge constants: the application identifier and the instruction bytes, SP 800-73-4 Part 2 section 3
 * and the YubiKey PIV extensions (Yubico .NET SDK PIV APDU reference; yubico-piv-tool ykpiv.h).
 */
public final class Pivs {
    /** Full PIV AID: RID A0 00 00 03 08, PIX 00 00 10 00, version 01 00 (SP 800-73-4 Part 1 2.2). */
    public static final byte[] AID = {(byte) 0xA0, 0x00, 0x00, 0x03, 0x08, 0x00, 0x00, 0x10, 0x00, 0x01, 0x00};
    /** The shortest prefix hosts select with: the RID (yubico-piv-tool, yubikit, ykman). */
    public static final int RID_LENGTH = 5;

    public static final int INS_SELECT = 0xA4;
    public static final int INS_GET_DATA = 0xCB;
    public static final int INS_PUT_DATA = 0xDB;
    public static final int INS_VERIFY = 0x20;
    public static final int INS_CHANGE_REFERENCE_DATA = 0x24;
    public static final int INS_RESET_RETRY_COUNTER = 0x2C;
    public static final int INS_GENERAL_AUTHENTICATE = 0x87;
    public static final int INS_GENERATE_ASYMMETRIC_KEY_PAIR = 0x47;
    public static final int INS_GET_RESPONSE = 0xC0;
    public static final int INS_SET_MANAGEMENT_KEY = 0xFF;
    public static final int INS_IMPORT_KEY = 0xFE;
    public static final int INS_GET_VERSION = 0xFD;
    public static final int INS_RESET = 0xFB;
    public static final int INS_SET_PIN_RETRIES = 0xFA;
    public static final int INS_ATTEST = 0xF9;
    public static final int INS_GET_SERIAL = 0xF8;
    public static final int INS_GET_METADATA = 0xF7;
    public static final int INS_MOVE_KEY = 0xF6;

    /** GET DATA / PUT DATA: P1 P2 = 3F FF. */
    public static final int P1P2_DATA = 0x3FFF;
    /** Tag list in GET DATA / PUT DATA. */
    public static final int TAG_OBJECT_ID = 0x5C;
    /** The data object wrapper every object but 7E and 7F61 is returned in. */
    public static final int TAG_DATA = 0x53;
    /** Dynamic authentication template of GENERAL AUTHENTICATE. */
    public static final int TAG_DYN_AUTH = 0x7C;
    public static final int TAG_WITNESS = 0x80;
    public static final int TAG_CHALLENGE = 0x81;
    public static final int TAG_RESPONSE = 0x82;
    public static final int TAG_EXPONENTIATION = 0x85;
    /** Control reference template of GENERATE ASYMMETRIC KEY PAIR. */
    public static final int TAG_CRT = 0xAC;
    public static final int TAG_ALGORITHM = 0x80;
    public static final int TAG_PIN_POLICY = 0xAA;
    public static final int TAG_TOUCH_POLICY = 0xAB;
    /** Public key template. */
    public static final int TAG_PUBLIC_KEY = 0x7F49;

    private Pivs() {
    }

    /** True when {@code aid} is a 5..11-byte prefix of the PIV AID (truncated selection). */
    public static boolean isPivAid(byte[] aid) {
        if (aid.length < RID_LENGTH || aid.length > AID.length) {
            return false;
        }
        for (int i = 0; i < aid.length; i++) {
            if (aid[i] != AID[i]) {
                return false;
            }
        }
        return true;
    }
}
