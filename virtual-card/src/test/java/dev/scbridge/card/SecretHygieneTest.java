package dev.scbridge.card;

import dev.scbridge.apdu.piv.TouchPolicy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scbridge.apdu.piv.PivAlgorithm;
import dev.scbridge.apdu.piv.PivKeyRef;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.security.Key;
import org.junit.jupiter.api.Test;

/** Secrets never print and private keys have no way out of the card object. */
class SecretHygieneTest {
    @Test
    void toStrings_areRedacted() {
        byte[] key = new byte[24];
        java.util.Arrays.fill(key, (byte) 0x41);
        assertThat(Secret.of("12345678".getBytes()).toString()).doesNotContain("1234").contains("redacted");
        assertThat(new ManagementKey(PivAlgorithm.TDES, key, TouchPolicy.NEVER).toString())
                .doesNotContain("AAAA").doesNotContain("41");
        ReferenceData pin = new ReferenceData(ReferenceData.Kind.PIN, ReferenceData.pad("97531864"), 3, false);
        assertThat(pin.toString()).doesNotContain("97531864");
        PivCard card = PivCard.builder().pin("97531864").key(PivKeyRef.AUTHENTICATION, TestKeys.P256).build();
        assertThat(card.toString()).doesNotContain("97531864");
        assertThat(new dev.scbridge.apdu.CommandApdu(0, 0x20, 0, 0x80, "97531864".getBytes()).toString())
                .doesNotContain("97531864").doesNotContain("39 37");
    }

    @Test
    void secretsCompareByValueInConstantTimeAndWipe() {
        Secret a = Secret.of(new byte[] {1, 2, 3});
        assertThat(a.matches(new byte[] {1, 2, 3})).isTrue();
        assertThat(a.matches(new byte[] {1, 2, 4})).isFalse();
        assertThat(a.matches(new byte[] {1, 2})).isFalse();
        a.wipe();
        assertThat(a.matches(new byte[] {1, 2, 3})).isFalse();
    }

    @Test
    void noPublicApiReturnsAKeyOrSecretBytes() {
        for (Class<?> c : new Class<?>[] {PivCard.class, PivCardBuilder.class, Secret.class, CardEdge.class}) {
            for (Method m : c.getMethods()) {
                if (!Modifier.isPublic(m.getModifiers()) || m.getDeclaringClass() == Object.class) {
                    continue;
                }
                assertThat(Key.class.isAssignableFrom(m.getReturnType()))
                        .as(c.getSimpleName() + "." + m.getName()).isFalse();
                assertThat(java.security.KeyPair.class.isAssignableFrom(m.getReturnType()))
                        .as(c.getSimpleName() + "." + m.getName()).isFalse();
            }
        }
        assertThat(Modifier.isPublic(SlotKey.class.getModifiers())).isFalse();
        assertThat(Modifier.isPublic(PivCardState.class.getModifiers())).isFalse();
    }
}
