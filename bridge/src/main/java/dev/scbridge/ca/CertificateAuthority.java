package dev.scbridge.ca;

import org.bouncycastle.asn1.x500.X500Name;

import javax.security.auth.x500.X500Principal;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * Issues short-lived Windows smart-card logon certificates for session keys whose private halves live on a card.
 * Windows trusts these once the CA certificate ({@link #certificate()}) is in the domain's NTAuth store and the
 * hosts' trusted roots (Microsoft: "Guidelines for enabling smart card logon with third-party certification
 * authorities").
 *
 * <p>The CA key stays behind its {@link CaSigner}; this class has no getter for it and prints none. Thread-safe:
 * issuance shares nothing mutable but the {@link SecureRandom}.
 */
public final class CertificateAuthority {
    /** The subject of a CA made without one. */
    public static final String DEFAULT_SUBJECT = "CN=scbridge demo CA";
    /** A throwaway CA outlives its sessions by a comfortable margin. */
    public static final Duration DEFAULT_CA_VALIDITY = Duration.ofDays(1);
    /** Our limit for a CA made here: ten years. */
    public static final Duration MAX_CA_VALIDITY = Duration.ofDays(3653);

    private final CaSigner signer;
    private final X509Certificate certificate;
    private final IssuancePolicy policy;
    private final Clock clock;
    private final SecureRandom random;

    private CertificateAuthority(CaSigner signer, X509Certificate certificate, IssuancePolicy policy, Clock clock,
                                 SecureRandom random) {
        this.signer = signer;
        this.certificate = certificate;
        this.policy = policy;
        this.clock = clock;
        this.random = random;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The CA certificate, for Windows' NTAuth and root stores and for chain checks. */
    public X509Certificate certificate() {
        return certificate;
    }

    public CaKeyType keyType() {
        return signer.keyType();
    }

    public IssuancePolicy policy() {
        return policy;
    }

    /**
     * A smart-card logon certificate for {@code identity} and {@code sessionKey}, valid from now minus the policy's
     * back-dating for the policy's validity (times truncated to whole seconds, as X.509 encodes them).
     *
     * @throws IllegalArgumentException the key is not one a PIV card and Windows can use
     * @throws CaException              the signer failed, or the CA certificate expires before the session's would
     */
    public X509Certificate issue(UserIdentity identity, PublicKey sessionKey) throws CaException {
        Objects.requireNonNull(identity, "identity");
        CertificateProfiles.checkSubjectKey(sessionKey);
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Instant notBefore = now.minus(policy.backdate());
        Instant notAfter = now.plus(policy.validity());
        if (notAfter.isAfter(certificate.getNotAfter().toInstant())) {
            throw new CaException("the CA certificate expires at " + certificate.getNotAfter().toInstant()
                    + ", before a certificate issued now would (" + notAfter + ")", null);
        }
        return CertificateProfiles.sessionCertificate(signer, certificate, identity, sessionKey, notBefore, notAfter,
                policy, random);
    }

    @Override
    public String toString() {
        return "CertificateAuthority[" + certificate.getSubjectX500Principal().getName() + ", "
                + signer.keyType().title() + ", private key redacted]";
    }

    /** Makes a CA: a new in-memory key and self-signed certificate unless a signer (and certificate) is given. */
    public static final class Builder {
        private CaKeyType keyType = CaKeyType.RSA_2048;
        private String subject = DEFAULT_SUBJECT;
        private Duration caValidity = DEFAULT_CA_VALIDITY;
        private IssuancePolicy policy = IssuancePolicy.defaults();
        private Clock clock = Clock.systemUTC();
        private SecureRandom random;
        private CaSigner signer;
        private X509Certificate certificate;

        private Builder() {
        }

        /** The key type of a generated CA key (ignored when {@link #signer} is set). Default RSA-2048. */
        public Builder keyType(CaKeyType type) {
            this.keyType = Objects.requireNonNull(type, "keyType");
            return this;
        }

        /** The CA's distinguished name, RFC 4514 syntax. Default {@value #DEFAULT_SUBJECT}. */
        public Builder subject(String dn) {
            this.subject = Objects.requireNonNull(dn, "subject");
            return this;
        }

        /** How long a self-signed CA certificate made here is valid. Default one day. */
        public Builder caValidity(Duration validity) {
            this.caValidity = Objects.requireNonNull(validity, "caValidity");
            return this;
        }

        public Builder policy(IssuancePolicy newPolicy) {
            this.policy = Objects.requireNonNull(newPolicy, "policy");
            return this;
        }

        public Builder clock(Clock newClock) {
            this.clock = Objects.requireNonNull(newClock, "clock");
            return this;
        }

        public Builder random(SecureRandom newRandom) {
            this.random = Objects.requireNonNull(newRandom, "random");
            return this;
        }

        /** Use an existing key (later: key store, PKCS#11) instead of generating one. */
        public Builder signer(CaSigner newSigner) {
            this.signer = Objects.requireNonNull(newSigner, "signer");
            return this;
        }

        /** Use an existing CA certificate for {@link #signer}'s key instead of self-signing a new one. */
        public Builder certificate(X509Certificate caCertificate) {
            this.certificate = Objects.requireNonNull(caCertificate, "certificate");
            return this;
        }

        public CertificateAuthority build() throws CaException {
            SecureRandom rnd = random != null ? random : new SecureRandom();
            if (certificate != null && signer == null) {
                throw new IllegalStateException("a CA certificate needs the signer holding its key");
            }
            CaSigner s = signer != null ? signer : InMemoryCaSigner.generate(keyType, rnd);
            X509Certificate cert = certificate;
            if (cert == null) {
                if (caValidity.compareTo(Duration.ofMinutes(1)) < 0 || caValidity.compareTo(MAX_CA_VALIDITY) > 0) {
                    throw new IllegalArgumentException("CA validity " + caValidity + " out of range PT1M.."
                            + MAX_CA_VALIDITY);
                }
                Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
                cert = CertificateProfiles.caCertificate(s, parseSubject(subject), now.minus(policy.backdate()),
                        now.plus(caValidity), rnd);
            } else {
                checkCertificateMatches(cert, s);
            }
            return new CertificateAuthority(s, cert, policy, clock, rnd);
        }

        private static X500Name parseSubject(String dn) {
            for (int i = 0; i < dn.length(); i++) {
                if (Character.isISOControl(dn.charAt(i)) || Character.getType(dn.charAt(i)) == Character.FORMAT) {
                    throw new IllegalArgumentException("CA subject has " + IdentityRules.u(dn.charAt(i))
                            + " at index " + i);
                }
            }
            try {
                // X500Principal reads RFC 2253/4514 order (most significant RDN last); BC's string parser does not.
                X500Principal principal = new X500Principal(dn);
                X500Name name = X500Name.getInstance(principal.getEncoded());
                if (name.getRDNs().length == 0) {
                    throw new IllegalArgumentException("empty");
                }
                return name;
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("CA subject is not a distinguished name (e.g. "
                        + DEFAULT_SUBJECT + "): " + e.getMessage(), e);
            }
        }

        private static void checkCertificateMatches(X509Certificate cert, CaSigner s) {
            if (!cert.getPublicKey().equals(s.publicKey())) {
                throw new IllegalArgumentException("the CA certificate's key is not the signer's key");
            }
            if (cert.getBasicConstraints() < 0) {
                throw new IllegalArgumentException("the CA certificate is not a CA (basicConstraints cA is FALSE)");
            }
        }
    }
}
