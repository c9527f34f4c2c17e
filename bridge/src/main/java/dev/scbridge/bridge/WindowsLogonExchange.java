package dev.scbridge.bridge;

import dev.scbridge.apdu.ApduTransport;
import dev.scbridge.apdu.ApduTransport.RawTransport;
import dev.scbridge.apdu.CommandApdu;
import dev.scbridge.apdu.CommandChaining;
import dev.scbridge.apdu.DecodeException;
import dev.scbridge.apdu.Hex;
import dev.scbridge.apdu.ResponseApdu;
import dev.scbridge.apdu.ResponseChaining;
import dev.scbridge.apdu.StatusWord;
import dev.scbridge.apdu.Tlv;
import dev.scbridge.apdu.piv.PivKeyRef;
import dev.scbridge.apdu.piv.PivObjectId;
import dev.scbridge.apdu.piv.Pivs;
import dev.scbridge.ca.SmartCardLogonRequirements;

import java.io.IOException;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Plays the card side of a Windows smart-card logon against a card, APDU for APDU as Windows' inbox PIV minidriver
 * sent them in a recorded logon over RDP (shared/vectors/windows-logon-trace.txt, from Teleport's scard.log of a
 * real Windows Server logon; shared/facts/piv.md "Pitfalls the real Windows logon exposes"):
 *
 * <ol>
 *   <li>SELECT PIV with the 9-byte AID and no Le ({@code 00 A4 04 00 09 A0 00 00 03 08 00 00 10 00});</li>
 *   <li>GET DATA CHUID ({@code 00 CB 3F FF 05 5C 03 5F C1 02 00}); Windows needs its GUID;</li>
 *   <li>GET DATA 5FC105, the 9A certificate, fetched in 256-byte pieces through {@code 61xx} and
 *       GET RESPONSE {@code 00 C0 00 00 xx}: every Transmit offers a 258-byte receive buffer;</li>
 *   <li>probes for 5FC10A, 5FC10B, 5FC101 and 5FC10C (absent: {@code 6A82}), then 5FC107, the CCC;</li>
 *   <li>SELECT again, then VERIFY {@code 00 20 00 80 08} with the session PIN's 8 ASCII digits;</li>
 *   <li>GENERAL AUTHENTICATE on 9A, command-chained in 240-byte pieces (CLA 10, Lc F0), whose input is a
 *       PKCS#1 v1.5 block Windows padded itself, with a SHA-1 DigestInfo; the 256-byte signature comes back as
 *       256 bytes of template + {@code 61 08}, then GET RESPONSE for the last 8.</li>
 * </ol>
 *
 * It then checks what Windows and the domain controller would: the certificate meets the smart-card logon
 * requirements, the signature verifies under the certificate's key, and the certificate chains to the CA.
 *
 * <p>The recorded logon used RSA-2048. For an EC key the exchange signs the message's SHA-256 (P-256) or SHA-384
 * (P-384) digest with P1 = 11 / 14 and expects a DER ECDSA signature (SP 800-73-4 Part 2, GENERAL AUTHENTICATE;
 * Yubico PIV docs); that step is our extrapolation, not a Windows recording.
 *
 * <p>Thread-safe: each {@link #play} keeps its own state; the card it talks to is thread-confined (design.md).
 */
public final class WindowsLogonExchange {
    /** Windows' minidriver chains commands in 240-byte pieces, not 255 (recorded GENERAL AUTHENTICATE, Lc F0). */
    public static final int CHAIN_PIECE_SIZE = 240;
    /** Windows selects with the AID less its 2-byte version (MS inbox minidriver; recorded SELECT). */
    public static final int SELECT_AID_LENGTH = 9;
    /** Objects Windows probes after the 9A certificate, in recorded order; an absent object answers 6A82. */
    static final List<PivObjectId> PROBED_OBJECTS = List.of(PivObjectId.CERT_DIGITAL_SIGNATURE,
            PivObjectId.CERT_KEY_MANAGEMENT, PivObjectId.CERT_CARD_AUTH, PivObjectId.KEY_HISTORY, PivObjectId.CCC);

    private static final byte[] SELECT_AID = Arrays.copyOf(Pivs.AID, SELECT_AID_LENGTH);
    private static final int TAG_APT = 0x61;

    private final X509Certificate caCertificate;
    private final Clock clock;
    private final SecureRandom random;

    /**
     * @param caCertificate the CA the card's certificate must chain to (the domain's NTAuth CA)
     * @param clock         the "now" of validity checks
     * @param random        source of the challenge message
     */
    public WindowsLogonExchange(X509Certificate caCertificate, Clock clock, SecureRandom random) {
        this.caCertificate = Objects.requireNonNull(caCertificate, "caCertificate");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.random = Objects.requireNonNull(random, "random");
    }

    /**
     * Plays the exchange against {@code card}, reporting each APDU to {@code listener}.
     *
     * @throws LogonFailedException naming the first step that would have failed Windows' logon
     */
    public LogonResult play(RawTransport card, SessionPin pin, ExchangeListener listener) throws LogonFailedException {
        RecordingTransport wire = new RecordingTransport(card, listener);
        ApduTransport direct = ApduTransport.ofBytes(wire);
        ApduTransport reading = new ResponseChaining(direct);
        ApduTransport chained = new ResponseChaining(new CommandChaining(direct, CHAIN_PIECE_SIZE));
        try {
            select(direct);
            byte[] guid = chuidGuid(reading);
            listener.note("CHUID GUID " + Hex.plain(guid));
            X509Certificate cert = certificate(reading);
            String upn = checkRequirements(cert);
            listener.note("certificate " + cert.getSubjectX500Principal().getName() + ", UPN " + upn
                    + ", issued by " + cert.getIssuerX500Principal().getName());
            for (PivObjectId id : PROBED_OBJECTS) {
                probe(reading, id, listener);
            }
            select(direct);
            verifyPin(direct, pin);
            String algorithm = LogonSignature.signAndVerify(chained, cert, random);
            listener.note("signature verified with the certificate's public key (" + algorithm + ")");
            CertificateChecks.chainsTo(cert, caCertificate, clock.instant());
            listener.note("certificate chains to " + caCertificate.getSubjectX500Principal().getName());
            return new LogonResult(cert, upn, Hex.plain(guid), algorithm, wire.count(), wire.totalNanos());
        } catch (IOException e) {
            throw new LogonFailedException("card I/O failed: " + e.getMessage(), e);
        }
    }

    private static void select(ApduTransport t) throws IOException, LogonFailedException {
        ResponseApdu r = t.transmit(new CommandApdu(0x00, Pivs.INS_SELECT, 0x04, 0x00, SELECT_AID));
        expectSuccess("SELECT PIV", r);
        try {
            if (Tlv.parseSingle(r.data()).tag() != TAG_APT) {
                throw new LogonFailedException("SELECT PIV answered without an application property template (61)");
            }
        } catch (DecodeException e) {
            throw new LogonFailedException("SELECT PIV: malformed application property template: " + e.getMessage(), e);
        }
    }

    private static byte[] chuidGuid(ApduTransport t) throws IOException, LogonFailedException {
        ResponseApdu r = t.transmit(getData(PivObjectId.CHUID));
        expectSuccess("GET DATA CHUID", r);
        try {
            return CardObjects.chuidGuid(r.data());
        } catch (DecodeException e) {
            throw new LogonFailedException("CHUID unusable (Windows needs its GUID): " + e.getMessage(), e);
        }
    }

    private static X509Certificate certificate(ApduTransport t) throws IOException, LogonFailedException {
        ResponseApdu r = t.transmit(getData(PivObjectId.CERT_PIV_AUTH));
        expectSuccess("GET DATA 5FC105 (PIV Authentication certificate)", r);
        try {
            return CardObjects.certificate(r.data());
        } catch (DecodeException | CertificateException e) {
            throw new LogonFailedException("the 9A certificate object does not parse: " + e.getMessage(), e);
        }
    }

    private String checkRequirements(X509Certificate cert) throws LogonFailedException {
        List<String> problems = SmartCardLogonRequirements.problems(cert, clock.instant());
        if (!problems.isEmpty()) {
            throw new LogonFailedException("Windows would not offer the certificate for logon: "
                    + String.join("; ", problems));
        }
        try {
            return SmartCardLogonRequirements.upn(cert).orElseThrow();
        } catch (CertificateParsingException e) {
            throw new LogonFailedException("the certificate's UPN is unreadable: " + e.getMessage(), e);
        }
    }

    private static void probe(ApduTransport t, PivObjectId id, ExchangeListener listener)
            throws IOException, LogonFailedException {
        ResponseApdu r = t.transmit(getData(id));
        if (r.sw() == StatusWord.FILE_NOT_FOUND) {
            return;
        }
        if (r.isSuccess()) {
            listener.note(id.title() + " present (" + r.length() + " bytes)");
            return;
        }
        throw new LogonFailedException(String.format("GET DATA %X answered %s; Windows expects 6A82 for an absent "
                + "object", id.code(), StatusWord.describe(r.sw())));
    }

    private static void verifyPin(ApduTransport t, SessionPin pin) throws IOException, LogonFailedException {
        ResponseApdu r = t.transmit(new CommandApdu(0x00, Pivs.INS_VERIFY, 0x00, PivKeyRef.PIN.code(),
                pin.verifyData()));
        if (StatusWord.isVerifyFailed(r.sw())) {
            throw new LogonFailedException("VERIFY: wrong PIN (" + StatusWord.meaning(r.sw()) + ")");
        }
        expectSuccess("VERIFY PIN", r);
    }

    /** GET DATA {@code 00 CB 3F FF 05 5C 03 <id> 00}: Le 00, as Windows sends it. */
    static CommandApdu getData(PivObjectId id) {
        byte[] tag = id.tagBytes();
        byte[] data = new byte[2 + tag.length];
        data[0] = (byte) Pivs.TAG_OBJECT_ID;
        data[1] = (byte) tag.length;
        System.arraycopy(tag, 0, data, 2, tag.length);
        return new CommandApdu(0x00, Pivs.INS_GET_DATA, 0x3F, 0xFF, data, CommandApdu.MAX_SHORT_NE);
    }

    static void expectSuccess(String step, ResponseApdu r) throws LogonFailedException {
        if (!r.isSuccess()) {
            throw new LogonFailedException(step + " answered " + StatusWord.describe(r.sw()));
        }
    }
}
