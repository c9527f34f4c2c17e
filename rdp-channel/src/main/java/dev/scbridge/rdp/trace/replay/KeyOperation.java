package dev.scbridge.rdp.trace.replay;

/**
 * A private-key operation the replay made the card perform: a GENERAL AUTHENTICATE (SP 800-73-4 Part 2, 3.2.4)
 * with a challenge (tag 81) and a response request (tag 82).
 *
 * @param step      the step of the APDU that completed the command (the last piece of a chain)
 * @param keyRef    P2, e.g. 0x9A
 * @param algorithm P1, e.g. 0x07 (RSA 2048)
 * @param kind      SIGN when the challenge is a PKCS#1 v1.5 type 1 block (00 01 FF..), DECIPHER otherwise
 */
public record KeyOperation(int step, int keyRef, int algorithm, Kind kind) {
    /** What the host used the raw private-key operation for. */
    public enum Kind { SIGN, DECIPHER }

    @Override
    public String toString() {
        return String.format("step %03d %s key %02X alg %02X", step, kind, keyRef, algorithm);
    }
}
