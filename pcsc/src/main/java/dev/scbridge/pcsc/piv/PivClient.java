package dev.scbridge.pcsc.piv;

import dev.scbridge.apdu.ApduTransport;
import dev.scbridge.apdu.piv.ApplicationPropertyTemplate;

import java.io.IOException;
import java.security.SecureRandom;

/**
 * A host-side PIV client over any {@link ApduTransport} (an in-process card, a PC/SC card handle, vpcd): SP 800-73-4
 * Part 2 commands and the YubiKey PIV extensions, grouped by concern. Typical use:
 *
 * <pre>{@code
 * PivClient piv = PivClient.open(transport);          // SELECT PIV
 * piv.pins().verifyPin(pin);
 * byte[] sig = piv.crypto().signRsaPkcs1(PivKeyRef.AUTHENTICATION, PivAlgorithm.RSA2048, "SHA-256", digest);
 * }</pre>
 *
 * Card status words arrive as {@link StatusWordException} subclasses, malformed answers as
 * {@link BadResponseException}, transport failures as {@link IOException}. Not thread-safe.
 */
public final class PivClient {
    private final PivSession session;
    private final PinOperations pins;
    private final ObjectOperations objects;
    private final CryptoOperations crypto;
    private final KeyOperations keys;
    private final MetadataOperations metadata;
    private final AdminOperations admin;

    private PivClient(PivSession session, SecureRandom random) {
        this.session = session;
        this.pins = new PinOperations(session);
        this.objects = new ObjectOperations(session);
        this.crypto = new CryptoOperations(session);
        this.keys = new KeyOperations(session);
        this.metadata = new MetadataOperations(session);
        this.admin = new AdminOperations(session, random);
    }

    /** A client over {@code transport} that has not selected PIV yet. */
    public static PivClient over(ApduTransport transport) {
        return new PivClient(new PivSession(transport), new SecureRandom());
    }

    /** A client over {@code transport} with PIV selected. */
    public static PivClient open(ApduTransport transport) throws IOException, PivException {
        PivClient client = over(transport);
        client.select();
        return client;
    }

    public ApplicationPropertyTemplate select() throws IOException, PivException {
        return session.select();
    }

    public PivSession session() {
        return session;
    }

    public PinOperations pins() {
        return pins;
    }

    public ObjectOperations objects() {
        return objects;
    }

    public CryptoOperations crypto() {
        return crypto;
    }

    public KeyOperations keys() {
        return keys;
    }

    public MetadataOperations metadata() {
        return metadata;
    }

    public AdminOperations admin() {
        return admin;
    }
}
