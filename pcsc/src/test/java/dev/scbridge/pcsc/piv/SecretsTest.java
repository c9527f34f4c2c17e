package dev.scbridge.pcsc.piv;

import dev.scbridge.apdu.piv.PivAlgorithm;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** PINs and management keys never print and can be wiped. */
class SecretsTest {
    @Test
    void pin_toStringIsRedacted_andPaddedWithFF() {
        Pin pin = Pin.of("123456");
        assertThat(pin.toString()).doesNotContain("123456").isEqualTo("Pin[redacted]");
        assertThat(dev.scbridge.apdu.Hex.plain(pin.padded())).isEqualTo("313233343536FFFF");
    }

    @Test
    void pin_destroyed_cannotBeUsed() {
        Pin pin = Pin.of("123456".toCharArray());
        pin.destroy();
        assertThat(pin.isDestroyed()).isTrue();
        assertThatThrownBy(pin::padded).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void pin_overEightBytes_isRefusedWithoutEchoingIt() {
        assertThatThrownBy(() -> Pin.of("123456789")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("123456789");
        assertThatThrownBy(() -> Pin.of("")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void managementKey_toStringIsRedacted() {
        ManagementKey k = ManagementKey.defaultKey(PivAlgorithm.TDES);
        assertThat(k.toString()).isEqualTo("ManagementKey[TDES, redacted]");
        k.destroy();
        assertThatThrownBy(k::bytes).isInstanceOf(IllegalStateException.class);
    }
}
