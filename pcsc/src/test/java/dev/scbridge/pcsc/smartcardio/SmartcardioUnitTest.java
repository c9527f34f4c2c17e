package dev.scbridge.pcsc.smartcardio;

import dev.scbridge.pcsc.Scard;
import dev.scbridge.pcsc.ScardError;
import dev.scbridge.pcsc.ScardException;
import org.junit.jupiter.api.Test;

import javax.smartcardio.CardException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SmartcardioUnitTest {
    @Test
    void errors_recoveredFromProviderMessages() {
        // SunPCSC wraps sun.security.smartcardio.PCSCException("SCARD_E_NO_READERS_AVAILABLE")
        CardException e = new CardException("list() failed", new Exception("SCARD_E_NO_READERS_AVAILABLE"));
        assertThat(SmartcardioErrors.translate(e).is(ScardError.E_NO_READERS_AVAILABLE)).isTrue();
        assertThat(SmartcardioErrors.translate(new CardException("SCARD_W_REMOVED_CARD")).is(ScardError.W_REMOVED_CARD)).isTrue();
        assertThat(SmartcardioErrors.translate(new CardException("boom")).is(ScardError.F_UNKNOWN_ERROR)).isTrue();
        assertThat(SmartcardioErrors.translate(new IllegalStateException("closed")).is(ScardError.E_INVALID_HANDLE)).isTrue();
    }

    @Test
    void protocolNames() throws ScardException {
        assertThat(SmartcardioCardHandle.protocolName(Scard.SHARE_SHARED, Scard.PROTOCOL_TX)).isEqualTo("*");
        assertThat(SmartcardioCardHandle.protocolName(Scard.SHARE_SHARED, Scard.PROTOCOL_T1)).isEqualTo("T=1");
        assertThat(SmartcardioCardHandle.protocolName(Scard.SHARE_EXCLUSIVE, Scard.PROTOCOL_T0)).isEqualTo("T=0");
        assertThat(SmartcardioCardHandle.protocolName(Scard.SHARE_DIRECT, 0)).isEqualTo("DIRECT");
        assertThatThrownBy(() -> SmartcardioCardHandle.protocolName(Scard.SHARE_SHARED, 0)).isInstanceOf(ScardException.class);
        assertThatThrownBy(() -> SmartcardioCardHandle.protocolName(7, Scard.PROTOCOL_T1)).isInstanceOf(ScardException.class);
        assertThat(SmartcardioCardHandle.protocolValue("T=1")).isEqualTo(Scard.PROTOCOL_T1);
    }
}
