package dev.scbridge.pcsc.nativ;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SCARD_READERSTATE / SCARD_IO_REQUEST layouts per platform. Expected numbers are the C compilers' for the
 * declarations in pcsc-lite's pcsclite.h / wintypes.h (Linux: DWORD = unsigned long, rgbAtr[33]), winscard.h
 * (DWORD 32 bits, rgbAtr[36]) and macOS PCSC.framework (uint32_t DWORD, int32_t handles, #pragma pack(1)).
 */
class NativeLayoutTest {
    @Test
    void linux64() {
        NativeLayout l = NativeLayout.linux(8);
        assertOffsets(l, 0, 8, 16, 24, 32, 40);
        assertThat(l.readerStateSize()).isEqualTo(80); // 40 + 33 = 73, padded to 8
        assertThat(l.ioRequestSize()).isEqualTo(16);
        assertThat(l.handleSize()).isEqualTo(8);
    }

    @Test
    void linux32() {
        NativeLayout l = NativeLayout.linux(4);
        assertOffsets(l, 0, 4, 8, 12, 16, 20);
        assertThat(l.readerStateSize()).isEqualTo(56); // 20 + 33 = 53, padded to 4
        assertThat(l.ioRequestSize()).isEqualTo(8);
    }

    @Test
    void windows64() {
        NativeLayout l = NativeLayout.windows(8);
        assertOffsets(l, 0, 8, 16, 20, 24, 28);
        assertThat(l.readerStateSize()).isEqualTo(64); // 28 + 36 = 64
        assertThat(l.ioRequestSize()).isEqualTo(8);
        assertThat(l.handleSize()).isEqualTo(8); // ULONG_PTR
        assertThat(l.wide()).isTrue();
    }

    @Test
    void windows32() {
        NativeLayout l = NativeLayout.windows(4);
        assertOffsets(l, 0, 4, 8, 12, 16, 20);
        assertThat(l.readerStateSize()).isEqualTo(56);
    }

    @Test
    void macos64_packed() {
        NativeLayout l = NativeLayout.macos(8);
        assertOffsets(l, 0, 8, 16, 20, 24, 28);
        assertThat(l.readerStateSize()).isEqualTo(61); // pack(1): 28 + 33, no tail padding
        assertThat(l.ioRequestSize()).isEqualTo(8);
        assertThat(l.handleSize()).isEqualTo(4);
    }

    @Test
    void current_matchesThisJvm() {
        NativeLayout l = NativeLayout.current();
        assertThat(l.pointerSize()).isEqualTo(com.sun.jna.Native.POINTER_SIZE);
        if (com.sun.jna.Platform.isLinux()) {
            assertThat(l.dwordSize()).isEqualTo(com.sun.jna.Native.LONG_SIZE);
        }
    }

    private static void assertOffsets(NativeLayout l, int reader, int user, int cur, int evt, int atrLen, int atr) {
        assertThat(new int[] {l.readerOffset(), l.userDataOffset(), l.currentStateOffset(), l.eventStateOffset(),
                l.atrLengthOffset(), l.atrOffset()}).containsExactly(reader, user, cur, evt, atrLen, atr);
    }
}
