package dev.scbridge.hwtests.piv;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.scbridge.pcsc.PcscContext;
import dev.scbridge.pcsc.Scard;
import dev.scbridge.pcsc.ScardException;
import dev.scbridge.pcsc.nativ.NativePcsc;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;

/**
 * Tier 4: the PIV conformance suite against a real YubiKey, through {@link NativePcsc} and the machine's own pcscd
 * (or winscard). Every test starts from {@link FactoryReset#apply}, which ERASES the card's PIV application (keys,
 * certificates, PIN, PUK, management key), so nothing touches the card unless {@code SCBRIDGE_HW_DESTRUCTIVE=1} is
 * set. Without a YubiKey, without pcscd, or without that variable, the whole class is skipped with a banner on
 * stderr. Tagged {@code hardware}: excluded by default; run with
 * {@code SCBRIDGE_HW_DESTRUCTIVE=1 mvn -o -B verify -pl hw-tests -Dgroups=hardware -Dsurefire.excludedGroups=}.
 */
@Tag("hardware")
class YubiKeyPivConformanceTest extends PivConformanceSuite {
    static final String READER_MARK = "Yubico YubiKey";
    static final String DESTRUCTIVE_VARIABLE = "SCBRIDGE_HW_DESTRUCTIVE";

    private static NativePcsc pcsc;
    private static PcscContext context;
    private static String reader;

    @BeforeAll
    static void findYubiKey() {
        Optional<String> found = Optional.empty();
        String why = null;
        try {
            pcsc = NativePcsc.open();
            context = pcsc.establishContext(Scard.SCOPE_SYSTEM);
            List<String> readers = context.listReaders();
            found = readers.stream().filter(r -> r.contains(READER_MARK)).findFirst();
            if (found.isEmpty()) {
                why = "no reader named '" + READER_MARK + "...' among " + readers;
            }
        } catch (ScardException e) {
            why = "PC/SC unavailable or no readers (" + e.getMessage() + ")";
        } catch (RuntimeException | LinkageError e) {
            why = "PC/SC library unavailable (" + e + ")";
        }
        skipLoudlyUnless(found.isPresent(), "no YubiKey: " + why);
        reader = found.get();
        skipLoudlyUnless("1".equals(System.getenv(DESTRUCTIVE_VARIABLE)), "a YubiKey is plugged in ('" + reader
                + "'), but every test factory-resets its PIV application; set " + DESTRUCTIVE_VARIABLE
                + "=1 to allow that. The card was not touched");
    }

    private static void skipLoudlyUnless(boolean condition, String why) {
        if (!condition) {
            String banner = "*** SKIPPED: YubiKey PIV conformance suite (tier 4): " + why + " ***";
            String rule = "*".repeat(Math.min(banner.length(), 120));
            System.err.println("\n" + rule + "\n" + banner + "\n" + rule + "\n");
            closeContext();
        }
        assumeTrue(condition, why);
    }

    @AfterAll
    static void closeContext() {
        if (context != null) {
            context.close();
            context = null;
        }
        if (pcsc != null) {
            pcsc.close();
            pcsc = null;
        }
    }

    @Override
    protected CardUnderTest factoryDefaultCard() throws Exception {
        // Belt and braces: never reaches the card without the opt-in, whatever ran before.
        assumeTrue(reader != null && "1".equals(System.getenv(DESTRUCTIVE_VARIABLE)),
                "destructive YubiKey run not enabled");
        PcscCardUnderTest card = new PcscCardUnderTest(
                context.connect(reader, Scard.SHARE_EXCLUSIVE, Scard.PROTOCOL_TX), Scard.SHARE_EXCLUSIVE,
                "YubiKey in '" + reader + "'", false);
        try {
            return FactoryReset.apply(card);
        } catch (Exception | AssertionError e) {
            card.close();
            throw e;
        }
    }
}
