package dev.scbridge.pcsc.nativ;

import dev.scbridge.pcsc.Scard;
import dev.scbridge.pcsc.ScardError;
import dev.scbridge.pcsc.ScardException;

/**
 * Translation between pcsc-lite's numbering and Windows' (the model's, MS-RDPESC 2.2.8 / 2.2.4 / 2.2.5), from
 * pcsc-lite's pcsclite.h: SCARD_E_UNSUPPORTED_FEATURE is 0x8010001F there (the value Windows gives
 * SCARD_E_UNEXPECTED) and 0x80100022 on Windows; card states are a bitmask with the event counter in the high
 * word; SCARD_PROTOCOL_RAW is 4 (Windows 0x10000).
 */
final class NativeErrors {
    /** pcsc-lite's SCARD_E_UNSUPPORTED_FEATURE (= its SCARD_E_UNEXPECTED). */
    static final int PCSCLITE_UNSUPPORTED_FEATURE = 0x8010001F;
    /** pcsc-lite's SCARD_PROTOCOL_RAW. */
    static final int PCSCLITE_PROTOCOL_RAW = 0x4;
    /** pcsc-lite card-state bits, SCARD_UNKNOWN (0x1) .. SCARD_SPECIFIC (0x40), in the Windows order. */
    private static final int[] PCSCLITE_CARD_STATE_BITS = {0x1, 0x2, 0x4, 0x8, 0x10, 0x20, 0x40};

    private NativeErrors() {
    }

    /**
     * Throws for a non-zero return code.
     *
     * @param featureCall true for Control/GetAttrib/SetAttrib, where pcsc-lite's 0x8010001F means "unsupported
     *                    feature"
     */
    static void check(NativeLayout layout, int rv, String function, boolean featureCall) throws ScardException {
        if (rv != ScardError.S_SUCCESS.code()) {
            throw new ScardException(toWindows(layout, rv, featureCall), function);
        }
    }

    static int toWindows(NativeLayout layout, int rv, boolean featureCall) {
        if (layout.pcscLite() && featureCall && rv == PCSCLITE_UNSUPPORTED_FEATURE) {
            return ScardError.E_UNSUPPORTED_FEATURE.code();
        }
        return rv;
    }

    /**
     * pcsc-lite SCardStatus dwState (bitmask + counter) to the Windows enumeration (MS-RDPESC 2.2.4). pcsc-lite
     * keeps reporting SCARD_NEGOTIABLE after a protocol was set; with an active protocol that is Windows'
     * SCARD_SPECIFIC (as FreeRDP's PCSC_ConvertCardStateToWinSCard maps it).
     */
    static int cardStateToWindows(NativeLayout layout, long state, int activeProtocol) {
        int windows = cardStateToWindows(layout, state);
        if (layout.pcscLite() && windows == Scard.CARD_NEGOTIABLE && activeProtocol != Scard.PROTOCOL_UNDEFINED) {
            return Scard.CARD_SPECIFIC;
        }
        return windows;
    }

    /** pcsc-lite SCardStatus dwState (bitmask + counter) to the Windows enumeration, bit by bit. */
    static int cardStateToWindows(NativeLayout layout, long state) {
        if (!layout.pcscLite()) {
            return (int) state;
        }
        int bits = (int) (state & 0xFFFF);
        int result = Scard.CARD_UNKNOWN;
        for (int i = 0; i < PCSCLITE_CARD_STATE_BITS.length; i++) {
            if ((bits & PCSCLITE_CARD_STATE_BITS[i]) != 0) {
                result = i;
            }
        }
        return result;
    }

    /** Model protocol mask to the library's. */
    static int protocolToNative(NativeLayout layout, int protocols) {
        if (!layout.pcscLite()) {
            return protocols;
        }
        int p = protocols & (Scard.PROTOCOL_T0 | Scard.PROTOCOL_T1);
        if ((protocols & Scard.PROTOCOL_RAW) != 0) {
            p |= PCSCLITE_PROTOCOL_RAW;
        }
        if ((protocols & Scard.PROTOCOL_DEFAULT) != 0) {
            p |= Scard.PROTOCOL_T0 | Scard.PROTOCOL_T1; // pcsc-lite has no DEFAULT; SCARD_PROTOCOL_ANY
        }
        return p;
    }

    /** The library's protocol to the model's. */
    static int protocolFromNative(NativeLayout layout, long protocol) {
        int p = (int) protocol;
        if (!layout.pcscLite()) {
            return p;
        }
        int result = p & (Scard.PROTOCOL_T0 | Scard.PROTOCOL_T1);
        if ((p & PCSCLITE_PROTOCOL_RAW) != 0) {
            result |= Scard.PROTOCOL_RAW;
        }
        return result;
    }
}
