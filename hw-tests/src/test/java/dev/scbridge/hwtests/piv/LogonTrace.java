package dev.scbridge.hwtests.piv;

import java.util.List;

/**
 * The APDUs of a real Windows smart-card logon over RDP, byte for byte, as Windows' inbox PIV minidriver sent them:
 * shared/vectors/windows-logon-trace.txt (gravitational/teleport lib/srv/desktop/rdp/rdpclient/src/rdpdr/log/scard.log
 * @9fd53b338c72, a real Windows Server logon). Each constant names its trace step. Every Transmit in the trace offers
 * the card a 258-byte receive buffer ({@code cbRecvLength=258}).
 */
final class LogonTrace {
    /** {@code cbRecvLength} of every TRANSMIT_Call in the trace: 256 data bytes + SW1 SW2. */
    static final int RECEIVE_BUFFER = 258;

    /** Steps 045/046 (and 233, 309): SELECT with the 9-byte AID and no Le, and the answer Windows accepted. */
    static final String SELECT = "00 A4 04 00 09 A0 00 00 03 08 00 00 10 00";
    static final String SELECT_ANSWER = "61 11 4F 06 00 00 10 00 01 00 79 07 4F 05 A0 00 00 03 08 90 00";

    /** Step 047 (and 235): GET DATA CHUID with Le 00. */
    static final String GET_CHUID = "00 CB 3F FF 05 5C 03 5F C1 02 00";

    /** Step 085 (and 273): GET DATA of the 9A certificate; steps 087-093 fetch the rest with GET RESPONSE. */
    static final String GET_CERTIFICATE_9A = "00 CB 3F FF 05 5C 03 5F C1 05 00";
    /** Steps 087, 089, 091 send Le 00 after {@code 6100}; step 093 sends Le D4 after {@code 61D4}. */
    static final String GET_RESPONSE = "00 C0 00 00 ";

    /** Steps 103, 109, 115, 117 (9C, 9D, 9E certificates, key history) and 307 (CCC): each answered 6A82. */
    static final List<String> ABSENT_PROBES = List.of(
            "00 CB 3F FF 05 5C 03 5F C1 0A 00",
            "00 CB 3F FF 05 5C 03 5F C1 0B 00",
            "00 CB 3F FF 05 5C 03 5F C1 01 00",
            "00 CB 3F FF 05 5C 03 5F C1 0C 00",
            "00 CB 3F FF 05 5C 03 5F C1 07 00");

    /** Step 311: VERIFY with the session PIN as 8 ASCII digits (no FF padding). */
    static final String VERIFY = "00 20 00 80 08 37 30 34 37 32 31 36 38";
    static final String PIN = "70472168";

    /** Steps 330 and 344: the first piece of a signature, CLA 10, Lc F0 (240 bytes), 245 bytes in all. */
    static final String SIGN_PIECE_1_START = "10 87 07 9A F0 7C 82 01 06 82 00 81 82 01 00 00 01 FF FF";
    static final String SIGN_PIECE_1_END = "FF FF 00 30 21 30 09 06 05 2B 0E 03";
    static final int PIECE_1_LENGTH = 245;
    /** Step 332: the second piece of signature #1 (26 bytes + Le 00), the SHA-1 digest EE6D...728F. */
    static final String SIGN_1_PIECE_2 = "00 87 07 9A 1A 02 1A 05 00 04 14 EE 6D 4B 51 32 30 B8 5B 5C 01 55 1E 1E 72 50"
            + " CF 4E C4 72 8F 00";
    static final String SIGN_1_DIGEST = "EE 6D 4B 51 32 30 B8 5B 5C 01 55 1E 1E 72 50 CF 4E C4 72 8F";
    /** Step 346: the second piece of signature #2 (after the decipher, no VERIFY in between). */
    static final String SIGN_2_PIECE_2 = "00 87 07 9A 1A 02 1A 05 00 04 14 EF 4D 79 DA D3 29 DD 29 88 51 1A D9 71 1B 00"
            + " 50 BA D2 74 AA 00";
    static final String SIGN_2_DIGEST = "EF 4D 79 DA D3 29 DD 29 88 51 1A D9 71 1B 00 50 BA D2 74 AA";
    /** Steps 333/340/347 answer 256 bytes + {@code 6108}; steps 334, 341, 348 fetch the last 8 bytes. */
    static final String GET_RESPONSE_8 = "00 C0 00 00 08";
    /** The start of every GENERAL AUTHENTICATE answer: {@code 7C 82 01 04 {82 82 01 00 <256 bytes>}}. */
    static final String AUTHENTICATE_ANSWER_START = "7C 82 01 04 82 82 01 00";
    /** Steps 337/339: the decipher uses the same framing: a 240-byte piece, then 26 bytes + Le 00. */
    static final String DECIPHER_PIECE_1_HEADER = "10 87 07 9A F0";
    static final String DECIPHER_PIECE_2_HEADER = "00 87 07 9A 1A";

    private LogonTrace() {
    }
}
