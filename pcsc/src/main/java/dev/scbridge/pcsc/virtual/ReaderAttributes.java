package dev.scbridge.pcsc.virtual;

import dev.scbridge.pcsc.Scard;
import dev.scbridge.pcsc.ScardError;
import dev.scbridge.pcsc.ScardException;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * SCardGetAttrib answers of a virtual reader (ids: winscard.h / pcsc-lite reader.h; value formats: Microsoft's
 * SCardGetAttrib documentation). DWORD values are 4 bytes little-endian; VENDOR_NAME and VENDOR_IFD_TYPE have no
 * trailing NUL, as WinSCard returns them (facts/rdp.md sec. 4); *_NAME_A / *_NAME_W are NUL-terminated.
 */
final class ReaderAttributes {
    static final String VENDOR_NAME = "scbridge";
    static final String IFD_TYPE = "Virtual PIV Reader";
    /** 0xMMmmbbbb: version 1.0, build 0. */
    static final int IFD_VERSION = 0x01000000;
    /** ICC_PRESENCE values: 0 not present, 1 present (not swallowed). */
    static final byte ICC_ABSENT = 0;
    static final byte ICC_PRESENT = 1;
    /** ICC_TYPE_PER_ATR: 1 = ISO/IEC 7816 asynchronous. */
    static final byte ICC_TYPE_7816_ASYNC = 1;

    private ReaderAttributes() {
    }

    static byte[] get(VirtualReader reader, int protocol, int attributeId) throws ScardException {
        return switch (attributeId) {
            case Scard.ATTR_VENDOR_NAME -> ascii(VENDOR_NAME, false);
            case Scard.ATTR_VENDOR_IFD_TYPE -> ascii(IFD_TYPE, false);
            case Scard.ATTR_VENDOR_IFD_VERSION -> dword(IFD_VERSION);
            case Scard.ATTR_CHANNEL_ID -> dword(Scard.READER_TYPE_VENDOR << 16 | reader.index);
            case Scard.ATTR_PROTOCOL_TYPES -> dword(VirtualReader.SUPPORTED_PROTOCOLS);
            case Scard.ATTR_CURRENT_PROTOCOL_TYPE -> dword(protocol);
            case Scard.ATTR_ICC_PRESENCE -> new byte[] {reader.hasCard() ? ICC_PRESENT : ICC_ABSENT};
            case Scard.ATTR_ICC_TYPE_PER_ATR -> new byte[] {ICC_TYPE_7816_ASYNC};
            case Scard.ATTR_ATR_STRING -> {
                if (!reader.hasCard()) {
                    throw new ScardException(ScardError.E_NO_SMARTCARD, reader.name);
                }
                yield reader.atr();
            }
            case Scard.ATTR_DEVICE_UNIT -> dword(reader.index);
            case Scard.ATTR_DEVICE_IN_USE -> dword(reader.handles.isEmpty() ? 0 : 1);
            case Scard.ATTR_DEVICE_FRIENDLY_NAME_A, Scard.ATTR_DEVICE_SYSTEM_NAME_A -> ascii(reader.name, true);
            case Scard.ATTR_DEVICE_FRIENDLY_NAME_W, Scard.ATTR_DEVICE_SYSTEM_NAME_W -> utf16(reader.name);
            default -> throw new ScardException(ScardError.E_UNSUPPORTED_FEATURE, String.format("attribute 0x%08X", attributeId));
        };
    }

    static byte[] dword(int value) {
        return ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(value).array();
    }

    private static byte[] ascii(String s, boolean nul) {
        byte[] b = s.getBytes(StandardCharsets.US_ASCII);
        return nul ? java.util.Arrays.copyOf(b, b.length + 1) : b;
    }

    private static byte[] utf16(String s) {
        return (s + "\0").getBytes(StandardCharsets.UTF_16LE);
    }
}
