package dev.scbridge.rdp.esc;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The smart-card IOCTLs of MS-RDPESC 3.1.4: IoControlCode = {@code 0x00090000 | function << 2}
 * (FILE_DEVICE_FILE_SYSTEM, METHOD_BUFFERED). Names follow MS-RDPESC ({@code "ListReadersW"}); {@link #wide()}
 * tells whether strings are UTF-16LE (W) or 8-bit (A).
 */
public enum Ioctl {
    ESTABLISH_CONTEXT(5, "EstablishContext"),
    RELEASE_CONTEXT(6, "ReleaseContext"),
    IS_VALID_CONTEXT(7, "IsValidContext"),
    LIST_READER_GROUPS_A(8, "ListReaderGroupsA"),
    LIST_READER_GROUPS_W(9, "ListReaderGroupsW"),
    LIST_READERS_A(10, "ListReadersA"),
    LIST_READERS_W(11, "ListReadersW"),
    INTRODUCE_READER_GROUP_A(20, "IntroduceReaderGroupA"),
    INTRODUCE_READER_GROUP_W(21, "IntroduceReaderGroupW"),
    FORGET_READER_GROUP_A(22, "ForgetReaderGroupA"),
    FORGET_READER_GROUP_W(23, "ForgetReaderGroupW"),
    INTRODUCE_READER_A(24, "IntroduceReaderA"),
    INTRODUCE_READER_W(25, "IntroduceReaderW"),
    FORGET_READER_A(26, "ForgetReaderA"),
    FORGET_READER_W(27, "ForgetReaderW"),
    ADD_READER_TO_GROUP_A(28, "AddReaderToGroupA"),
    ADD_READER_TO_GROUP_W(29, "AddReaderToGroupW"),
    REMOVE_READER_FROM_GROUP_A(30, "RemoveReaderFromGroupA"),
    REMOVE_READER_FROM_GROUP_W(31, "RemoveReaderFromGroupW"),
    LOCATE_CARDS_A(38, "LocateCardsA"),
    LOCATE_CARDS_W(39, "LocateCardsW"),
    GET_STATUS_CHANGE_A(40, "GetStatusChangeA"),
    GET_STATUS_CHANGE_W(41, "GetStatusChangeW"),
    CANCEL(42, "Cancel"),
    CONNECT_A(43, "ConnectA"),
    CONNECT_W(44, "ConnectW"),
    RECONNECT(45, "Reconnect"),
    DISCONNECT(46, "Disconnect"),
    BEGIN_TRANSACTION(47, "BeginTransaction"),
    END_TRANSACTION(48, "EndTransaction"),
    STATE(49, "State"),
    STATUS_A(50, "StatusA"),
    STATUS_W(51, "StatusW"),
    TRANSMIT(52, "Transmit"),
    CONTROL(53, "Control"),
    GET_ATTRIB(54, "GetAttrib"),
    SET_ATTRIB(55, "SetAttrib"),
    ACCESS_STARTED_EVENT(56, "AccessStartedEvent"),
    RELEASE_STARTED_EVENT(57, "ReleaseStartedEvent"),
    LOCATE_CARDS_BY_ATR_A(58, "LocateCardsByATRA"),
    LOCATE_CARDS_BY_ATR_W(59, "LocateCardsByATRW"),
    READ_CACHE_A(60, "ReadCacheA"),
    READ_CACHE_W(61, "ReadCacheW"),
    WRITE_CACHE_A(62, "WriteCacheA"),
    WRITE_CACHE_W(63, "WriteCacheW"),
    GET_TRANSMIT_COUNT(64, "GetTransmitCount"),
    GET_READER_ICON(65, "GetReaderIcon"),
    GET_DEVICE_TYPE_ID(66, "GetDeviceTypeId");

    /** FILE_DEVICE_FILE_SYSTEM (9) << 16: the device type bits of every MS-RDPESC IoControlCode. */
    private static final int DEVICE_BITS = 0x0009_0000;
    private static final Map<Integer, Ioctl> BY_CODE = new HashMap<>();
    private static final Map<String, Ioctl> BY_NAME = new HashMap<>();

    static {
        for (Ioctl i : values()) {
            BY_CODE.put(i.code, i);
            BY_NAME.put(i.specName.toLowerCase(Locale.ROOT), i);
        }
    }

    private final int function;
    private final int code;
    private final String specName;

    Ioctl(int function, String specName) {
        this.function = function;
        this.code = DEVICE_BITS | function << 2;
        this.specName = specName;
    }

    /** The IoControlCode in a DR_CONTROL_REQ. */
    public int code() {
        return code;
    }

    /** The function number (MS-RDPESC 3.1.4 table). */
    public int function() {
        return function;
    }

    /** The MS-RDPESC name, e.g. {@code "GetStatusChangeW"}. */
    public String specName() {
        return specName;
    }

    /** The constant name, e.g. {@code "SCARD_IOCTL_GETSTATUSCHANGEW"}. */
    public String constantName() {
        return "SCARD_IOCTL_" + specName.toUpperCase(Locale.ROOT);
    }

    /** True for the W variants, whose strings are UTF-16LE. */
    public boolean wide() {
        return specName.endsWith("W") && this != RELEASE_STARTED_EVENT;
    }

    /** The IOCTL with this IoControlCode, if MS-RDPESC defines it. */
    public static Optional<Ioctl> fromCode(int code) {
        return Optional.ofNullable(BY_CODE.get(code));
    }

    /** The IOCTL with this MS-RDPESC name, case-insensitively ({@code "LISTREADERSW"} = {@code "ListReadersW"}). */
    public static Optional<Ioctl> fromName(String name) {
        return Optional.ofNullable(BY_NAME.get(name.toLowerCase(Locale.ROOT)));
    }
}
