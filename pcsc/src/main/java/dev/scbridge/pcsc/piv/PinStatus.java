package dev.scbridge.pcsc.piv;

/**
 * What VERIFY without data says about a PIN or PUK (SP 800-73-4 Part 2, 3.2.1): 9000 = verified in this session;
 * 63Cx = not verified, x tries left; 6983 = blocked.
 *
 * @param retriesLeft tries left, or {@link #UNKNOWN} when the card answered 9000 (verified: the counter is full)
 */
public record PinStatus(boolean verified, boolean blocked, int retriesLeft) {
    public static final int UNKNOWN = -1;
}
