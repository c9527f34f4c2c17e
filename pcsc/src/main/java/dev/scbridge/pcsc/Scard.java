package dev.scbridge.pcsc;

/**
 * WinSCard constants with Windows' values, as MS-RDPESC carries them: scopes (2.2.2.1), share modes (2.2.6),
 * dispositions (2.2.2.15-16), protocols (2.2.5), reader states (2.2.7), card states (2.2.4), attribute ids
 * ({@code class << 16 | tag}, winscard.h / pcsc-lite reader.h) and limits. Values pcsc-lite numbers differently
 * (RAW protocol, card-state bitmask) are translated by the native backend.
 */
public final class Scard {
    private Scard() {
    }

    // --- Scope (SCardEstablishContext dwScope, MS-RDPESC 2.2.2.1)
    public static final int SCOPE_USER = 0;
    public static final int SCOPE_TERMINAL = 1;
    public static final int SCOPE_SYSTEM = 2;

    // --- Share modes (MS-RDPESC 2.2.6)
    public static final int SHARE_EXCLUSIVE = 1;
    public static final int SHARE_SHARED = 2;
    /** Talk to the reader, not the card: allowed with no card, no protocol negotiated. */
    public static final int SHARE_DIRECT = 3;

    // --- Dispositions (MS-RDPESC 2.2.2.15, 2.2.2.16); EJECT is not valid as a Reconnect initialization
    public static final int LEAVE_CARD = 0;
    public static final int RESET_CARD = 1;
    public static final int UNPOWER_CARD = 2;
    public static final int EJECT_CARD = 3;

    // --- Protocols (MS-RDPESC 2.2.5); pcsc-lite uses RAW 0x4 and T15 0x8
    public static final int PROTOCOL_UNDEFINED = 0;
    public static final int PROTOCOL_T0 = 0x1;
    public static final int PROTOCOL_T1 = 0x2;
    public static final int PROTOCOL_TX = PROTOCOL_T0 | PROTOCOL_T1;
    public static final int PROTOCOL_RAW = 0x10000;
    public static final int PROTOCOL_DEFAULT = 0x80000000;

    // --- Reader states, low word of dwCurrentState / dwEventState (MS-RDPESC 2.2.7; same in pcsc-lite)
    public static final int STATE_UNAWARE = 0;
    public static final int STATE_IGNORE = 0x1;
    public static final int STATE_CHANGED = 0x2;
    public static final int STATE_UNKNOWN = 0x4;
    public static final int STATE_UNAVAILABLE = 0x8;
    public static final int STATE_EMPTY = 0x10;
    public static final int STATE_PRESENT = 0x20;
    public static final int STATE_ATRMATCH = 0x40;
    public static final int STATE_EXCLUSIVE = 0x80;
    public static final int STATE_INUSE = 0x100;
    public static final int STATE_MUTE = 0x200;
    public static final int STATE_UNPOWERED = 0x400;
    /** The high word of a reader state counts insert/remove events (the PnP entry: the number of readers). */
    public static final int EVENT_COUNT_SHIFT = 16;

    // --- Card states returned by Status/State (MS-RDPESC 2.2.4; pcsc-lite returns a bitmask, translated)
    public static final int CARD_UNKNOWN = 0;
    public static final int CARD_ABSENT = 1;
    public static final int CARD_PRESENT = 2;
    public static final int CARD_SWALLOWED = 3;
    public static final int CARD_POWERED = 4;
    public static final int CARD_NEGOTIABLE = 5;
    public static final int CARD_SPECIFIC = 6;

    // --- Attribute ids (class << 16 | tag; winscard.h, pcsc-lite reader.h)
    public static final int ATTR_VENDOR_NAME = 0x00010100;
    public static final int ATTR_VENDOR_IFD_TYPE = 0x00010101;
    public static final int ATTR_VENDOR_IFD_VERSION = 0x00010102;
    public static final int ATTR_VENDOR_IFD_SERIAL_NO = 0x00010103;
    public static final int ATTR_CHANNEL_ID = 0x00020110;
    public static final int ATTR_PROTOCOL_TYPES = 0x00030120;
    public static final int ATTR_CURRENT_PROTOCOL_TYPE = 0x00080201;
    public static final int ATTR_ICC_PRESENCE = 0x00090300;
    public static final int ATTR_ATR_STRING = 0x00090303;
    public static final int ATTR_ICC_TYPE_PER_ATR = 0x00090304;
    public static final int ATTR_DEVICE_UNIT = 0x7FFF0001;
    public static final int ATTR_DEVICE_IN_USE = 0x7FFF0002;
    public static final int ATTR_DEVICE_FRIENDLY_NAME_A = 0x7FFF0003;
    public static final int ATTR_DEVICE_SYSTEM_NAME_A = 0x7FFF0004;
    public static final int ATTR_DEVICE_FRIENDLY_NAME_W = 0x7FFF0005;
    public static final int ATTR_DEVICE_SYSTEM_NAME_W = 0x7FFF0006;

    // --- Reader device types (GetDeviceTypeId, winscard.h)
    public static final int READER_TYPE_USB = 0x20;
    /** Answered by emulated readers; Windows accepted it (facts/rdp.md, TP scard.rs). */
    public static final int READER_TYPE_VENDOR = 0xF0;

    // --- Control codes
    /** Windows SCARD_CTL_CODE(3400): FILE_DEVICE_SMARTCARD (0x31) << 16 | 3400 << 2 (winsmcrd.h). */
    public static final int IOCTL_GET_FEATURE_REQUEST_WINDOWS = 0x00313520;
    /** pcsc-lite SCARD_CTL_CODE(3400) = 0x42000000 + 3400 (pcsc-lite reader.h). */
    public static final int IOCTL_GET_FEATURE_REQUEST_PCSCLITE = 0x42000D48;

    // --- Names and timeouts
    /** The pseudo reader whose state's high word is the number of readers (MS-RDPESC 2.2.7). */
    public static final String PNP_NOTIFICATION = "\\\\?PnP?\\Notification";
    public static final String ALL_READERS_GROUP = "SCard$AllReaders";
    public static final String DEFAULT_READERS_GROUP = "SCard$DefaultReaders";
    /** dwTimeout meaning "wait forever" (0xFFFFFFFF). */
    public static final long INFINITE = 0xFFFF_FFFFL;

    // --- Limits
    /** GetStatusChange_Call allows 11 reader states (MS-RDPESC sec. 6 IDL; design.md limits). */
    public static final int MAX_READER_STATES = 11;
    /** Longest ATR (ISO/IEC 7816-3: 33 bytes; SCARD_ATR_LENGTH). */
    public static final int MAX_ATR_LENGTH = 33;
    /** Reader-state rgbAtr in MS-RDPESC ReaderState_Common_Call is 36 bytes, the ATR at most 33 of them. */
    public static final int READER_STATE_ATR_BUFFER = 36;
    /** Extended APDU response: 65,536 data bytes plus SW1 SW2 (ISO/IEC 7816-4). */
    public static final int MAX_RESPONSE_LENGTH = 65_538;
    /** Extended command APDU: header 4 + Lc 3 + 65,535 data + Le 3 (ISO/IEC 7816-4). */
    public static final int MAX_COMMAND_LENGTH = 65_545;
    /** cbAttrLen / cbDataLen bound in the MS-RDPESC IDL (sec. 6). */
    public static final int MAX_ATTRIBUTE_LENGTH = 65_536;

    /** The event count held in a reader state's high word. */
    public static int eventCount(int state) {
        return state >>> EVENT_COUNT_SHIFT;
    }

    private static final String[] STATE_NAMES = {"IGNORE", "CHANGED", "UNKNOWN", "UNAVAILABLE", "EMPTY", "PRESENT",
            "ATRMATCH", "EXCLUSIVE", "INUSE", "MUTE", "UNPOWERED"};

    /** A reader state for logs and decoders: {@code "PRESENT|INUSE|CHANGED count=3"}, {@code "UNAWARE"} for 0. */
    public static String describeReaderState(int state) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < STATE_NAMES.length; i++) {
            if ((state & (1 << i)) != 0) {
                b.append(b.length() == 0 ? "" : "|").append(STATE_NAMES[i]);
            }
        }
        int unknownBits = state & 0xFFFF & ~((1 << STATE_NAMES.length) - 1);
        if (unknownBits != 0) {
            b.append(b.length() == 0 ? "" : "|").append(String.format("0x%04X", unknownBits));
        }
        if (b.length() == 0) {
            b.append("UNAWARE");
        }
        if (eventCount(state) != 0) {
            b.append(" count=").append(eventCount(state));
        }
        return b.toString();
    }

    /** A reader state's flag bits (low word). */
    public static int stateFlags(int state) {
        return state & 0xFFFF;
    }
}
