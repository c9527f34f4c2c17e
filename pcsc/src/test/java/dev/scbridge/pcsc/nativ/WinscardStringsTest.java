package dev.scbridge.pcsc.nativ;

import com.sun.jna.Memory;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Multi-strings (mszReaders) in both encodings, without loading any PC/SC library. */
class WinscardStringsTest {
    @Test
    void multiString_roundTrip_utf8AndUtf16() {
        for (NativeLayout layout : List.of(NativeLayout.linux(8), NativeLayout.windows(8))) {
            Winscard w = Winscard.withoutLibrary(layout);
            List<String> names = List.of("Virtual PCD 00 00", "Yubico YubiKey OTP+FIDO+CCID 01 00");
            Memory m = w.multiString(names);
            long chars = m.size() / w.charSize();
            assertThat(w.parseMultiString(m, chars)).isEqualTo(names);
        }
    }

    @Test
    void dwordBoxing_perLayout() {
        assertThat(Winscard.withoutLibrary(NativeLayout.linux(8)).dword(0xFFFFFFFFL))
                .isEqualTo(new com.sun.jna.NativeLong(0xFFFFFFFFL));
        assertThat(Winscard.withoutLibrary(NativeLayout.windows(8)).dword(0xFFFFFFFFL)).isEqualTo(-1);
        assertThat(Winscard.withoutLibrary(NativeLayout.windows(8)).handle(5L)).isEqualTo(5L);
        assertThat(Winscard.withoutLibrary(NativeLayout.macos(8)).handle(5L)).isEqualTo(5);
    }
}
