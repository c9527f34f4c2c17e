package dev.scbridge.card;

import dev.scbridge.apdu.ChainAssembler;
import dev.scbridge.apdu.CommandApdu;
import dev.scbridge.apdu.DecodeException;
import dev.scbridge.apdu.ResponseApdu;
import dev.scbridge.apdu.ResponseChunker;
import dev.scbridge.apdu.StatusWord;
import dev.scbridge.apdu.piv.ApplicationPropertyTemplate;
import dev.scbridge.apdu.piv.PivKeyRef;
import dev.scbridge.apdu.piv.Pivs;
import java.security.SecureRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The software PIV card: the SP 800-73-4 Part 2 card edge plus the YubiKey PIV extensions that yubico-piv-tool,
 * ykman and yubikit use, answering status word for status word as those hosts and Windows' inbox PIV minidriver
 * expect (shared/facts/piv.md).
 *
 * <p>Command chaining (CLA 10) and response chaining (61xx + GET RESPONSE) are handled here, below every command;
 * handlers see whole commands and return whole responses. A malformed APDU gets a status word; no exception ever
 * leaves {@link #transmit(byte[])}.
 *
 * <p>Thread-confined: the caller serializes access (design.md).
 */
public final class PivCard implements CardEdge {
    private static final Logger LOG = LoggerFactory.getLogger(PivCard.class);
    /** The ATR of the real Windows logon trace, which Windows routed to its inbox PIV minidriver. */
    static final byte[] DEFAULT_ATR = {0x3B, (byte) 0x95, 0x13, (byte) 0x81, 0x01, (byte) 0x80, 0x73, (byte) 0xFF,
        0x01, 0x00, 0x0B};
    /** YubiKey firmware 5.7.1: the version hosts gate RSA-3072/4096, MOVE KEY and metadata on (facts/piv.md 6). */
    static final byte[] DEFAULT_VERSION = {5, 7, 1};

    /**
     * The Application Property Template a YubiKey 5 answers (Yubico .NET SDK SELECT trace; the same bytes Windows
     * accepted in the real logon trace): 61 { 4F PIX+version, 79 { 4F RID } }.
     */
    private static final byte[] APPLICATION_PROPERTY_TEMPLATE = ApplicationPropertyTemplate.yubikeyStyle().encode();

    final PivCardState state;
    final SecurityStatus status = new SecurityStatus();
    final SecureRandom random;
    private final ChainAssembler chains = new ChainAssembler();
    private final ResponseChunker chunker = new ResponseChunker();
    private final PinCommands pins = new PinCommands(this);
    private final DataCommands data = new DataCommands(this);
    private final KeyCommands keys = new KeyCommands(this);

    PivCard(PivCardState state, SecureRandom random) {
        this.state = state;
        this.random = random;
    }

    public static PivCardBuilder builder() {
        return new PivCardBuilder();
    }

    @Override
    public byte[] atr() {
        return state.atr.clone();
    }

    /** YubiKey-style serial number (GET SERIAL). */
    public int serial() {
        return state.serial;
    }

    @Override
    public void reset() {
        status.clear();
        chains.reset();
        chunker.reset();
    }

    @Override
    public void powerOff() {
        reset();
    }

    /** Saves the card's state, keys encrypted under {@code passphrase} (see {@link CardStateFile}). */
    public void save(java.nio.file.Path file, char[] passphrase) throws java.io.IOException {
        CardStateFile.save(state, file, passphrase);
    }

    /** Loads a card saved with {@link #save}. */
    public static PivCard load(java.nio.file.Path file, char[] passphrase) throws java.io.IOException {
        return new PivCard(CardStateFile.load(file, passphrase), new SecureRandom());
    }

    /** Wipes PIN, PUK, management key and private keys; the card answers nothing useful afterwards. */
    public void wipe() {
        reset();
        state.wipe();
    }

    @Override
    public byte[] transmit(byte[] commandApdu) {
        try {
            return process(commandApdu).encode();
        } catch (RuntimeException e) {
            // A bug, not bad input: the host still gets a status word, and we learn about it.
            LOG.error("PIV card: unexpected failure processing INS {}", commandApdu.length > 1
                    ? String.format("%02X", commandApdu[1]) : "?", e);
            chains.reset();
            chunker.reset();
            return new ResponseApdu(StatusWord.NO_PRECISE_DIAGNOSIS).encode();
        }
    }

    private ResponseApdu process(byte[] bytes) {
        CommandApdu piece;
        try {
            piece = CommandApdu.parse(bytes);
        } catch (DecodeException e) {
            chunker.reset();
            chains.reset();
            return new ResponseApdu(e.field().equals("CLA") ? StatusWord.CLA_NOT_SUPPORTED : StatusWord.WRONG_LENGTH);
        }
        // PIN Always (9C) needs the VERIFY immediately before: any other APDU voids it, a stray piece of another
        // command's chain included; only the pieces of the GENERAL AUTHENTICATE itself do not (facts/piv.md 8).
        if (piece.ins() != Pivs.INS_VERIFY && piece.ins() != Pivs.INS_GENERAL_AUTHENTICATE) {
            status.pinJustVerified = false;
        }
        if ((piece.cla() & ~CommandApdu.CLA_CHAINING) != 0) {
            chunker.reset();
            return new ResponseApdu(StatusWord.CLA_NOT_SUPPORTED);
        }
        if (piece.ins() == Pivs.INS_GET_RESPONSE && !piece.isChained()) {
            if (piece.p1() != 0 || piece.p2() != 0) {
                return new ResponseApdu(StatusWord.INCORRECT_P1P2);
            }
            ResponseApdu next = chunker.next(piece.ne());
            // YubiKey: GET RESPONSE with nothing pending is 6A80 (Yubico .NET SDK auth-sign trace).
            return next != null ? next : new ResponseApdu(StatusWord.INCORRECT_DATA);
        }
        chunker.reset();
        ChainAssembler.Step step = chains.accept(piece);
        if (step instanceof ChainAssembler.Step.More) {
            return new ResponseApdu(StatusWord.SUCCESS);
        }
        if (step instanceof ChainAssembler.Step.Reject reject) {
            return new ResponseApdu(reject.sw());
        }
        CommandApdu command = ((ChainAssembler.Step.Complete) step).command();
        int ins = command.ins();
        if (ins != Pivs.INS_GENERAL_AUTHENTICATE) {
            status.clearAdminChallenge();
        }
        byte[] out;
        int sw = StatusWord.SUCCESS;
        try {
            out = execute(command);
        } catch (SwException e) {
            out = new byte[0];
            sw = e.sw();
        }
        if (ins != Pivs.INS_VERIFY) {
            // The one command after VERIFY has used PIN Always, or voided it (a GENERAL AUTHENTICATE with another
            // key included).
            status.pinJustVerified = false;
        }
        return chunker.start(out, sw, command.ne());
    }

    private byte[] execute(CommandApdu c) {
        switch (c.ins()) {
            case Pivs.INS_SELECT: return select(c);
            case Pivs.INS_GET_DATA: return data.getData(c);
            case Pivs.INS_PUT_DATA: return data.putData(c);
            case Pivs.INS_VERIFY: return pins.verify(c);
            case Pivs.INS_CHANGE_REFERENCE_DATA: return pins.changeReferenceData(c);
            case Pivs.INS_RESET_RETRY_COUNTER: return pins.resetRetryCounter(c);
            case Pivs.INS_SET_PIN_RETRIES: return pins.setPinRetries(c);
            case Pivs.INS_RESET: return pins.reset(c);
            case Pivs.INS_GENERAL_AUTHENTICATE: return keys.generalAuthenticate(c);
            case Pivs.INS_GENERATE_ASYMMETRIC_KEY_PAIR: return keys.generate(c);
            case Pivs.INS_IMPORT_KEY: return keys.importKey(c);
            case Pivs.INS_SET_MANAGEMENT_KEY: return keys.setManagementKey(c);
            case Pivs.INS_ATTEST: return keys.attest(c);
            case Pivs.INS_GET_METADATA: return keys.metadata(c);
            case Pivs.INS_MOVE_KEY: return keys.move(c);
            case Pivs.INS_GET_VERSION: return getVersion(c);
            case Pivs.INS_GET_SERIAL: return getSerial(c);
            default: throw new SwException(StatusWord.INS_NOT_SUPPORTED);
        }
    }

    /**
     * SELECT (SP 800-73-4 Part 2 3.1.1): the PIV AID or any right-truncated prefix of at least the RID selects PIV
     * and returns the Application Property Template; re-selecting PIV keeps the security status; an unknown AID
     * answers 6A82 and leaves PIV selected.
     */
    private byte[] select(CommandApdu c) {
        if (c.p1() != 0x04 || (c.p2() != 0x00 && c.p2() != 0x0C)) {
            throw new SwException(StatusWord.INCORRECT_P1P2);
        }
        byte[] aid = c.data();
        if (aid.length == 0) {
            throw new SwException(StatusWord.WRONG_LENGTH);
        }
        if (!Pivs.isPivAid(aid)) {
            throw new SwException(StatusWord.FILE_NOT_FOUND);
        }
        return c.p2() == 0x0C ? new byte[0] : APPLICATION_PROPERTY_TEMPLATE.clone();
    }

    /** YubiKey GET VERSION (INS FD): three bytes, major minor patch. */
    private byte[] getVersion(CommandApdu c) {
        requireNoData(c);
        return state.version.clone();
    }

    /** YubiKey GET SERIAL (INS F8): four bytes, big-endian. */
    private byte[] getSerial(CommandApdu c) {
        requireNoData(c);
        int s = state.serial;
        return new byte[] {(byte) (s >>> 24), (byte) (s >>> 16), (byte) (s >>> 8), (byte) s};
    }

    static void requireNoData(CommandApdu c) {
        if (c.p1() != 0 || c.p2() != 0) {
            throw new SwException(StatusWord.INCORRECT_P1P2);
        }
        if (c.nc() != 0) {
            throw new SwException(StatusWord.WRONG_LENGTH);
        }
    }

    KeyCommands keys() {
        return keys;
    }

    void requireAdmin() {
        if (!status.adminAuthenticated) {
            throw new SwException(StatusWord.SECURITY_STATUS_NOT_SATISFIED);
        }
    }

    static PivKeyRef asymmetricSlot(int code) {
        return PivKeyRef.find(code).filter(PivKeyRef::isAsymmetricSlot)
                .orElseThrow(() -> new SwException(StatusWord.INCORRECT_P1P2));
    }

    @Override
    public String toString() {
        return "PivCard[serial " + state.serial + "]";
    }
}
