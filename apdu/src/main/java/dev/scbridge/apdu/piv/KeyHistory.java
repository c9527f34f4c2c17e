package dev.scbridge.apdu.piv;

import dev.scbridge.apdu.DecodeException;
import java.util.Optional;

/**
 * Key History Object (object 5FC10C), SP 800-73-4 Part 1, section "Key History Object" and Appendix A, table "Key History Object"
 * (ContainerID 0x6060).
 *
 * <pre>
 *  C1 01 n            keysWithOnCardCerts: retired keys whose certificate is on the card (key refs 82, 83, ...)
 *  C2 01 m            keysWithOffCardCerts: retired keys whose certificate is only online (key refs 95, 94, ...)
 *  F3 0..118 URL      offCardCertURL: present if m > 0, absent if n = m = 0, optional otherwise
 *  FE 00              error detection code
 * </pre>
 */
public record KeyHistory(int keysWithOnCardCerts, int keysWithOffCardCerts, Optional<String> offCardCertUrl)
        implements PivDataObject {
    /** "Up to 20 retired key management private keys MAY be stored" (SP 800-73-4 Part 1, "Key History Object"; key refs 82..95). */
    public static final int MAX_RETIRED_KEYS = 20;
    /** SP 800-73-4 Part 1 Appendix A, Key History table, F3 "Max. Bytes". */
    public static final int MAX_URL_LENGTH = 118;

    private static final String OBJECT = "Key History";

    public KeyHistory {
        Args.range(keysWithOnCardCerts, "keysWithOnCardCerts", 0, MAX_RETIRED_KEYS);
        Args.range(keysWithOffCardCerts, "keysWithOffCardCerts", 0, MAX_RETIRED_KEYS);
        if (keysWithOnCardCerts + keysWithOffCardCerts > MAX_RETIRED_KEYS) {
            throw new IllegalArgumentException("more than " + MAX_RETIRED_KEYS + " retired keys");
        }
        offCardCertUrl = Args.optionalText(offCardCertUrl, "offCardCertURL", 0, MAX_URL_LENGTH);
        String rule = urlRule(keysWithOnCardCerts, keysWithOffCardCerts, offCardCertUrl.isPresent());
        if (rule != null) {
            throw new IllegalArgumentException(rule);
        }
    }

    /** No retired keys (what a fresh YubiKey's absent object amounts to). */
    public static KeyHistory none() {
        return new KeyHistory(0, 0, Optional.empty());
    }

    /** Decodes the content of the {@code 53} wrapper. */
    public static KeyHistory decode(byte[] value) throws DecodeException {
        Elements e = Elements.parse(OBJECT, value, 0xC1, 0xC2, 0xF3, 0xFE);
        int onCard = e.required(0xC1, "keysWithOnCardCerts", 1, 1)[0] & 0xFF;
        int offCard = e.required(0xC2, "keysWithOffCardCerts", 1, 1)[0] & 0xFF;
        String url = e.text(0xF3, "offCardCertURL", e.optional(0xF3, "offCardCertURL", 0, MAX_URL_LENGTH));
        e.emptyIfPresent(0xFE, "error detection code");
        if (onCard > MAX_RETIRED_KEYS || offCard > MAX_RETIRED_KEYS || onCard + offCard > MAX_RETIRED_KEYS) {
            throw e.error(0xC2, "keysWithOffCardCerts", onCard + " + " + offCard + " retired keys (max "
                    + MAX_RETIRED_KEYS + ")");
        }
        String rule = urlRule(onCard, offCard, url != null);
        if (rule != null) {
            throw e.error(0xF3, "offCardCertURL", rule);
        }
        return new KeyHistory(onCard, offCard, Optional.ofNullable(url));
    }

    private static String urlRule(int onCard, int offCard, boolean hasUrl) {
        if (offCard > 0 && !hasUrl) {
            return "required when keysWithOffCardCerts > 0";
        }
        if (onCard == 0 && offCard == 0 && hasUrl) {
            return "must be absent when there are no retired keys";
        }
        return null;
    }

    /** The content of the {@code 53} wrapper. */
    @Override
    public byte[] encode() {
        return new Elements.Writer()
                .add(0xC1, keysWithOnCardCerts)         // 3
                .add(0xC2, keysWithOffCardCerts)        // 3
                .addText(0xF3, offCardCertUrl.orElse(null)) // 2 + 0..118
                .empty(0xFE)                            // 2
                .toByteArray();
    }
}
