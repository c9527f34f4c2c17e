package dev.scbridge.rdp.scard;

import dev.scbridge.pcsc.CardStatus;
import dev.scbridge.pcsc.Scard;
import dev.scbridge.pcsc.ScardError;
import dev.scbridge.pcsc.ScardException;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Set;

/**
 * The service's own SCardGetAttrib answers (MS-RDPESC 3.1.4, SCARD_IOCTL_GETATTRIB; ids and formats: facts/rdp.md
 * sec. 4), used when the backend does not answer an attribute Windows is known to ask. DWORDs are 4 bytes
 * little-endian; VENDOR_NAME, VENDOR_IFD_TYPE and VENDOR_IFD_SERIAL_NO carry no trailing NUL (WinSCard);
 * *_A names are ASCII and *_W names UTF-16LE, both NUL-terminated.
 */
final class FallbackAttributes {
    /** The attributes answered here. */
    static final Set<Integer> IDS = Set.of(Scard.ATTR_ATR_STRING, Scard.ATTR_VENDOR_NAME, Scard.ATTR_VENDOR_IFD_TYPE,
            Scard.ATTR_VENDOR_IFD_VERSION, Scard.ATTR_VENDOR_IFD_SERIAL_NO, Scard.ATTR_CHANNEL_ID,
            Scard.ATTR_PROTOCOL_TYPES, Scard.ATTR_CURRENT_PROTOCOL_TYPE, Scard.ATTR_ICC_PRESENCE,
            Scard.ATTR_ICC_TYPE_PER_ATR, Scard.ATTR_DEVICE_UNIT, Scard.ATTR_DEVICE_IN_USE,
            Scard.ATTR_DEVICE_FRIENDLY_NAME_A, Scard.ATTR_DEVICE_FRIENDLY_NAME_W, Scard.ATTR_DEVICE_SYSTEM_NAME_A,
            Scard.ATTR_DEVICE_SYSTEM_NAME_W);
    /** ICC_PRESENCE: 0 absent, 1 present, 2 swallowed (SCardGetAttrib documentation). */
    private static final byte ICC_ABSENT = 0;
    private static final byte ICC_PRESENT = 1;
    private static final byte ICC_SWALLOWED = 2;
    /** ICC_TYPE_PER_ATR 1: ISO/IEC 7816 asynchronous card. */
    private static final byte ICC_TYPE_7816_ASYNC = 1;

    private FallbackAttributes() {
    }

    /**
     * @param friendlyName the name the caller connected with (an introduced name or the reader's)
     * @param systemName   the backend reader
     * @param unit         the reader's position among the session's exposed readers
     */
    static byte[] get(int id, CardStatus status, String friendlyName, String systemName, int unit,
                      ScardOptions options) throws ScardException {
        return switch (id) {
            case Scard.ATTR_ATR_STRING -> {
                if (status.atr().length == 0) {
                    throw new ScardException(ScardError.E_NO_SMARTCARD, systemName);
                }
                yield status.atr();
            }
            case Scard.ATTR_VENDOR_NAME -> ascii(options.vendorName(), false);
            case Scard.ATTR_VENDOR_IFD_TYPE -> ascii(options.ifdType(), false);
            case Scard.ATTR_VENDOR_IFD_VERSION -> dword(options.ifdVersion());
            case Scard.ATTR_VENDOR_IFD_SERIAL_NO -> ascii(options.ifdSerial(), false);
            // channel type << 16 | channel number (FreeRDP PCSC_SCardGetAttrib: USB 0x20 -> 0x00200000)
            case Scard.ATTR_CHANNEL_ID -> dword(options.deviceTypeId() << 16 | (unit & 0xFFFF));
            case Scard.ATTR_PROTOCOL_TYPES -> dword(options.supportedProtocols());
            case Scard.ATTR_CURRENT_PROTOCOL_TYPE -> dword(status.protocol());
            case Scard.ATTR_ICC_PRESENCE -> new byte[] {status.state() == Scard.CARD_SWALLOWED ? ICC_SWALLOWED
                    : status.state() >= Scard.CARD_PRESENT ? ICC_PRESENT : ICC_ABSENT};
            case Scard.ATTR_ICC_TYPE_PER_ATR -> new byte[] {ICC_TYPE_7816_ASYNC};
            case Scard.ATTR_DEVICE_UNIT -> dword(unit);
            case Scard.ATTR_DEVICE_IN_USE -> dword(1); // asked through a handle: in use by that handle
            case Scard.ATTR_DEVICE_FRIENDLY_NAME_A -> ascii(friendlyName, true);
            case Scard.ATTR_DEVICE_SYSTEM_NAME_A -> ascii(systemName, true);
            case Scard.ATTR_DEVICE_FRIENDLY_NAME_W -> utf16(friendlyName);
            case Scard.ATTR_DEVICE_SYSTEM_NAME_W -> utf16(systemName);
            default -> throw new ScardException(ScardError.E_UNSUPPORTED_FEATURE, String.format("attribute 0x%08X", id));
        };
    }

    static byte[] dword(int value) {
        return ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(value).array();
    }

    private static byte[] ascii(String s, boolean nul) {
        byte[] b = s.getBytes(StandardCharsets.US_ASCII);
        return nul ? Arrays.copyOf(b, b.length + 1) : b;
    }

    private static byte[] utf16(String s) {
        return (s + "\0").getBytes(StandardCharsets.UTF_16LE);
    }
}
