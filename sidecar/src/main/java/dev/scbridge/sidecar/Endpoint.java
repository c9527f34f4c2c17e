package dev.scbridge.sidecar;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where the sidecar listens: a Unix domain socket, or TCP with mutual TLS. There is deliberately no plain TCP:
 * the service hands out PINs and drives session cards, so every peer is either a local process allowed into the
 * socket's directory or holds a client certificate from the configured CA.
 */
public sealed interface Endpoint permits Endpoint.UnixSocket, Endpoint.MutualTls {

    /**
     * A Unix domain socket at {@code path} (Linux, Netty's epoll transport). Its directory is created with mode
     * 0700 if absent and must otherwise be owned by this user and closed to group and others; the socket gets mode
     * 0600. A stale socket left at {@code path} by an earlier run is replaced; any other file there is an error.
     */
    record UnixSocket(Path path) implements Endpoint {
        public UnixSocket {
            Objects.requireNonNull(path, "path");
            if (path.getParent() == null) {
                throw new IllegalArgumentException("the socket path needs a directory: " + path);
            }
        }
    }

    /**
     * TCP on {@code host}:{@code port} (port 0: any free port) with TLS, requiring a client certificate that
     * chains to {@code clientCa}; a peer without one is refused during the handshake.
     *
     * @param certificateChain the server's certificate chain, PEM
     * @param privateKey       the server's private key, PEM (PKCS#8)
     * @param clientCa         the CA certificate(s) client certificates must chain to, PEM
     */
    record MutualTls(String host, int port, Path certificateChain, Path privateKey, Path clientCa)
            implements Endpoint {
        public MutualTls {
            Objects.requireNonNull(host, "host");
            Objects.requireNonNull(certificateChain, "certificateChain");
            Objects.requireNonNull(privateKey, "privateKey");
            Objects.requireNonNull(clientCa, "clientCa");
            if (port < 0 || port > 0xFFFF) {
                throw new IllegalArgumentException("port " + port + " out of range 0..65535");
            }
        }
    }
}
