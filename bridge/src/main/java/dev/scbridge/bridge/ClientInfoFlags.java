package dev.scbridge.bridge;

/**
 * The TS_INFO_PACKET flags (MS-RDPBCGR 2.2.1.11.1.1) a gateway sets in the Client Info PDU for a smart-card logon
 * with a session card: Windows logs on automatically ({@link #INFO_AUTOLOGON}) with the Password field taken as the
 * card's PIN ({@link #INFO_PASSWORD_IS_SC_PIN}).
 */
public final class ClientInfoFlags {
    private ClientInfoFlags() {
    }

    public static final int INFO_MOUSE = 0x0000_0001;
    public static final int INFO_DISABLECTRLALTDEL = 0x0000_0002;
    public static final int INFO_AUTOLOGON = 0x0000_0008;
    public static final int INFO_UNICODE = 0x0000_0010;
    public static final int INFO_LOGONNOTIFY = 0x0000_0040;
    public static final int INFO_LOGONERRORS = 0x0001_0000;
    public static final int INFO_PASSWORD_IS_SC_PIN = 0x0004_0000;

    /** What a gateway sends for a session card: mouse, no Ctrl+Alt+Del, Unicode, autologon with the PIN. */
    public static final int SMART_CARD_LOGON = INFO_MOUSE | INFO_DISABLECTRLALTDEL | INFO_UNICODE | INFO_AUTOLOGON
            | INFO_LOGONNOTIFY | INFO_LOGONERRORS | INFO_PASSWORD_IS_SC_PIN;

    /** {@code "INFO_MOUSE|INFO_UNICODE|..."} for the flags this class names. */
    public static String describe(int flags) {
        StringBuilder b = new StringBuilder();
        String[] names = {"INFO_MOUSE", "INFO_DISABLECTRLALTDEL", "INFO_AUTOLOGON", "INFO_UNICODE",
            "INFO_LOGONNOTIFY", "INFO_LOGONERRORS", "INFO_PASSWORD_IS_SC_PIN"};
        int[] values = {INFO_MOUSE, INFO_DISABLECTRLALTDEL, INFO_AUTOLOGON, INFO_UNICODE, INFO_LOGONNOTIFY,
            INFO_LOGONERRORS, INFO_PASSWORD_IS_SC_PIN};
        for (int i = 0; i < names.length; i++) {
            if ((flags & values[i]) != 0) {
                b.append(b.length() == 0 ? "" : "|").append(names[i]);
            }
        }
        return b.toString();
    }
}
