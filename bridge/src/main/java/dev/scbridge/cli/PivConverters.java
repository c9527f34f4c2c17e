package dev.scbridge.cli;

import dev.scbridge.apdu.piv.PivAlgorithm;
import dev.scbridge.apdu.piv.PivKeyRef;
import dev.scbridge.apdu.piv.PinPolicy;
import dev.scbridge.apdu.piv.TouchPolicy;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

import java.util.Locale;
import java.util.Map;

/** Command-line values in ykman's spelling: slots {@code 9a}, algorithms {@code ECCP256}, policies {@code once}. */
final class PivConverters {
    /** ykman's key-type names (ykman piv keys generate --algorithm). */
    static final Map<String, PivAlgorithm> ALGORITHMS = Map.of(
            "RSA1024", PivAlgorithm.RSA1024, "RSA2048", PivAlgorithm.RSA2048, "RSA3072", PivAlgorithm.RSA3072,
            "RSA4096", PivAlgorithm.RSA4096, "ECCP256", PivAlgorithm.ECC_P256, "ECCP384", PivAlgorithm.ECC_P384);

    private PivConverters() {
    }

    /** The ykman name of an algorithm, e.g. ECCP256. */
    static String name(PivAlgorithm algorithm) {
        return ALGORITHMS.entrySet().stream().filter(e -> e.getValue() == algorithm).map(Map.Entry::getKey)
                .findFirst().orElse(algorithm.name());
    }

    static final class Slot implements ITypeConverter<PivKeyRef> {
        @Override
        public PivKeyRef convert(String value) {
            PivKeyRef slot;
            try {
                slot = PivKeyRef.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException("not a PIV slot: '" + value + "' (9a, 9c, 9d, 9e or 82-95)");
            }
            if (!slot.isAsymmetricSlot() || slot == PivKeyRef.ATTESTATION) {
                throw new TypeConversionException("not a key slot: '" + value + "' (9a, 9c, 9d, 9e or 82-95)");
            }
            return slot;
        }
    }

    static final class Algorithm implements ITypeConverter<PivAlgorithm> {
        @Override
        public PivAlgorithm convert(String value) {
            PivAlgorithm a = ALGORITHMS.get(value.toUpperCase(Locale.ROOT));
            if (a == null) {
                throw new TypeConversionException("unknown algorithm '" + value
                        + "' (RSA1024, RSA2048, RSA3072, RSA4096, ECCP256, ECCP384)");
            }
            return a;
        }
    }

    static final class Pin implements ITypeConverter<PinPolicy> {
        @Override
        public PinPolicy convert(String value) {
            try {
                return PinPolicy.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException("unknown PIN policy '" + value + "' (default, never, once, always)");
            }
        }
    }

    static final class Touch implements ITypeConverter<TouchPolicy> {
        @Override
        public TouchPolicy convert(String value) {
            try {
                return TouchPolicy.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException("unknown touch policy '" + value
                        + "' (default, never, always, cached)");
            }
        }
    }
}
