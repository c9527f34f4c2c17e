package dev.scbridge.card;

import dev.scbridge.apdu.piv.PivKeyRef;
import java.math.BigInteger;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * YubiKey-style PIV attestation (yubico-piv-tool doc/Attestation.adoc; Yubico .NET SDK attestation): the card's
 * own attestation key (slot F9) signs, on every ATTEST, a fresh X.509 certificate for a key generated on the card,
 * with subject "CN=YubiKey PIV Attestation xx" and Yubico's extensions under 1.3.6.1.4.1.41482.3. The F9 certificate
 * itself is self-signed here (a real YubiKey's is issued by Yubico's CA): verifiers anchor on it.
 */
final class Attestation {
    private static final String ARC = "1.3.6.1.4.1.41482.3";
    static final ASN1ObjectIdentifier FIRMWARE = new ASN1ObjectIdentifier(ARC + ".3");
    static final ASN1ObjectIdentifier SERIAL = new ASN1ObjectIdentifier(ARC + ".7");
    static final ASN1ObjectIdentifier POLICY = new ASN1ObjectIdentifier(ARC + ".8");
    static final ASN1ObjectIdentifier FORM_FACTOR = new ASN1ObjectIdentifier(ARC + ".9");
    /** Validity of the F9 certificate; statements reuse it (PivApplet does the same with fixed dates). */
    private static final long F9_VALIDITY_DAYS = 20 * 365;

    private Attestation() {
    }

    static byte[] selfSignedAttestationCertificate(SlotKey f9, int serial, SecureRandom random) {
        X500Name name = new X500Name("CN=scbridge virtual PIV attestation " + serial);
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        X509v3CertificateBuilder b = new X509v3CertificateBuilder(name, serialNumber(random),
                Date.from(now.minus(1, ChronoUnit.DAYS)), Date.from(now.plus(F9_VALIDITY_DAYS, ChronoUnit.DAYS)), name,
                SubjectPublicKeyInfo.getInstance(f9.publicKey().getEncoded()));
        try {
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
            b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign));
            return b.build(signer(f9)).getEncoded();
        } catch (java.io.IOException e) {
            throw new IllegalStateException("attestation certificate encoding failed", e);
        }
    }

    static byte[] statement(PivKeyRef slot, SlotKey key, SlotKey f9, byte[] f9CertDer, byte[] version, int serial,
            SecureRandom random) {
        try {
            X509CertificateHolder issuer = new X509CertificateHolder(f9CertDer);
            X500Name subject = new X500Name(String.format("CN=YubiKey PIV Attestation %02x", slot.code()));
            X509v3CertificateBuilder b = new X509v3CertificateBuilder(issuer.getSubject(), serialNumber(random),
                    issuer.getNotBefore(), issuer.getNotAfter(), subject,
                    SubjectPublicKeyInfo.getInstance(key.publicKey().getEncoded()));
            // The byte[] form puts the bytes themselves in extnValue, as a YubiKey does (facts/piv.md 10): readers
            // take the firmware, policies and form factor as raw bytes and the serial as a DER INTEGER.
            b.addExtension(FIRMWARE, false, version.clone());
            b.addExtension(SERIAL, false, new ASN1Integer(serial).getEncoded());
            b.addExtension(POLICY, false, new byte[] {
                (byte) KeyCommands.effectivePin(slot, key).code(), (byte) KeyCommands.effectiveTouch(key).code()});
            b.addExtension(FORM_FACTOR, false, new byte[] {0x00});
            return b.build(signer(f9)).getEncoded();
        } catch (java.io.IOException e) {
            throw new IllegalStateException("attestation statement encoding failed", e);
        }
    }

    private static BigInteger serialNumber(SecureRandom random) {
        return new BigInteger(127, random).add(BigInteger.ONE);
    }

    private static ContentSigner signer(SlotKey f9) {
        try {
            PrivateKey key = f9.privateKeyForSigning();
            return new JcaContentSignerBuilder(f9.algorithm().isRsa() ? "SHA256withRSA" : "SHA256withECDSA")
                    .build(key);
        } catch (OperatorCreationException e) {
            throw new IllegalStateException("no signer for the attestation key", e);
        }
    }
}
