package dev.scbridge.pcsc;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The WinSCard return codes with Windows' numeric values, as MS-RDPESC 2.2.8 carries them (the high word
 * {@code 0x8010}, by suffix). pcsc-lite differs in a few values (for example it gives
 * {@code SCARD_E_UNSUPPORTED_FEATURE} the value {@code 0x8010001F}, Windows' {@code SCARD_E_UNEXPECTED});
 * {@code dev.scbridge.pcsc.nativ.NativePcsc} translates those, so the model only ever holds Windows values.
 */
public enum ScardError {
    S_SUCCESS(0x00000000, "success"),
    F_INTERNAL_ERROR(0x80100001, "the resource manager failed an internal check"),
    E_CANCELLED(0x80100002, "the wait was ended by SCardCancel"),
    E_INVALID_HANDLE(0x80100003, "the context or card handle is not valid (released, or from another context)"),
    E_INVALID_PARAMETER(0x80100004, "a parameter of the call cannot be used"),
    E_INVALID_TARGET(0x80100005, "the resource manager's start-up configuration is missing or broken"),
    E_NO_MEMORY(0x80100006, "out of memory, or a per-context limit was reached"),
    F_WAITED_TOO_LONG(0x80100007, "an internal timer of the resource manager ran out"),
    E_INSUFFICIENT_BUFFER(0x80100008, "the caller's buffer is too small for the answer"),
    E_UNKNOWN_READER(0x80100009, "no reader has that name"),
    E_TIMEOUT(0x8010000A, "nothing changed before the timeout"),
    E_SHARING_VIOLATION(0x8010000B, "another connection holds the card (exclusive access or a transaction)"),
    E_NO_SMARTCARD(0x8010000C, "there is no card in the reader"),
    E_UNKNOWN_CARD(0x8010000D, "the card name is not known"),
    E_CANT_DISPOSE(0x8010000E, "the card could not be left in the requested state"),
    E_PROTO_MISMATCH(0x8010000F, "the card does not speak the requested protocol"),
    E_NOT_READY(0x80100010, "the reader or card is not ready for commands"),
    E_INVALID_VALUE(0x80100011, "a parameter value is out of range"),
    E_SYSTEM_CANCELLED(0x80100012, "the system cancelled the call (log-off or shut-down)"),
    F_COMM_ERROR(0x80100013, "communication inside the resource manager failed"),
    F_UNKNOWN_ERROR(0x80100014, "an internal failure of unknown origin"),
    E_INVALID_ATR(0x80100015, "a configured ATR is malformed"),
    E_NOT_TRANSACTED(0x80100016, "no transaction is open to end"),
    E_READER_UNAVAILABLE(0x80100017, "the reader is not available now"),
    P_SHUTDOWN(0x80100018, "the call was stopped so the resource manager can exit"),
    E_PCI_TOO_SMALL(0x80100019, "the protocol control information buffer is too small"),
    E_READER_UNSUPPORTED(0x8010001A, "the reader driver lacks required functions"),
    E_DUPLICATE_READER(0x8010001B, "two readers got the same name"),
    E_CARD_UNSUPPORTED(0x8010001C, "the card lacks required functions"),
    E_NO_SERVICE(0x8010001D, "the smart-card service (pcscd) is not running"),
    E_SERVICE_STOPPED(0x8010001E, "the smart-card service stopped"),
    E_UNEXPECTED(0x8010001F, "the card failed unexpectedly"),
    E_ICC_INSTALLATION(0x80100020, "no provider is installed for this card"),
    E_ICC_CREATEORDER(0x80100021, "the object creation order is not supported"),
    E_UNSUPPORTED_FEATURE(0x80100022, "the reader or card does not offer this function"),
    E_DIR_NOT_FOUND(0x80100023, "the directory is not on the card"),
    E_FILE_NOT_FOUND(0x80100024, "the file is not on the card"),
    E_NO_DIR(0x80100025, "the path is not a directory on the card"),
    E_NO_FILE(0x80100026, "the path is not a file on the card"),
    E_NO_ACCESS(0x80100027, "access to the file is refused"),
    E_WRITE_TOO_MANY(0x80100028, "the data does not fit the object"),
    E_BAD_SEEK(0x80100029, "the file position could not be set"),
    E_INVALID_CHV(0x8010002A, "the PIN is wrong"),
    E_UNKNOWN_RES_MSG(0x8010002B, "a lower layer returned an unknown code"),
    E_NO_SUCH_CERTIFICATE(0x8010002C, "the certificate is not on the card"),
    E_CERTIFICATE_UNAVAILABLE(0x8010002D, "the certificate could not be read"),
    E_NO_READERS_AVAILABLE(0x8010002E, "there is no reader"),
    E_COMM_DATA_LOST(0x8010002F, "data was lost talking to the card"),
    E_NO_KEY_CONTAINER(0x80100030, "the key container is not on the card"),
    E_SERVER_TOO_BUSY(0x80100031, "the resource manager is too busy"),
    E_PIN_CACHE_EXPIRED(0x80100032, "the cached PIN has expired"),
    E_NO_PIN_CACHE(0x80100033, "the PIN cannot be cached"),
    E_READ_ONLY_CARD(0x80100034, "the card cannot be written"),
    W_UNSUPPORTED_CARD(0x80100065, "the reader cannot talk to the card (ATR conflict)"),
    W_UNRESPONSIVE_CARD(0x80100066, "the card does not answer a reset"),
    W_UNPOWERED_CARD(0x80100067, "the card has no power"),
    W_RESET_CARD(0x80100068, "the card was reset: its security state is gone, reconnect"),
    W_REMOVED_CARD(0x80100069, "the card was removed"),
    W_SECURITY_VIOLATION(0x8010006A, "access refused for security reasons"),
    W_WRONG_CHV(0x8010006B, "access refused: wrong PIN"),
    W_CHV_BLOCKED(0x8010006C, "access refused: the PIN is blocked"),
    W_EOF(0x8010006D, "end of the card file"),
    W_CANCELLED_BY_USER(0x8010006E, "the user cancelled the card selection"),
    W_CARD_NOT_AUTHENTICATED(0x8010006F, "no PIN was given to the card"),
    W_CACHE_ITEM_NOT_FOUND(0x80100070, "the item is not in the cache"),
    W_CACHE_ITEM_STALE(0x80100071, "the cached item is out of date and was dropped"),
    W_CACHE_ITEM_TOO_BIG(0x80100072, "the item is larger than the cache allows per item");

    private static final Map<Integer, ScardError> BY_CODE = new HashMap<>();

    static {
        for (ScardError e : values()) {
            BY_CODE.put(e.code, e);
        }
    }

    private final int code;
    private final String meaning;

    ScardError(int code, String meaning) {
        this.code = code;
        this.meaning = meaning;
    }

    /** The Windows value (MS-RDPESC 2.2.8). */
    public int code() {
        return code;
    }

    /** The constant's name as WinSCard spells it, e.g. {@code SCARD_E_TIMEOUT}. */
    public String scardName() {
        return "SCARD_" + name();
    }

    /** What the code means, in a few words of our own (lower case, no final stop). */
    public String meaning() {
        return meaning;
    }

    /** The error with this Windows value, if it is one WinSCard defines. */
    public static Optional<ScardError> fromCode(int code) {
        return Optional.ofNullable(BY_CODE.get(code));
    }
}
