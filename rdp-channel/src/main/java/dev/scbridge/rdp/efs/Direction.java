package dev.scbridge.rdp.efs;

/** Who sent a PDU. The RDP server is the Windows host; the client is the card side (MS-RDPEFS 1.3). */
public enum Direction {
    SERVER_TO_CLIENT,
    CLIENT_TO_SERVER
}
