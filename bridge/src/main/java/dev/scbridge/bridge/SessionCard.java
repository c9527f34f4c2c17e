package dev.scbridge.bridge;

import dev.scbridge.apdu.piv.PivKeyRef;
import dev.scbridge.ca.CaException;
import dev.scbridge.ca.CertificateAuthority;
import dev.scbridge.ca.UserIdentity;
import dev.scbridge.card.PivCard;

import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.Objects;

/**
 * A session's software PIV card: the session key in slot 9A (PIV Authentication), its certificate in 5FC105, a
 * random CHUID, and a random 8-digit PIN (design.md, "Bridge": openSession issues the certificate, builds the card
 * and generates the PIN). {@link #close()} wipes the card's keys and the PIN.
 */
public final class SessionCard implements AutoCloseable {
    private final PivCard card;
    private final SessionPin pin;
    private final X509Certificate certificate;

    private SessionCard(PivCard card, SessionPin pin, X509Certificate certificate) {
        this.card = card;
        this.pin = pin;
        this.certificate = certificate;
    }

    /** Issues a certificate for {@code key} and builds a card holding both, with a fresh random PIN. */
    public static SessionCard issue(CertificateAuthority ca, UserIdentity identity, KeyPair key, SecureRandom random)
            throws CaException {
        X509Certificate cert = ca.issue(identity, key.getPublic());
        return load(cert, key, SessionPin.random(random), random);
    }

    /**
     * A card holding {@code cardKey} and {@code certificate} as given. The card does not check that they belong
     * together (a mismatched card is how the demo and tests show a failing logon).
     */
    public static SessionCard load(X509Certificate certificate, KeyPair cardKey, SessionPin pin, SecureRandom random) {
        Objects.requireNonNull(certificate, "certificate");
        PivCard card = PivCard.builder()
                .random(random)
                .pin(pin.reveal())
                .key(PivKeyRef.AUTHENTICATION, cardKey)
                .certificate(PivKeyRef.AUTHENTICATION, certificate)
                .build();
        return new SessionCard(card, pin, certificate);
    }

    public PivCard card() {
        return card;
    }

    public SessionPin pin() {
        return pin;
    }

    public X509Certificate certificate() {
        return certificate;
    }

    /** Wipes the card (keys, PIN, PUK, management key) and the session PIN. */
    @Override
    public void close() {
        card.wipe();
        pin.wipe();
    }

    @Override
    public String toString() {
        return "SessionCard[" + certificate.getSubjectX500Principal().getName() + ", PIN redacted]";
    }
}
