package dev.scbridge.rdp.efs;

import dev.scbridge.apdu.DecodeException;

/**
 * RDPDR_HEADER PacketId (MS-RDPEFS 2.2.1.1). {@link #CLIENTID_CONFIRM} is used in both directions
 * (Client Announce Reply and Server Client ID Confirm), which is why decoding needs a {@link Direction}.
 */
public enum PacketId {
    SERVER_ANNOUNCE(Component.CORE, 0x496E),
    CLIENTID_CONFIRM(Component.CORE, 0x4343),
    CLIENT_NAME(Component.CORE, 0x434E),
    DEVICELIST_ANNOUNCE(Component.CORE, 0x4441),
    DEVICE_REPLY(Component.CORE, 0x6472),
    DEVICE_IOREQUEST(Component.CORE, 0x4952),
    DEVICE_IOCOMPLETION(Component.CORE, 0x4943),
    SERVER_CAPABILITY(Component.CORE, 0x5350),
    CLIENT_CAPABILITY(Component.CORE, 0x4350),
    DEVICELIST_REMOVE(Component.CORE, 0x444D),
    USER_LOGGEDON(Component.CORE, 0x554C),
    PRN_CACHE_DATA(Component.PRN, 0x5043),
    PRN_USING_XPS(Component.PRN, 0x5543);

    private final Component component;
    private final int code;

    PacketId(Component component, int code) {
        this.component = component;
        this.code = code;
    }

    public Component component() {
        return component;
    }

    public int code() {
        return code;
    }

    /** @throws DecodeException if {@code code} is not a PacketId of {@code component} */
    public static PacketId fromCode(Component component, int code, int offset) throws DecodeException {
        for (PacketId p : values()) {
            if (p.component == component && p.code == code) {
                return p;
            }
        }
        throw new DecodeException("PacketId", String.format("unknown packet id 0x%04X for %s", code, component), offset);
    }
}
