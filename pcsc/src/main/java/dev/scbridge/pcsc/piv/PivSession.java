package dev.scbridge.pcsc.piv;

import dev.scbridge.apdu.ApduTransport;
import dev.scbridge.apdu.CommandApdu;
import dev.scbridge.apdu.CommandChaining;
import dev.scbridge.apdu.DecodeException;
import dev.scbridge.apdu.ResponseApdu;
import dev.scbridge.apdu.ResponseChaining;
import dev.scbridge.apdu.piv.ApplicationPropertyTemplate;
import dev.scbridge.apdu.piv.Pivs;

import java.io.IOException;
import java.util.Arrays;

/**
 * The PIV application on one card: the transport with command chaining (255-byte pieces, CLA 10) and 61xx
 * GET RESPONSE stacked on it from the apdu module, SELECT (SP 800-73-4 Part 2, 3.1.1), and the YubiKey
 * GET VERSION (FD) and GET SERIAL (F8). Every operation class sends through {@link #send}, which maps status
 * words to typed exceptions. Not thread-safe: one caller at a time, as with the card itself.
 */
public final class PivSession {
    /** Short APDUs expect at most 256 bytes; more arrives through 61xx (SP 800-73-4 Part 2 App. RSA example). */
    static final int LE_MAX = CommandApdu.MAX_SHORT_NE;

    private final ApduTransport transport;

    /** @param transport raw APDUs to and from the card: no chaining, no hidden GET RESPONSE */
    public PivSession(ApduTransport transport) {
        this.transport = new ResponseChaining(new CommandChaining(transport));
    }

    /**
     * SELECT PIV by its 5-byte RID, as yubico-piv-tool, yubikit and ykman do
     * ({@code 00 A4 04 00 05 A0 00 00 03 08 00}). Returns the Application Property Template; a card that answers
     * 9000 without one is a {@link BadResponseException}.
     */
    public ApplicationPropertyTemplate select() throws IOException, PivException {
        byte[] rid = Arrays.copyOf(Pivs.AID, Pivs.RID_LENGTH);
        byte[] apt = send("SELECT PIV", new CommandApdu(0x00, Pivs.INS_SELECT, 0x04, 0x00, rid, LE_MAX));
        try {
            return ApplicationPropertyTemplate.decode(apt);
        } catch (DecodeException e) {
            throw new BadResponseException("SELECT PIV: bad application property template: " + e.getMessage(), e);
        }
    }

    /** YubiKey GET VERSION {@code 00 FD 00 00}: three bytes major, minor, patch. */
    public FirmwareVersion version() throws IOException, PivException {
        byte[] v = send("GET VERSION", new CommandApdu(0x00, Pivs.INS_GET_VERSION, 0x00, 0x00, null, LE_MAX));
        if (v.length < 3) {
            throw new BadResponseException("GET VERSION: " + v.length + " bytes (expected: 3)");
        }
        return new FirmwareVersion(v[0] & 0xFF, v[1] & 0xFF, v[2] & 0xFF);
    }

    /** YubiKey GET SERIAL {@code 00 F8 00 00} (firmware 5+): four bytes, big-endian, unsigned. */
    public long serial() throws IOException, PivException {
        byte[] s = send("GET SERIAL", new CommandApdu(0x00, Pivs.INS_GET_SERIAL, 0x00, 0x00, null, LE_MAX));
        if (s.length != 4) {
            throw new BadResponseException("GET SERIAL: " + s.length + " bytes (expected: 4)");
        }
        return ((s[0] & 0xFFL) << 24) | ((s[1] & 0xFFL) << 16) | ((s[2] & 0xFFL) << 8) | (s[3] & 0xFFL);
    }

    /** Sends {@code command} (chained and 61xx-joined as needed) and returns the response data on 9000. */
    byte[] send(String operation, CommandApdu command) throws IOException, PivException {
        ResponseApdu r = transmit(command);
        StatusWords.requireSuccess(operation, r);
        return r.data();
    }

    /** The response whatever its status word, for commands where a non-9000 word is an answer (VERIFY status). */
    ResponseApdu transmit(CommandApdu command) throws IOException {
        return transport.transmit(command);
    }
}
