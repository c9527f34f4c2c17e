package dev.scbridge.pcsc.piv;

import dev.scbridge.apdu.CommandApdu;
import dev.scbridge.apdu.DecodeException;
import dev.scbridge.apdu.Tlv;
import dev.scbridge.apdu.piv.Pivs;

import java.io.IOException;
import java.util.List;

/**
 * GENERAL AUTHENTICATE, SP 800-73-4 Part 2, 3.2.4: {@code 00 87 alg key 7C L {...}} and its answer
 * {@code 7C L {tag L value}}. One place builds the dynamic authentication template and digs out the wanted tag.
 */
final class GeneralAuthenticate {
    private GeneralAuthenticate() {
    }

    /** Sends {@code 7C{elements}} and returns the value of {@code wantedTag} in the answer's {@code 7C}. */
    static byte[] exchange(PivSession session, String operation, int algorithm, int keyRef, int wantedTag,
                           Tlv... elements) throws IOException, PivException {
        byte[] data = Tlv.of(Pivs.TAG_DYN_AUTH, elements).encode();
        byte[] answer = session.send(operation, new CommandApdu(0x00, Pivs.INS_GENERAL_AUTHENTICATE, algorithm,
                keyRef, data, PivSession.LE_MAX));
        return find(operation, answer, wantedTag);
    }

    /** Sends {@code 7C{elements}} where no data is expected back (external authentication step 2). */
    static void send(PivSession session, String operation, int algorithm, int keyRef, Tlv... elements)
            throws IOException, PivException {
        session.send(operation, new CommandApdu(0x00, Pivs.INS_GENERAL_AUTHENTICATE, algorithm, keyRef,
                Tlv.of(Pivs.TAG_DYN_AUTH, elements).encode()));
    }

    static byte[] find(String operation, byte[] answer, int wantedTag) throws BadResponseException {
        try {
            Tlv outer = Tlv.parseSingle(answer);
            if (outer.tag() != Pivs.TAG_DYN_AUTH) {
                throw new BadResponseException(operation + ": outer tag " + Integer.toHexString(outer.tag())
                        .toUpperCase() + " (expected: 7C)");
            }
            List<Tlv> inner = outer.children();
            return Tlv.find(inner, wantedTag).orElseThrow(() -> new BadResponseException(operation + ": tag "
                    + Integer.toHexString(wantedTag).toUpperCase() + " missing in 7C")).value();
        } catch (DecodeException e) {
            throw new BadResponseException(operation + ": " + e.getMessage(), e);
        }
    }

    /** An empty element such as {@code 82 00}: "give me one" (SP 800-73-4 Part 2, 3.2.4). */
    static Tlv empty(int tag) {
        return new Tlv(tag, new byte[0]);
    }
}
