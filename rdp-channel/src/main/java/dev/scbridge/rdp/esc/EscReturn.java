package dev.scbridge.rdp.esc;

/** A {@code *_Return} structure (MS-RDPESC 2.2.3): the card side's answer, led by a ReturnCode. */
public interface EscReturn extends EscMessage {
    /** The SCARD_* ReturnCode (MS-RDPESC 2.2.8); 0 is SCARD_S_SUCCESS. */
    int returnCode();
}
