package dev.scbridge.rdp.scard;

import java.util.Objects;

/** SCardConnect's answer (MS-RDPESC 2.2.3.8 Connect_Return): the new handle and the negotiated protocol. */
public record Connection(ScardId handle, int activeProtocol) {
    public Connection {
        Objects.requireNonNull(handle, "handle");
    }
}
