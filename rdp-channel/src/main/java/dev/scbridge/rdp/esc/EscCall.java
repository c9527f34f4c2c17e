package dev.scbridge.rdp.esc;

/** A {@code *_Call} structure (MS-RDPESC 2.2.2): what the server asks. */
public interface EscCall extends EscMessage {
}
