package dev.scbridge.rdp.trace.replay;

import dev.scbridge.apdu.DecodeException;
import dev.scbridge.apdu.piv.PivKeyRef;
import dev.scbridge.apdu.piv.PivObjectId;
import dev.scbridge.card.PivCard;
import dev.scbridge.card.PivCardBuilder;
import dev.scbridge.rdp.esc.EscCodecs;
import dev.scbridge.rdp.esc.Ioctl;
import dev.scbridge.rdp.esc.ReaderStateCommon;
import dev.scbridge.rdp.esc.ReaderStatesReturn;
import dev.scbridge.rdp.esc.TransmitReturn;
import dev.scbridge.rdp.trace.replay.ReplayScript.CallStep;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What a recording tells about its card, to build a session card that answers as the recorded one did: the ATR
 * (first GetStatusChange return with one), the PIN (the VERIFY of the application PIN, 8 bytes FF-padded,
 * SP 800-73-4 Part 2, 3.2.1), and every data object as the card returned it to GET DATA (SP 800-73-4 Part 2,
 * 3.1.2): the response pieces joined across 61xx GET RESPONSE chaining (ISO 7816-4 5.1.3) and the 53 wrapper
 * removed. Objects the card answered 6A82 stay absent. The private key cannot come from a recording.
 *
 * @param selectAnswer the recorded R-APDU to the first SELECT, to compare with ours
 */
public record RecordedCard(byte[] atr, Optional<String> pin, Map<Integer, byte[]> objects, Set<Integer> absent,
        Optional<byte[]> selectAnswer) {
    private static final int SW_OK = 0x9000;
    private static final int SW_NOT_FOUND = 0x6A82;
    private static final int INS_SELECT = 0xA4;
    private static final int INS_VERIFY = 0x20;
    private static final int INS_GET_DATA = 0xCB;
    private static final int INS_GET_RESPONSE = 0xC0;
    /** P2 of VERIFY for the PIV application PIN. */
    private static final int PIV_PIN = 0x80;

    public RecordedCard {
        atr = atr.clone();
        Map<Integer, byte[]> copy = new LinkedHashMap<>();
        objects.forEach((k, v) -> copy.put(k, v.clone()));
        objects = java.util.Collections.unmodifiableMap(copy);
        absent = Set.copyOf(absent);
        selectAnswer = selectAnswer.map(byte[]::clone);
    }

    @Override
    public byte[] atr() {
        return atr.clone();
    }

    public static RecordedCard from(ReplayScript script) {
        byte[] atr = null;
        String pin = null;
        byte[] select = null;
        Map<Integer, byte[]> objects = new LinkedHashMap<>();
        Set<Integer> absent = new LinkedHashSet<>();
        Integer reading = null;
        ByteArrayOutputStream acc = new ByteArrayOutputStream();
        for (CallStep c : script.calls()) {
            if (c.answer().isEmpty()) {
                continue;
            }
            if (atr == null && (c.ioctl() == Ioctl.GET_STATUS_CHANGE_W || c.ioctl() == Ioctl.GET_STATUS_CHANGE_A)) {
                atr = atrOf(c);
            }
            if (c.ioctl() != Ioctl.TRANSMIT || !c.params().has("pbSendBuffer")) {
                continue;
            }
            byte[] command = c.params().hexValue("pbSendBuffer");
            byte[] response = rApdu(c);
            if (command.length < 4 || response.length < 2) {
                continue;
            }
            int ins = command[1] & 0xFF;
            int sw = ((response[response.length - 2] & 0xFF) << 8) | (response[response.length - 1] & 0xFF);
            if (ins == INS_SELECT && select == null) {
                select = response;
            } else if (ins == INS_VERIFY && (command[3] & 0xFF) == PIV_PIN && command.length >= 13 && pin == null) {
                pin = pinOf(command);
            }
            if (ins == INS_GET_DATA && command.length >= 10 && command[5] == 0x5C && command[6] == 3) {
                reading = ((command[7] & 0xFF) << 16) | ((command[8] & 0xFF) << 8) | (command[9] & 0xFF);
                acc.reset();
            } else if (ins != INS_GET_RESPONSE) {
                reading = null;
                continue;
            }
            if (reading == null) {
                continue;
            }
            acc.write(response, 0, response.length - 2);
            if (sw == SW_NOT_FOUND && acc.size() == 0) {
                if (!objects.containsKey(reading)) {
                    absent.add(reading);
                }
                reading = null;
            } else if (sw == SW_OK) {
                objects.putIfAbsent(reading, unwrap(acc.toByteArray(), reading));
                reading = null;
            } else if ((sw >> 8) != 0x61) {
                reading = null;
            }
        }
        if (atr == null) {
            throw new IllegalArgumentException("the recording has no GetStatusChange return with an ATR");
        }
        return new RecordedCard(atr, Optional.ofNullable(pin), objects, absent, Optional.ofNullable(select));
    }

    /** A session card with the recorded ATR, PIN and objects, and {@code key} in 9A (PIV Authentication). */
    public PivCard build(KeyPair key, SecureRandom random) {
        PivCardBuilder b = PivCard.builder().atr(atr).random(random).key(PivKeyRef.AUTHENTICATION, key);
        pin.ifPresent(b::pin);
        if (!objects.containsKey(PivObjectId.CHUID.code())) {
            b.withoutChuid();
        }
        objects.forEach(b::object);
        return b.build();
    }

    private static byte[] atrOf(CallStep c) {
        try {
            var ret = EscCodecs.decodeReturn(c.ioctl(), c.answer().orElseThrow());
            if (ret instanceof ReaderStatesReturn r) {
                for (ReaderStateCommon s : r.readerStates()) {
                    if (s.cbAtr() > 0) {
                        return s.atr();
                    }
                }
            }
            return null;
        } catch (DecodeException e) {
            throw new IllegalArgumentException("step " + c.answerStep() + ": " + e.getMessage(), e);
        }
    }

    private static byte[] rApdu(CallStep c) {
        try {
            var ret = EscCodecs.decodeReturn(Ioctl.TRANSMIT, c.answer().orElseThrow());
            return ret instanceof TransmitReturn t && t.recvBuffer() != null ? t.recvBuffer() : new byte[0];
        } catch (DecodeException e) {
            throw new IllegalArgumentException("step " + c.answerStep() + ": " + e.getMessage(), e);
        }
    }

    private static String pinOf(byte[] command) {
        int lc = command[4] & 0xFF;
        byte[] data = Arrays.copyOfRange(command, 5, 5 + lc);
        int end = data.length;
        while (end > 0 && data[end - 1] == (byte) 0xFF) {
            end--;
        }
        return new String(data, 0, end, StandardCharsets.US_ASCII);
    }

    /** The value of the 53 (discretionary data) wrapper: BER length of 1, 2 or 3 bytes. */
    static byte[] unwrap(byte[] object, int id) {
        if (object.length < 2 || object[0] != 0x53) {
            throw new IllegalArgumentException(String.format("object %06X does not start with tag 53", id));
        }
        int first = object[1] & 0xFF;
        int offset;
        int length;
        if (first < 0x80) {
            offset = 2;
            length = first;
        } else if (first == 0x81 && object.length >= 3) {
            offset = 3;
            length = object[2] & 0xFF;
        } else if (first == 0x82 && object.length >= 4) {
            offset = 4;
            length = ((object[2] & 0xFF) << 8) | (object[3] & 0xFF);
        } else {
            throw new IllegalArgumentException(String.format("object %06X: bad length byte %02X", id, first));
        }
        if (offset + length != object.length) {
            throw new IllegalArgumentException(String.format("object %06X: 53 says %d bytes, %d follow", id, length,
                    object.length - offset));
        }
        return Arrays.copyOfRange(object, offset, object.length);
    }
}
