package dev.scbridge.sidecar;

import dev.scbridge.bridge.Bridge;
import io.grpc.Server;
import io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.NettyServerBuilder;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerDomainSocketChannel;
import io.netty.channel.unix.DomainSocketAddress;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The bridge as the gRPC service {@code scbridge.v1.SmartCardBridge} (issue 6, section 3; the API is
 * {@code smartcard_bridge.proto}), on grpc-java over Netty, for gateways written in other languages.
 *
 * <pre>{@code
 * try (Bridge bridge = Bridge.builder().ca(ca).build();
 *      SidecarServer server = SidecarServer.builder(bridge)
 *              .endpoint(new Endpoint.UnixSocket(Path.of("/run/scbridge/sidecar.sock"))).build().start()) {
 *     server.awaitTermination();
 * }
 * }</pre>
 *
 * <p>The server does not own the bridge: {@link #close()} closes the sessions it opened and stops serving; the
 * caller closes the bridge. Threads: Netty's event loops and gRPC's default executor for calls, plus one timer for
 * attach timeouts and deferred closes; none per session.
 */
public final class SidecarServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SidecarServer.class);
    /** Sessions with no Channel stream this long after OpenSession are closed (a gateway that died between). */
    public static final Duration DEFAULT_ATTACH_TIMEOUT = Duration.ofMinutes(2);
    /**
     * Largest request message: one rdpdr PDU from the server, the largest being a DeviceControlRequest with its
     * 128 KiB input buffer (DeviceControlRequest.MAX_INPUT_BUFFER_LENGTH), with room for headers.
     */
    public static final int MAX_INBOUND_MESSAGE_BYTES = 256 * 1024;
    /**
     * gRPC's HTTP/2 frame loggers print DATA frames in hex at DEBUG, and those frames carry the PIN (in
     * OpenSessionResponse, and in the card's VERIFY APDU inside a Channel PDU).
     */
    static final String[] FRAME_LOGGERS = {"io.grpc.netty.NettyServerHandler", "io.grpc.netty.NettyClientHandler"};

    static {
        holdFrameLoggersAtInfo();
    }

    /** How long {@link #close()} lets calls finish before cancelling them. */
    private static final long SHUTDOWN_GRACE_SECONDS = 5;

    private final Endpoint endpoint;
    private Server server;
    private final SessionRegistry registry;
    private final ScheduledExecutorService timer;
    /** Netty's epoll event loops, for a Unix socket; null for TCP (gRPC's shared ones). */
    private EventLoopGroup boss;
    private EventLoopGroup workers;

    private SidecarServer(Builder b) throws IOException {
        this.endpoint = b.endpoint;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "scbridge-sidecar-timer");
            t.setDaemon(true);
            return t;
        });
        this.registry = new SessionRegistry(b.random != null ? b.random : new SecureRandom(), timer,
                b.attachTimeout);
        BridgeService service = new BridgeService(b.bridge, registry, b.crls);
        try {
            this.server = netty(b.endpoint).addService(service).maxInboundMessageSize(MAX_INBOUND_MESSAGE_BYTES)
                    .build();
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
    }

    private NettyServerBuilder netty(Endpoint endpoint) throws IOException {
        if (endpoint instanceof Endpoint.UnixSocket unix) {
            if (!Epoll.isAvailable()) {
                throw new IOException("Unix domain sockets need Netty's epoll transport (Linux x86-64): "
                        + Epoll.unavailabilityCause().getMessage());
            }
            UnixSocketFiles.prepare(unix.path());
            boss = new MultiThreadIoEventLoopGroup(1, EpollIoHandler.newFactory());
            workers = new MultiThreadIoEventLoopGroup(0, EpollIoHandler.newFactory());
            return NettyServerBuilder.forAddress(new DomainSocketAddress(unix.path().toString()))
                    .channelType(EpollServerDomainSocketChannel.class)
                    // gRPC sets TCP keep-alive on every accepted channel; null takes it off (no such thing here)
                    .withChildOption(ChannelOption.SO_KEEPALIVE, null)
                    .bossEventLoopGroup(boss)
                    .workerEventLoopGroup(workers);
        } else {
            Endpoint.MutualTls tls = (Endpoint.MutualTls) endpoint;
            return NettyServerBuilder.forAddress(new InetSocketAddress(tls.host(), tls.port()))
                    .sslContext(sslContext(tls));
        }
    }

    private static SslContext sslContext(Endpoint.MutualTls tls) throws IOException {
        try {
            return GrpcSslContexts.forServer(tls.certificateChain().toFile(), tls.privateKey().toFile())
                    .trustManager(tls.clientCa().toFile())
                    .clientAuth(ClientAuth.REQUIRE)
                    .build();
        } catch (IllegalArgumentException | IOException e) {
            throw new IOException("cannot set up TLS from " + tls.certificateChain() + ", " + tls.privateKey()
                    + " and " + tls.clientCa() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Keeps {@link #FRAME_LOGGERS} at INFO under slf4j-simple (the scbridge CLI's binding) whatever the log level,
     * so that no PIN reaches a log. Runs when this class loads, before gRPC creates those loggers. An application
     * embedding the sidecar with another logging backend must keep them below DEBUG itself.
     */
    private static void holdFrameLoggersAtInfo() {
        for (String logger : FRAME_LOGGERS) {
            System.setProperty("org.slf4j.simpleLogger.log." + logger, "info");
        }
    }

    public static Builder builder(Bridge bridge) {
        return new Builder(bridge);
    }

    /** Binds and starts serving; for a Unix socket, restricts the socket file to this user (0600). */
    public SidecarServer start() throws IOException {
        try {
            server.start();
            if (endpoint instanceof Endpoint.UnixSocket unix) {
                UnixSocketFiles.restrict(unix.path());
            }
        } catch (IOException | RuntimeException e) {
            close();
            throw new IOException("cannot listen on " + describe() + ": " + e.getMessage(), e);
        }
        LOG.info("scbridge sidecar listening on {}", describe());
        return this;
    }

    /** The address bound: the socket path, or host:port with the actual port when 0 was asked for. */
    public SocketAddress address() {
        return server.getListenSockets().get(0);
    }

    /** The TCP port bound (mutual TLS), or -1 for a Unix socket. */
    public int port() {
        return server.getPort();
    }

    /** Sessions opened through this server and not yet closed. */
    public int sessionsOpen() {
        return registry.size();
    }

    public void awaitTermination() throws InterruptedException {
        server.awaitTermination();
    }

    /** Closes every session (streams end UNAVAILABLE), stops serving, removes the socket file. Idempotent. */
    @Override
    public void close() {
        registry.closeAll();
        if (server != null) {
            stopServer();
        }
        registry.closeAll(); // any opened while shutting down
        timer.shutdownNow();
        if (boss != null) {
            boss.shutdownGracefully(0, SHUTDOWN_GRACE_SECONDS, TimeUnit.SECONDS);
            workers.shutdownGracefully(0, SHUTDOWN_GRACE_SECONDS, TimeUnit.SECONDS);
        }
        if (endpoint instanceof Endpoint.UnixSocket unix && server != null) {
            UnixSocketFiles.remove(unix.path());
        }
    }

    private void stopServer() {
        server.shutdown();
        try {
            if (!server.awaitTermination(SHUTDOWN_GRACE_SECONDS, TimeUnit.SECONDS)) {
                server.shutdownNow();
                server.awaitTermination(SHUTDOWN_GRACE_SECONDS, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            server.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    private String describe() {
        if (endpoint instanceof Endpoint.UnixSocket unix) {
            return "unix:" + unix.path();
        }
        Endpoint.MutualTls tls = (Endpoint.MutualTls) endpoint;
        return tls.host() + ":" + (server.getPort() > 0 ? server.getPort() : tls.port()) + " (mutual TLS)";
    }

    @Override
    public String toString() {
        return "SidecarServer[" + describe() + ", " + registry.size() + " sessions]";
    }

    /** Configures a {@link SidecarServer}; an endpoint is required. */
    /** Where GetCrl's answer comes from: a freshly signed CRL, DER. */
    @FunctionalInterface
    public interface CrlSource {
        byte[] currentCrl() throws Exception;
    }

    public static final class Builder {
        private CrlSource crls;
        private final Bridge bridge;
        private Endpoint endpoint;
        private Duration attachTimeout = DEFAULT_ATTACH_TIMEOUT;
        private SecureRandom random;

        private Builder(Bridge bridge) {
            this.bridge = Objects.requireNonNull(bridge, "bridge");
        }

        public Builder endpoint(Endpoint newEndpoint) {
            this.endpoint = Objects.requireNonNull(newEndpoint, "endpoint");
            return this;
        }

        /** How long a session may wait for its Channel stream (default {@link #DEFAULT_ATTACH_TIMEOUT}). */
        public Builder attachTimeout(Duration timeout) {
            Objects.requireNonNull(timeout, "timeout");
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("attach timeout must be positive: " + timeout);
            }
            this.attachTimeout = timeout;
            return this;
        }

        /** What GetCrl answers; without one GetCrl is UNIMPLEMENTED. */
        public Builder crls(CrlSource source) {
            this.crls = Objects.requireNonNull(source, "source");
            return this;
        }

        /** Source of session ids. Default: a new {@link SecureRandom}. */
        public Builder random(SecureRandom newRandom) {
            this.random = Objects.requireNonNull(newRandom, "random");
            return this;
        }

        /**
         * Builds the server without binding yet ({@link #start()} binds).
         *
         * @throws IOException the TLS files cannot be read, the socket directory is unsafe, or epoll is missing
         */
        public SidecarServer build() throws IOException {
            if (endpoint == null) {
                throw new IllegalStateException("no endpoint: a Unix socket or mutual TLS");
            }
            return new SidecarServer(this);
        }
    }
}
