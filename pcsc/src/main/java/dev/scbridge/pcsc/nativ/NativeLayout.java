package dev.scbridge.pcsc.nativ;

import com.sun.jna.Platform;

/**
 * How one platform's PC/SC library lays out its types (winscard.h; pcsc-lite wintypes.h and pcsclite.h;
 * macOS PCSC.framework headers). The same binding code serves all three by reading sizes and offsets from here:
 *
 * <pre>
 *                       DWORD  SCARDCONTEXT/HANDLE  rgbAtr  packing  SCARD_READERSTATE  SCARD_IO_REQUEST
 * Linux pcsc-lite 64    8      8 (long)             33      natural  80                 16
 * Linux pcsc-lite 32    4      4                    33      natural  56                 8
 * Windows 64            4      8 (ULONG_PTR)        36      natural  64                 8
 * Windows 32            4      4                    36      natural  56                 8
 * macOS PCSC.framework  4      4 (int32_t)          33      pack(1)  61 (64-bit)        8
 * </pre>
 *
 * SCARD_READERSTATE = { szReader: char*, pvUserData: void*, dwCurrentState, dwEventState, cbAtr: DWORD,
 * rgbAtr: BYTE[n] }; SCARD_IO_REQUEST = { dwProtocol, cbPciLength: DWORD }.
 *
 * @param name          for messages
 * @param pointerSize   bytes in a pointer
 * @param dwordSize     bytes in a DWORD ({@code unsigned long} on Linux pcsc-lite, 32 bits elsewhere)
 * @param handleSize    bytes in SCARDCONTEXT / SCARDHANDLE
 * @param atrBufferSize length of rgbAtr in SCARD_READERSTATE (MAX_ATR_SIZE 33 in pcsc-lite, 36 on Windows)
 * @param packed        {@code #pragma pack(1)} around the structures (macOS)
 * @param wide          call the {@code W} (UTF-16) entry points (Windows); else the unsuffixed / UTF-8 ones
 * @param pcscLite      pcsc-lite numbering (card-state bitmask, RAW = 4, some error codes) to translate
 */
public record NativeLayout(String name, int pointerSize, int dwordSize, int handleSize, int atrBufferSize,
                           boolean packed, boolean wide, boolean pcscLite) {

    /** pcsc-lite's MAX_ATR_SIZE. */
    public static final int PCSCLITE_ATR_BUFFER = 33;
    /** Windows' rgbAtr[36]. */
    public static final int WINDOWS_ATR_BUFFER = 36;

    public static NativeLayout linux(int pointerSize) {
        return new NativeLayout("Linux pcsc-lite", pointerSize, pointerSize, pointerSize, PCSCLITE_ATR_BUFFER,
                false, false, true);
    }

    public static NativeLayout windows(int pointerSize) {
        return new NativeLayout("Windows winscard", pointerSize, 4, pointerSize, WINDOWS_ATR_BUFFER, false, true, false);
    }

    public static NativeLayout macos(int pointerSize) {
        return new NativeLayout("macOS PCSC.framework", pointerSize, 4, 4, PCSCLITE_ATR_BUFFER, true, false, true);
    }

    /** The layout of the platform this JVM runs on. */
    public static NativeLayout current() {
        int ptr = com.sun.jna.Native.POINTER_SIZE;
        if (Platform.isWindows()) {
            return windows(ptr);
        }
        if (Platform.isMac()) {
            return macos(ptr);
        }
        return linux(ptr);
    }

    /** Offset of szReader in SCARD_READERSTATE. */
    public int readerOffset() {
        return 0;
    }

    public int userDataOffset() {
        return align(pointerSize, pointerSize);
    }

    public int currentStateOffset() {
        return align(userDataOffset() + pointerSize, dwordSize);
    }

    public int eventStateOffset() {
        return align(currentStateOffset() + dwordSize, dwordSize);
    }

    public int atrLengthOffset() {
        return align(eventStateOffset() + dwordSize, dwordSize);
    }

    public int atrOffset() {
        return atrLengthOffset() + dwordSize;
    }

    /** sizeof(SCARD_READERSTATE): padded to the largest member's alignment unless packed. */
    public int readerStateSize() {
        int end = atrOffset() + atrBufferSize;
        return packed ? end : align(end, Math.max(pointerSize, dwordSize));
    }

    /** sizeof(SCARD_IO_REQUEST). */
    public int ioRequestSize() {
        return 2 * dwordSize;
    }

    private int align(int offset, int alignment) {
        if (packed) {
            return offset;
        }
        return (offset + alignment - 1) / alignment * alignment;
    }
}
