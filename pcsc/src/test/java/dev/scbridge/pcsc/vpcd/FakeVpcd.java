package dev.scbridge.pcsc.vpcd;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;

/**
 * The vpcd side of the protocol, written here from the protocol (package doc): length-prefixed frames, controls
 * of one byte. Blocking sockets with timeouts, so every wait in a test is bounded.
 */
final class FakeVpcd implements AutoCloseable {
    static final int TIMEOUT_MS = 10_000;
    private final ServerSocket server;
    private Socket socket;
    private DataInputStream in;
    private DataOutputStream out;

    private FakeVpcd(ServerSocket server) {
        this.server = server;
    }

    /** Listens on a free loopback port (vpcd's normal mode). */
    static FakeVpcd listen() throws IOException {
        return listen(0);
    }

    static FakeVpcd listen(int port) throws IOException {
        ServerSocket s = new ServerSocket();
        s.setReuseAddress(true);
        s.bind(new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        s.setSoTimeout(TIMEOUT_MS);
        return new FakeVpcd(s);
    }

    /** Connects to a card listening at port (vpcd's reversed mode). */
    static FakeVpcd connect(int port) throws IOException {
        FakeVpcd v = new FakeVpcd(null);
        Socket s = new Socket();
        s.connect(new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), port), TIMEOUT_MS);
        v.use(s);
        return v;
    }

    int port() {
        return server.getLocalPort();
    }

    /** Waits (bounded) for the card to connect. */
    FakeVpcd accept() throws IOException {
        use(server.accept());
        return this;
    }

    private void use(Socket s) throws IOException {
        s.setSoTimeout(TIMEOUT_MS);
        s.setTcpNoDelay(true);
        socket = s;
        in = new DataInputStream(s.getInputStream());
        out = new DataOutputStream(s.getOutputStream());
    }

    void send(byte[] payload) throws IOException {
        out.writeShort(payload.length);
        out.write(payload);
        out.flush();
    }

    void sendRaw(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    byte[] receive() throws IOException {
        int length = in.readUnsignedShort();
        byte[] b = new byte[length];
        in.readFully(b);
        return b;
    }

    byte[] atr() throws IOException {
        send(new byte[] {4});
        return receive();
    }

    byte[] transmit(byte[] apdu) throws IOException {
        send(apdu);
        return receive();
    }

    /** True when the card side closed the connection (read sees end of stream), within the timeout. */
    boolean closedByPeer() throws IOException {
        try {
            return in.read() == -1;
        } catch (java.net.SocketException e) {
            return true; // reset by peer
        }
    }

    void dropConnection() throws IOException {
        if (socket != null) {
            socket.close();
            socket = null;
        }
    }

    @Override
    public void close() throws IOException {
        dropConnection();
        if (server != null) {
            server.close();
        }
    }
}
