package dev.scbridge.bridge;

import dev.scbridge.apdu.StatusWord;

/**
 * One APDU of a played exchange, as a transcript line: what it was, how many bytes went each way, the status word
 * and how long the card took. Carries no APDU bytes: a VERIFY's data is the PIN.
 *
 * @param index    1-based position in the exchange
 * @param name     e.g. {@code "GET DATA 5FC105"}, {@code "GENERAL AUTHENTICATE (chained)"}
 * @param bytesOut command APDU length
 * @param bytesIn  response APDU length, status word included
 * @param sw       the status word
 * @param nanos    time from sending the command to having the response
 */
public record ExchangeStep(int index, String name, int bytesOut, int bytesIn, int sw, long nanos) {
    /** e.g. {@code "6A82 file or application not found"}. */
    public String status() {
        return StatusWord.describe(sw);
    }

    public double millis() {
        return nanos / 1_000_000.0;
    }
}
