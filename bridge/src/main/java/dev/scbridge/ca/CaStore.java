package dev.scbridge.ca;

import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemReader;
import org.bouncycastle.util.io.pem.PemWriter;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A CA kept in a directory, the way {@code scbridge ca init} makes it:
 * <pre>
 * DIR/            rwx------  only the CA's owner may enter
 *   ca.crt        rw-r--r--  the CA certificate, PEM: public, goes to NTAuth and the hosts' trusted roots
 *   ca.key        rw-------  the private key, PEM "ENCRYPTED PRIVATE KEY" (PKCS#8, PBES2: PBKDF2-SHA256, AES-256)
 *   revocations   rw-------  next CRL number and revoked serials (text, see RevocationState)
 * </pre>
 * A CA whose key is in a PKCS#11 token ({@link #initPkcs11}) has {@code pkcs11} (module, slot, key label: see
 * {@link Pkcs11Token}; never the PIN) instead of {@code ca.key}, and is unlocked with {@link #unlockToken}.
 * Every file is written to a temporary file with its final permissions and renamed into place. Changes to the
 * revocation state hold an exclusive lock on {@code DIR/.lock}, so two admins revoking at once lose nothing.
 *
 * <p>The key is decrypted only by {@link #unlock} and {@link #open}; the certificate and the revocation state need
 * no passphrase. No method returns, logs or prints the key or the passphrase; callers wipe their passphrase arrays.
 */
public final class CaStore {
    public static final String CERTIFICATE_FILE = "ca.crt";
    public static final String KEY_FILE = "ca.key";
    public static final String REVOCATIONS_FILE = "revocations";
    /** Present instead of {@link #KEY_FILE} when the key is in a PKCS#11 token. */
    public static final String PKCS11_FILE = "pkcs11";
    static final String LOCK_FILE = ".lock";
    /** Short passphrases make PBKDF2 the only thing between a copied ca.key and the domain's logons. */
    public static final int MIN_PASSPHRASE_CHARS = 8;
    /** A CRL must be renewed; RFC 5280 sets no bound, this is ours (relying parties cache until nextUpdate). */
    public static final Duration MAX_NEXT_UPDATE = Duration.ofDays(366);
    public static final Duration MIN_NEXT_UPDATE = Duration.ofMinutes(1);
    /** A CA certificate in PEM is 1-3 KB. */
    static final int MAX_CERTIFICATE_BYTES = 64 * 1024;

    /** Revocations are rare: one lock for every CA directory in this process is plenty. */
    private static final ReentrantLock IN_PROCESS = new ReentrantLock();

    private final Path dir;
    private final X509Certificate certificate;
    /** Where the key is when it is in a PKCS#11 token; null when it is {@link #KEY_FILE}. */
    private final Pkcs11Token token;

    private CaStore(Path dir, X509Certificate certificate, Pkcs11Token token) {
        this.dir = dir;
        this.certificate = certificate;
        this.token = token;
    }

    /**
     * Makes a new CA in {@code dir}: creates the directory (owner-only) unless it exists, refuses if it already
     * holds CA files, generates the key, self-signs the certificate and writes the three files.
     *
     * @param subject  the CA's distinguished name, RFC 4514 ({@code CN=Example Logon CA,O=Example})
     * @param validity the CA certificate's lifetime (up to {@link CertificateAuthority#MAX_CA_VALIDITY})
     * @throws IllegalArgumentException a bad subject, validity or a passphrase shorter than
     *                                  {@value #MIN_PASSPHRASE_CHARS} characters
     */
    public static CaStore init(Path dir, CaKeyType type, String subject, Duration validity, char[] passphrase,
                               SecureRandom random) throws CaStoreException, CaException {
        Objects.requireNonNull(dir, "dir");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(passphrase, "passphrase");
        Objects.requireNonNull(random, "random");
        if (passphrase.length < MIN_PASSPHRASE_CHARS) {
            throw new IllegalArgumentException("the CA passphrase has " + passphrase.length + " characters (at least "
                    + MIN_PASSPHRASE_CHARS + ")");
        }
        KeyPair keyPair = type.generate(random);
        CertificateAuthority ca = CertificateAuthority.builder().signer(InMemoryCaSigner.of(keyPair, random))
                .subject(subject).caValidity(validity).random(random).build();
        byte[] key = EncryptedKeyFile.encrypt(keyPair.getPrivate(), passphrase, random);
        createDirectory(dir);
        CaFiles.writeAtomically(dir.resolve(KEY_FILE), key, CaFiles.PRIVATE);
        CaFiles.writeAtomically(dir.resolve(REVOCATIONS_FILE), RevocationState.empty().format(), CaFiles.PRIVATE);
        // Last: a directory with ca.crt is a complete CA.
        CaFiles.writeAtomically(dir.resolve(CERTIFICATE_FILE), pem("CERTIFICATE", encoded(ca.certificate())),
                CaFiles.PUBLIC);
        return new CaStore(dir, ca.certificate(), null);
    }

    /**
     * Makes a new CA in {@code dir} whose key is generated inside a PKCS#11 token and never leaves it: logs in with
     * {@code pin}, generates the key, self-signs the certificate, stores key and certificate in the token under
     * {@link Pkcs11Token#keyLabel()}, and writes {@code ca.crt}, {@code pkcs11} and {@code revocations}. The caller
     * wipes {@code pin}.
     *
     * @throws CaException the token refused (module, slot, PIN, label already used); the message is one line
     */
    public static CaStore initPkcs11(Path dir, Pkcs11Token token, CaKeyType type, String subject, Duration validity,
                                     char[] pin, SecureRandom random) throws CaStoreException, CaException {
        Objects.requireNonNull(dir, "dir");
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(random, "random");
        refuseExisting(dir);
        Pkcs11CaSigner signer = Pkcs11CaSigner.generate(token, type, pin);
        CertificateAuthority ca = CertificateAuthority.builder().signer(signer).subject(subject).caValidity(validity)
                .random(random).build();
        createDirectory(dir);
        signer.store(ca.certificate());
        CaFiles.writeAtomically(dir.resolve(PKCS11_FILE), token.format(), CaFiles.PRIVATE);
        CaFiles.writeAtomically(dir.resolve(REVOCATIONS_FILE), RevocationState.empty().format(), CaFiles.PRIVATE);
        CaFiles.writeAtomically(dir.resolve(CERTIFICATE_FILE), pem("CERTIFICATE", encoded(ca.certificate())),
                CaFiles.PUBLIC);
        return new CaStore(dir, ca.certificate(), token);
    }

    /** The CA in {@code dir}, its certificate read and checked; the key stays encrypted. */
    public static CaStore at(Path dir) throws CaStoreException {
        Objects.requireNonNull(dir, "dir");
        if (!Files.isDirectory(dir)) {
            throw new CaStoreException(CaStoreException.Reason.MISSING, dir,
                    "not a directory (make a CA with 'scbridge ca init --dir " + dir + "')", null);
        }
        X509Certificate cert = readCertificate(dir.resolve(CERTIFICATE_FILE));
        Path descriptor = dir.resolve(PKCS11_FILE);
        Pkcs11Token token = Files.exists(descriptor)
                ? Pkcs11Token.parse(descriptor, CaFiles.read(descriptor, Pkcs11Token.MAX_FILE_BYTES)) : null;
        return new CaStore(dir, cert, token);
    }

    /** The CA in {@code dir}, ready to issue session certificates under the default {@link IssuancePolicy}. */
    public static CertificateAuthority open(Path dir, char[] passphrase) throws CaStoreException, CaException {
        return at(dir).open(passphrase, IssuancePolicy.defaults());
    }

    /** A {@link CertificateAuthority} over this CA's key and certificate, issuing under {@code policy}. */
    public CertificateAuthority open(char[] passphrase, IssuancePolicy policy) throws CaStoreException, CaException {
        return CertificateAuthority.builder().signer(unlock(passphrase)).certificate(certificate).policy(policy)
                .build();
    }

    /** Decrypts the key; checks it is the certificate's key before anything is signed with it. */
    public CaSigner unlock(char[] passphrase) throws CaStoreException {
        Objects.requireNonNull(passphrase, "passphrase");
        Path file = dir.resolve(KEY_FILE);
        if (token != null) {
            throw new CaStoreException(CaStoreException.Reason.MISSING, file, "no such file: this CA's key is in a "
                    + "PKCS#11 token (" + token + "); unlock it with the token's PIN", null);
        }
        PrivateKey key = EncryptedKeyFile.decrypt(file, CaFiles.read(file, EncryptedKeyFile.MAX_FILE_BYTES),
                passphrase);
        checkKeyMatches(file, key);
        return InMemoryCaSigner.of(new KeyPair(certificate.getPublicKey(), key), new SecureRandom());
    }

    /**
     * Logs in to this CA's PKCS#11 token and checks its key signs for {@code ca.crt}; the caller wipes {@code pin}.
     *
     * @throws CaStoreException the CA's key is not in a token ({@link CaStoreException.Reason#MISSING}), or the
     *                          token's key is not the certificate's ({@link CaStoreException.Reason#CORRUPT})
     * @throws CaException      the token refused (module, slot, PIN, no such key)
     */
    public Pkcs11CaSigner unlockToken(char[] pin) throws CaStoreException, CaException {
        Objects.requireNonNull(pin, "pin");
        if (token == null) {
            throw new CaStoreException(CaStoreException.Reason.MISSING, dir.resolve(PKCS11_FILE), "no such file: "
                    + "this CA's key is in " + KEY_FILE + "; unlock it with its passphrase", null);
        }
        Pkcs11CaSigner signer = Pkcs11CaSigner.open(token, pin);
        if (!signer.publicKey().equals(certificate.getPublicKey()) || !signsFor(signer)) {
            throw corrupt(dir.resolve(PKCS11_FILE), "the token's key '" + token.keyLabel() + "' is not the key of "
                    + CERTIFICATE_FILE, null);
        }
        return signer;
    }

    /** The token holding this CA's key, if it is in one. */
    public java.util.Optional<Pkcs11Token> pkcs11() {
        return java.util.Optional.ofNullable(token);
    }

    public Path dir() {
        return dir;
    }

    public Path certificateFile() {
        return dir.resolve(CERTIFICATE_FILE);
    }

    public X509Certificate certificate() {
        return certificate;
    }

    /** The revoked certificates, in the order they were revoked. */
    public List<Revocation> revoked() throws CaStoreException {
        return readState().revoked();
    }

    /**
     * Adds {@code serial} to the revoked list, revoked at {@code when}; it appears in the next {@link #crl}.
     *
     * @return the revocation recorded now, or the earlier one if the serial was already revoked (nothing changes)
     */
    public Revoked revoke(BigInteger serial, Instant when) throws CaStoreException {
        Revocation r = new Revocation(serial, when);
        Lock lock = lock();
        try {
            RevocationState state = readState();
            Revocation earlier = state.find(serial);
            if (earlier != null) {
                return new Revoked(earlier, true);
            }
            try {
                writeState(state.with(r));
            } catch (IllegalStateException full) {
                throw new CaStoreException(CaStoreException.Reason.CORRUPT, dir.resolve(REVOCATIONS_FILE),
                        full.getMessage(), full);
            }
            return new Revoked(r, false);
        } finally {
            lock.close();
        }
    }

    /**
     * A new signed CRL with every revoked serial, valid from {@code now} until {@code now + nextUpdate}. Takes the
     * next CRL number and records that it is taken before returning, so numbers only grow (RFC 5280 5.2.3).
     *
     * @param signer this CA's key, from {@link #unlock}
     * @throws IllegalArgumentException nextUpdate out of range, or past the CA certificate's expiry
     */
    public SignedCrl crl(CaSigner signer, Instant now, Duration nextUpdate) throws CaStoreException, CaException {
        Objects.requireNonNull(signer, "signer");
        if (!signer.publicKey().equals(certificate.getPublicKey())) {
            throw new IllegalArgumentException("the signer's key is not this CA's key");
        }
        if (nextUpdate.compareTo(MIN_NEXT_UPDATE) < 0 || nextUpdate.compareTo(MAX_NEXT_UPDATE) > 0) {
            throw new IllegalArgumentException("next update " + nextUpdate + " out of range " + MIN_NEXT_UPDATE
                    + ".." + MAX_NEXT_UPDATE);
        }
        Instant thisUpdate = now.truncatedTo(ChronoUnit.SECONDS);
        Instant next = thisUpdate.plus(nextUpdate);
        Instant caExpiry = certificate.getNotAfter().toInstant();
        if (next.isAfter(caExpiry)) {
            throw new IllegalArgumentException("next update " + next + " is after the CA certificate expires ("
                    + caExpiry + ")");
        }
        Lock lock = lock();
        try {
            RevocationState state = readState();
            BigInteger number = state.nextCrlNumber();
            X509CRL crl = CrlProfile.crl(signer, certificate, number, state.revoked(), thisUpdate, next);
            writeState(state.withCrlNumberUsed());
            return new SignedCrl(crl, number, state.revoked().size());
        } finally {
            lock.close();
        }
    }

    /**
     * What {@link #revoke} did.
     *
     * @param revocation     the serial's revocation: the new one, or the earlier one
     * @param alreadyRevoked the serial was revoked before; nothing changed
     */
    public record Revoked(Revocation revocation, boolean alreadyRevoked) {
    }

    /**
     * A CRL and what the caller may want to show about it.
     *
     * @param crl     the signed CRL
     * @param number  its CRL number
     * @param revoked how many serials it lists
     */
    public record SignedCrl(X509CRL crl, BigInteger number, int revoked) {
    }

    /** PEM text of DER bytes ({@code CERTIFICATE}, {@code X509 CRL}). */
    public static byte[] pem(String type, byte[] der) {
        StringWriter s = new StringWriter();
        try (PemWriter w = new PemWriter(s)) {
            w.writeObject(new PemObject(type, der));
        } catch (IOException e) {
            throw new IllegalStateException("writing to a string failed", e);
        }
        return s.toString().getBytes(StandardCharsets.US_ASCII);
    }

    @Override
    public String toString() {
        return "CaStore[" + dir + ", " + certificate.getSubjectX500Principal().getName() + ", "
                + (token == null ? "key encrypted" : "key in " + token) + "]";
    }

    private RevocationState readState() throws CaStoreException {
        Path file = dir.resolve(REVOCATIONS_FILE);
        return RevocationState.parse(file, CaFiles.read(file, RevocationState.MAX_FILE_BYTES));
    }

    private void writeState(RevocationState state) throws CaStoreException {
        CaFiles.writeAtomically(dir.resolve(REVOCATIONS_FILE), state.format(), CaFiles.PRIVATE);
    }

    private static void refuseExisting(Path dir) throws CaStoreException {
        for (String name : List.of(CERTIFICATE_FILE, KEY_FILE, PKCS11_FILE, REVOCATIONS_FILE)) {
            if (Files.exists(dir.resolve(name))) {
                throw new CaStoreException(CaStoreException.Reason.EXISTS, dir.resolve(name),
                        "already exists; refusing to overwrite a CA (choose another --dir)", null);
            }
        }
    }

    private static void createDirectory(Path dir) throws CaStoreException {
        try {
            if (Files.isDirectory(dir)) {
                refuseExisting(dir);
            } else {
                Files.createDirectories(dir);
            }
            CaFiles.setPermissions(dir, CaFiles.PRIVATE_DIR);
        } catch (IOException e) {
            throw new CaStoreException(CaStoreException.Reason.IO, dir, "cannot create: " + CaFiles.describe(e), e);
        }
    }

    private static X509Certificate readCertificate(Path file) throws CaStoreException {
        byte[] bytes = CaFiles.read(file, MAX_CERTIFICATE_BYTES);
        PemObject pem;
        try (PemReader r = new PemReader(new StringReader(new String(bytes, StandardCharsets.US_ASCII)))) {
            pem = r.readPemObject();
        } catch (IOException | RuntimeException e) {
            throw corrupt(file, "is not PEM (" + e.getMessage() + ")", e);
        }
        if (pem == null || !"CERTIFICATE".equals(pem.getType())) {
            throw corrupt(file, "is not a PEM 'CERTIFICATE'", null);
        }
        X509Certificate cert;
        try {
            cert = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(pem.getContent()));
        } catch (CertificateException | RuntimeException e) {
            throw corrupt(file, "is not an X.509 certificate (" + e.getMessage() + ")", e);
        }
        if (cert.getBasicConstraints() < 0) {
            throw corrupt(file, "is not a CA certificate (basicConstraints cA is not TRUE)", null);
        }
        try {
            CaKeyType.of(cert.getPublicKey());
        } catch (IllegalArgumentException e) {
            throw corrupt(file, e.getMessage(), e);
        }
        return cert;
    }

    /** Signs a random challenge with the key and verifies it with the certificate's public key. */
    private void checkKeyMatches(Path keyFile, PrivateKey key) throws CaStoreException {
        String alg = CaKeyType.of(certificate.getPublicKey()).signatureAlgorithm();
        byte[] challenge = new byte[32];
        new SecureRandom().nextBytes(challenge);
        boolean ok;
        try {
            Signature s = Signature.getInstance(alg);
            s.initSign(key);
            s.update(challenge);
            byte[] sig = s.sign();
            Signature v = Signature.getInstance(alg);
            v.initVerify(certificate.getPublicKey());
            v.update(challenge);
            ok = v.verify(sig);
        } catch (GeneralSecurityException | RuntimeException e) {
            ok = false;
        }
        if (!ok) {
            throw corrupt(keyFile, "is not the key of " + CERTIFICATE_FILE + " (was one of the files replaced?)",
                    null);
        }
    }

    /** Signs a random challenge through the signer and verifies it with the certificate's public key. */
    private boolean signsFor(CaSigner signer) throws CaException {
        byte[] challenge = new byte[32];
        new SecureRandom().nextBytes(challenge);
        try {
            org.bouncycastle.operator.ContentSigner s = signer.newContentSigner();
            s.getOutputStream().write(challenge);
            Signature v = Signature.getInstance(CaKeyType.of(certificate.getPublicKey()).signatureAlgorithm());
            v.initVerify(certificate.getPublicKey());
            v.update(challenge);
            return v.verify(s.getSignature());
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    private static byte[] encoded(X509Certificate cert) throws CaException {
        try {
            return cert.getEncoded();
        } catch (CertificateException e) {
            throw new CaException("cannot encode the CA certificate: " + e.getMessage(), e);
        }
    }

    private static CaStoreException corrupt(Path file, String message, Throwable cause) {
        return new CaStoreException(CaStoreException.Reason.CORRUPT, file, message, cause);
    }

    /**
     * Exclusive access to the revocation state: first within this process (a {@link FileLock} is held by the whole
     * JVM, so a second thread asking for it would get an OverlappingFileLockException), then across processes.
     */
    private Lock lock() throws CaStoreException {
        IN_PROCESS.lock();
        Path file = dir.resolve(LOCK_FILE);
        try {
            FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            try {
                CaFiles.setPermissions(file, CaFiles.PRIVATE);
                return new Lock(file, ch, ch.lock());
            } catch (IOException | RuntimeException e) {
                ch.close();
                throw e;
            }
        } catch (IOException e) {
            IN_PROCESS.unlock();
            throw new CaStoreException(CaStoreException.Reason.IO, file, "cannot lock: " + CaFiles.describe(e), e);
        } catch (RuntimeException e) {
            IN_PROCESS.unlock();
            throw e;
        }
    }

    /** The exclusive lock on the revocation state; closing releases it. */
    private record Lock(Path file, FileChannel channel, FileLock lock) implements AutoCloseable {
        @Override
        public void close() throws CaStoreException {
            try {
                channel.close();
            } catch (IOException e) {
                throw new CaStoreException(CaStoreException.Reason.IO, file, "cannot release the lock: "
                        + CaFiles.describe(e), e);
            } finally {
                IN_PROCESS.unlock();
            }
        }
    }
}
