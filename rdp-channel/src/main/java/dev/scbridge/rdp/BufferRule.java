package dev.scbridge.rdp;

/**
 * How much of a result goes back, given the caller's buffer (MS-RDPESC 2.2.1.9 SCARD_AUTOALLOCATE; the
 * {@code f*IsNULL} / {@code cch*} / {@code cb*} pairs of 2.2.2.3, 2.2.2.4, 2.2.2.17, 2.2.2.18, 2.2.2.19, 2.2.2.21;
 * facts/rdp.md 3.1): a NULL buffer or a zero length asks for the length only; SCARD_AUTOALLOCATE takes any length;
 * otherwise data longer than the buffer is {@code SCARD_E_INSUFFICIENT_BUFFER}.
 */
enum BufferRule {
    /** Return the data. */
    DATA,
    /** Return the length with a NULL pointer. */
    LENGTH_ONLY,
    /** ReturnCode SCARD_E_INSUFFICIENT_BUFFER. */
    INSUFFICIENT;

    /** cch/cb value meaning "allocate for me" (0xFFFFFFFF). */
    static final int AUTOALLOCATE = -1;

    /**
     * @param bufferIsNull the call's f*IsNULL flag
     * @param capacity     the caller's cch/cb, in the same units as {@code length}
     * @param length       the result's length
     */
    static BufferRule decide(boolean bufferIsNull, int capacity, int length) {
        if (bufferIsNull) {
            return LENGTH_ONLY;
        }
        if (capacity == AUTOALLOCATE) {
            return DATA;
        }
        if (capacity == 0) {
            return LENGTH_ONLY;
        }
        return Integer.compareUnsigned(length, capacity) > 0 ? INSUFFICIENT : DATA;
    }
}
