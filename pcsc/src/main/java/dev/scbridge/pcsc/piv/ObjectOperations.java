package dev.scbridge.pcsc.piv;

import dev.scbridge.apdu.CommandApdu;
import dev.scbridge.apdu.DecodeException;
import dev.scbridge.apdu.Tlv;
import dev.scbridge.apdu.piv.Ccc;
import dev.scbridge.apdu.piv.CertificateContainer;
import dev.scbridge.apdu.piv.Chuid;
import dev.scbridge.apdu.piv.DiscoveryObject;
import dev.scbridge.apdu.piv.PivKeyRef;
import dev.scbridge.apdu.piv.PivObjectId;
import dev.scbridge.apdu.piv.Pivs;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.zip.GZIPOutputStream;

/**
 * Data objects: GET DATA (SP 800-73-4 Part 2, 3.1.2) and PUT DATA (3.3.2), with the {@code 53} wrapper, the
 * typed objects of the apdu module (CHUID, CCC, Discovery) and certificates in their {@code 70/71/FE} container
 * (Part 1 Appendix A). Writing needs management-key authentication first.
 */
public final class ObjectOperations {
    private final PivSession session;

    ObjectOperations(PivSession session) {
        this.session = session;
    }

    /**
     * GET DATA {@code 00 CB 3F FF 5C L id}: the object's content inside {@code 53}; for 7E and 7F61, which come back
     * unwrapped, the whole TLV. An absent object is a {@link NotFoundException} (6A82).
     */
    public byte[] read(int objectId) throws IOException, PivException {
        String op = "GET DATA " + Integer.toHexString(objectId).toUpperCase();
        byte[] tagList = new Tlv(Pivs.TAG_OBJECT_ID, Tlv.tagBytes(objectId)).encode();
        byte[] data = session.send(op, new CommandApdu(0x00, Pivs.INS_GET_DATA, Pivs.P1P2_DATA >>> 8,
                Pivs.P1P2_DATA & 0xFF, tagList, PivSession.LE_MAX));
        if (isUnwrapped(objectId)) {
            return data;
        }
        try {
            Tlv wrapper = Tlv.parseSingle(data);
            if (wrapper.tag() != Pivs.TAG_DATA) {
                throw new BadResponseException(op + ": outer tag " + Integer.toHexString(wrapper.tag()).toUpperCase()
                        + " (expected: 53)");
            }
            return wrapper.value();
        } catch (DecodeException e) {
            throw new BadResponseException(op + ": " + e.getMessage(), e);
        }
    }

    public byte[] read(PivObjectId id) throws IOException, PivException {
        return read(id.code());
    }

    /** PUT DATA {@code 00 DB 3F FF 5C L id 53 L content}, chained when over 255 bytes. */
    public void write(int objectId, byte[] content) throws IOException, PivException {
        if (isUnwrapped(objectId)) {
            throw new IllegalArgumentException("objects 7E and 7F61 are not writable (SP 800-73-4 Part 2, 3.3.2)");
        }
        byte[] data = concat(new Tlv(Pivs.TAG_OBJECT_ID, Tlv.tagBytes(objectId)).encode(),
                new Tlv(Pivs.TAG_DATA, content).encode());
        session.send("PUT DATA " + Integer.toHexString(objectId).toUpperCase(), new CommandApdu(0x00,
                Pivs.INS_PUT_DATA, Pivs.P1P2_DATA >>> 8, Pivs.P1P2_DATA & 0xFF, data));
    }

    public void write(PivObjectId id, byte[] content) throws IOException, PivException {
        write(id.code(), content);
    }

    /** Deletes an object by writing {@code 53 00} (yubico-piv-tool, yubikit); it then reads as 6A82. */
    public void delete(int objectId) throws IOException, PivException {
        write(objectId, new byte[0]);
    }

    public Chuid readChuid() throws IOException, PivException {
        byte[] v = read(PivObjectId.CHUID);
        try {
            return Chuid.decode(v);
        } catch (DecodeException e) {
            throw new BadResponseException("CHUID: " + e.getMessage(), e);
        }
    }

    public void writeChuid(Chuid chuid) throws IOException, PivException {
        write(PivObjectId.CHUID, chuid.encode());
    }

    public Ccc readCcc() throws IOException, PivException {
        byte[] v = read(PivObjectId.CCC);
        try {
            return Ccc.decode(v);
        } catch (DecodeException e) {
            throw new BadResponseException("CCC: " + e.getMessage(), e);
        }
    }

    public void writeCcc(Ccc ccc) throws IOException, PivException {
        write(PivObjectId.CCC, ccc.encode());
    }

    public DiscoveryObject readDiscovery() throws IOException, PivException {
        byte[] v = read(PivObjectId.DISCOVERY);
        try {
            return DiscoveryObject.decode(v);
        } catch (DecodeException e) {
            throw new BadResponseException("Discovery object: " + e.getMessage(), e);
        }
    }

    /** The certificate of a key slot; gzip containers (CertInfo 01) and bare DER are accepted. */
    public X509Certificate readCertificate(PivKeyRef slot) throws IOException, PivException {
        byte[] v = read(certificateObject(slot));
        byte[] der;
        try {
            der = CertificateContainer.decode(v).certificateDer();
        } catch (DecodeException e) {
            throw new BadResponseException("certificate " + slot.name() + ": " + e.getMessage(), e);
        }
        return parseCertificate(der, "certificate " + slot.name());
    }

    /** Writes {@code 70 cert 71 01 CertInfo FE 00} into the slot's object; {@code compress} gzips it (CertInfo 01). */
    public void writeCertificate(PivKeyRef slot, X509Certificate certificate, boolean compress)
            throws IOException, PivException {
        byte[] der;
        try {
            der = certificate.getEncoded();
        } catch (CertificateEncodingException e) {
            throw new IllegalArgumentException("certificate cannot be encoded", e);
        }
        CertificateContainer c = compress
                ? new CertificateContainer(gzip(der), CertificateContainer.CERTINFO_GZIP, null)
                : CertificateContainer.of(der);
        write(certificateObject(slot), c.encode());
    }

    public void deleteCertificate(PivKeyRef slot) throws IOException, PivException {
        delete(certificateObject(slot));
    }

    static X509Certificate parseCertificate(byte[] der, String what) throws BadResponseException {
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(der));
        } catch (CertificateException e) {
            throw new BadResponseException(what + ": not an X.509 certificate: " + e.getMessage(), e);
        }
    }

    private static int certificateObject(PivKeyRef slot) {
        if (slot.certificateObject() == 0) {
            throw new IllegalArgumentException(slot + " has no certificate object");
        }
        return slot.certificateObject();
    }

    private static boolean isUnwrapped(int objectId) {
        return PivObjectId.find(objectId).map(PivObjectId::isUnwrapped).orElse(false);
    }

    private static byte[] gzip(byte[] der) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(der);
        } catch (IOException e) {
            throw new IllegalStateException("in-memory gzip", e);
        }
        return out.toByteArray();
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
