package dev.scbridge.hwtests.piv;

import org.junit.jupiter.api.Nested;

/**
 * The PIV conformance suite, written against the card edge (bytes in, bytes out) so that the same tests run against
 * the in-process card, the card behind pcscd + vpcd, and a real YubiKey. Its only seam is {@link #factoryDefaultCard()}
 * returning a {@link CardUnderTest}.
 *
 * <h2>State each test assumes</h2>
 * A card in its factory-default state, fresh for the test (every test may change PIN, PUK, management key, keys and
 * objects):
 * <ul>
 *   <li>PIN {@code 123456}, PUK {@code 12345678}, 3 tries each, both marked default (metadata tag 05 = 01);</li>
 *   <li>management key {@code 010203040506070801020304050607080102030405060708}: 3DES, or AES-192 on a YubiKey 5.7+
 *       (the suite reads the algorithm from GET METADATA 9B, as yubico-piv-tool does);</li>
 *   <li>no key in 9A, 9C, 9D, 9E or 82-95; no certificate, CCC, key history or other object (a CHUID may be present);
 *       the F9 attestation key and its certificate 5FFF01 present (or made on first use);</li>
 *   <li>touch never required (no test sets a touch policy other than "never": nobody touches a hardware run's key).</li>
 * </ul>
 * No test writes the F9 key or object 5FFF01: a YubiKey's factory attestation key cannot be restored.
 * Features newer than the firmware GET VERSION reports (P-384 4.0, attestation 4.3, metadata 5.3, AES management key
 * 5.4, RSA-3072/4096 and MOVE KEY 5.7; facts/piv.md 6) are skipped, not failed.
 *
 * <h2>Adding a transport</h2>
 * Subclass this, implement {@link #factoryDefaultCard()}, and name the class {@code *Test} so Surefire runs it:
 * <pre>
 * &#64;Tag("hardware")                                    // excluded by default (root pom surefire.excludedGroups)
 * class YubiKeyPivConformanceTest extends PivConformanceSuite {
 *     &#64;Override
 *     protected CardUnderTest factoryDefaultCard() throws Exception {
 *         CardUnderTest card = new PcscCardUnderTest(context.connect(reader, ...), ...);  // found in @BeforeAll,
 *         return FactoryReset.apply(card);                 // which skips (assumeTrue) when there is none;
 *     }                                                    // block PIN and PUK, RESET: factory state via APDUs
 * }
 * </pre>
 * That is {@link YubiKeyPivConformanceTest} (which also requires {@code SCBRIDGE_HW_DESTRUCTIVE=1}). The vpcd run,
 * {@code hwtests.pcscd.VpcdPivConformanceTest}, reaches a {@code PivCard} through pcscd and swaps a fresh card in
 * behind vpcd per test instead of resetting it. Every flow below is an abstract class holding the tests; each nested class binds one
 * flow to this suite's seam, so a subclass inherits all of them.
 */
public abstract class PivConformanceSuite {
    /** A card in the factory-default state described above, fresh for the calling test; closed after it. */
    protected abstract CardUnderTest factoryDefaultCard() throws Exception;

    @Nested
    class WindowsLogon extends WindowsLogonConformance {
        @Override
        protected CardUnderTest factoryDefaultCard() throws Exception {
            return PivConformanceSuite.this.factoryDefaultCard();
        }
    }

    @Nested
    class Provisioning extends ProvisioningConformance {
        @Override
        protected CardUnderTest factoryDefaultCard() throws Exception {
            return PivConformanceSuite.this.factoryDefaultCard();
        }
    }

    @Nested
    class Keys extends KeyConformance {
        @Override
        protected CardUnderTest factoryDefaultCard() throws Exception {
            return PivConformanceSuite.this.factoryDefaultCard();
        }
    }

    @Nested
    class Attestation extends AttestationConformance {
        @Override
        protected CardUnderTest factoryDefaultCard() throws Exception {
            return PivConformanceSuite.this.factoryDefaultCard();
        }
    }

    @Nested
    class MoveKey extends MoveKeyConformance {
        @Override
        protected CardUnderTest factoryDefaultCard() throws Exception {
            return PivConformanceSuite.this.factoryDefaultCard();
        }
    }

    @Nested
    class Objects extends ObjectConformance {
        @Override
        protected CardUnderTest factoryDefaultCard() throws Exception {
            return PivConformanceSuite.this.factoryDefaultCard();
        }
    }

    @Nested
    class Pins extends PinConformance {
        @Override
        protected CardUnderTest factoryDefaultCard() throws Exception {
            return PivConformanceSuite.this.factoryDefaultCard();
        }
    }

    @Nested
    class Security extends SecurityConformance {
        @Override
        protected CardUnderTest factoryDefaultCard() throws Exception {
            return PivConformanceSuite.this.factoryDefaultCard();
        }
    }

    @Nested
    class Errors extends ErrorConformance {
        @Override
        protected CardUnderTest factoryDefaultCard() throws Exception {
            return PivConformanceSuite.this.factoryDefaultCard();
        }
    }
}
