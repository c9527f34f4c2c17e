package dev.scbridge.ca;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * How long a session certificate lives and where it says its CRL is.
 *
 * <p>Session certificates are short-lived: they exist for one logon. They are back-dated a little so a Windows host
 * or domain controller whose clock runs behind still sees them as valid (Windows rejects a certificate "not yet
 * valid" per its system clock: Microsoft, "Certificate Requirements and Enumeration", step 8).
 *
 * <p>The CRL distribution point: Microsoft's smart-card logon requirements for third-party CAs ask for one that is
 * "specified, online, and available" (HTTP or LDAP). Whether a domain controller insists on it depends on its
 * revocation settings, so it is optional here; the URL is checked before it goes into a certificate.
 *
 * @param validity             how long the certificate is valid after issuance
 * @param backdate             how far notBefore lies before the issuance time
 * @param crlDistributionPoint an {@code http://}, {@code https://} or {@code ldap://} URL, if any
 */
public record IssuancePolicy(Duration validity, Duration backdate, Optional<String> crlDistributionPoint) {
    /** Long enough for a logon over a slow link; short enough that a leaked card is soon useless. */
    public static final Duration DEFAULT_VALIDITY = Duration.ofMinutes(5);
    /** Covers ordinary clock skew between the gateway and Windows (Kerberos tolerates 5 minutes by default). */
    public static final Duration DEFAULT_BACKDATE = Duration.ofMinutes(1);
    /** Our limit, not Microsoft's: a session credential is never a long-lived one. */
    public static final Duration MAX_VALIDITY = Duration.ofDays(7);
    /** Kerberos' default maximum clock skew is 5 minutes; an hour is generous. */
    public static final Duration MAX_BACKDATE = Duration.ofHours(1);
    /** URLs longer than this are a mistake, not a CRL location. */
    public static final int MAX_URL_LENGTH = 2048;

    public IssuancePolicy {
        Objects.requireNonNull(validity, "validity");
        Objects.requireNonNull(backdate, "backdate");
        Objects.requireNonNull(crlDistributionPoint, "crlDistributionPoint (use Optional.empty())");
        if (validity.compareTo(Duration.ofSeconds(1)) < 0 || validity.compareTo(MAX_VALIDITY) > 0) {
            throw new IllegalArgumentException("validity " + validity + " out of range PT1S.." + MAX_VALIDITY);
        }
        if (backdate.isNegative() || backdate.compareTo(MAX_BACKDATE) > 0) {
            throw new IllegalArgumentException("backdate " + backdate + " out of range PT0S.." + MAX_BACKDATE);
        }
        crlDistributionPoint.ifPresent(IssuancePolicy::checkUrl);
    }

    /** Five minutes, back-dated one minute, no CRL distribution point. */
    public static IssuancePolicy defaults() {
        return new IssuancePolicy(DEFAULT_VALIDITY, DEFAULT_BACKDATE, Optional.empty());
    }

    public IssuancePolicy withValidity(Duration newValidity) {
        return new IssuancePolicy(newValidity, backdate, crlDistributionPoint);
    }

    public IssuancePolicy withBackdate(Duration newBackdate) {
        return new IssuancePolicy(validity, newBackdate, crlDistributionPoint);
    }

    public IssuancePolicy withCrlDistributionPoint(String url) {
        return new IssuancePolicy(validity, backdate, Optional.of(url));
    }

    /**
     * A CDP URL goes into an IA5String (RFC 5280 4.2.1.13, 4.2.1.6): printable ASCII only. Spaces are allowed
     * because Active Directory's own LDAP CDP URLs carry them ({@code CN=Public Key Services,...}).
     */
    static void checkUrl(String url) {
        if (url.length() > MAX_URL_LENGTH) {
            throw new IllegalArgumentException("CRL URL is " + url.length() + " characters (max " + MAX_URL_LENGTH + ")");
        }
        for (int i = 0; i < url.length(); i++) {
            char c = url.charAt(i);
            if (c < 0x20 || c > 0x7E) {
                throw new IllegalArgumentException("CRL URL has " + IdentityRules.u(c) + " at index " + i
                        + " (printable ASCII only)");
            }
        }
        if (!url.equals(url.strip())) {
            throw new IllegalArgumentException("CRL URL has leading or trailing spaces");
        }
        String lower = url.toLowerCase(Locale.ROOT);
        boolean http = lower.startsWith("http://") || lower.startsWith("https://");
        boolean ldap = lower.startsWith("ldap://");
        if (!http && !ldap) {
            throw new IllegalArgumentException("CRL URL must start with http://, https:// or ldap://");
        }
        if (http && lower.length() == lower.indexOf("//") + 2) {
            throw new IllegalArgumentException("CRL URL has no host");
        }
    }
}
