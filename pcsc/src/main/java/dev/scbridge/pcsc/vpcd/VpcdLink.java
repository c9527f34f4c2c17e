package dev.scbridge.pcsc.vpcd;

import dev.scbridge.card.CardEdge;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Serves one card to pcscd through vsmartcard's vpcd driver (package doc: the wire format).
 *
 * <p>Two modes, as vpcd has them:
 * <ul>
 *   <li>{@linkplain Builder#connectTo connect} (vpcd's normal mode, {@code DEVICENAME /dev/null:0x8C7B}): vpcd listens
 *   on port {@value #DEFAULT_PORT}, the card connects. When the connection ends or cannot be made (pcscd restarting)
 *   the link tries again with exponential backoff, until {@link #close()}.</li>
 *   <li>{@linkplain Builder#listenOn listen} (vpcd's reversed mode, {@code DEVICENAME 127.0.0.1:0x8C7B}): the card
 *   listens and vpcd connects; one vpcd connection at a time, later ones are closed with a log line.</li>
 * </ul>
 * Every call to the card runs on one thread owned by the link; after {@link #close()} returns that thread has
 * ended, so the caller may use the card again (to save it, say). TCP_NODELAY is on, and on Linux with the native
 * epoll transport TCP_QUICKACK is re-armed after every read ({@link QuickAckHandler}); elsewhere NIO is used.
 */
public final class VpcdLink implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(VpcdLink.class);
    /** vpcd's default port, 0x8C7B (vsmartcard's reader.conf: {@code DEVICENAME /dev/null:0x8C7B}). */
    public static final int DEFAULT_PORT = 0x8C7B;
    /** Loopback: where vpcd normally runs. */
    public static final String DEFAULT_HOST = "127.0.0.1";
    /** First retry delay after a lost or refused connection. */
    public static final Duration DEFAULT_MIN_BACKOFF = Duration.ofMillis(100);
    /** Retry delays double up to this; pcscd is back within a few seconds of a restart. */
    public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofSeconds(2);
    /** How long close() waits for the I/O and card threads to end. */
    static final long CLOSE_WAIT_MS = 5_000;
    /** Connect timeout per attempt. */
    static final int CONNECT_TIMEOUT_MS = 3_000;

    private final CardEdge card;
    private final boolean listening;
    private final InetSocketAddress address;
    private final long minBackoffMs;
    private final long maxBackoffMs;
    private final boolean epoll;
    private final EventLoopGroup group;
    private final ExecutorService cardThread;
    private final AtomicReference<Channel> active = new AtomicReference<>();
    private final Object monitor = new Object();
    private volatile boolean closed;
    private volatile boolean started;
    private volatile Channel server;
    private long backoffMs;
    private int connections;
    private boolean everReached;

    private VpcdLink(Builder b) {
        this.card = b.card;
        this.listening = b.listening;
        this.address = b.address;
        this.minBackoffMs = b.minBackoff.toMillis();
        this.maxBackoffMs = b.maxBackoff.toMillis();
        this.epoll = b.allowEpoll && Epoll.isAvailable();
        IoHandlerFactory io = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        this.group = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("vpcd-io", true), io);
        this.cardThread = Executors.newSingleThreadExecutor(new DefaultThreadFactory("vpcd-card", true));
        this.backoffMs = minBackoffMs;
    }

    /** A builder for a link serving {@code card}; by default it connects to vpcd at 127.0.0.1:35963. */
    public static Builder builder(CardEdge card) {
        return new Builder(card);
    }

    /**
     * Starts the link. In connect mode it returns at once and connects in the background (retrying); in listen
     * mode it binds first, and a bind failure is an {@link IOException}.
     */
    public VpcdLink start() throws IOException {
        if (started) {
            throw new IllegalStateException("already started");
        }
        started = true;
        if (listening) {
            bind();
        } else {
            group.execute(this::connect);
        }
        return this;
    }

    /** "epoll" (TCP_QUICKACK available) or "nio". */
    public String transport() {
        return epoll ? "epoll" : "nio";
    }

    /** True while a vpcd connection is up. */
    public boolean isConnected() {
        Channel ch = active.get();
        return ch != null && ch.isActive();
    }

    /** How many vpcd connections have been established since start. */
    public int connections() {
        synchronized (monitor) {
            return connections;
        }
    }

    /**
     * Waits until at least {@code count} connections have been established since start and one is up, or the
     * timeout passes; returns whether that happened.
     */
    public boolean awaitConnections(int count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (monitor) {
            while (!(connections >= count && isConnected())) {
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0 || closed) {
                    return false;
                }
                monitor.wait(left);
            }
            return true;
        }
    }

    /** In listen mode, the bound address (useful with port 0); in connect mode, vpcd's address. */
    public InetSocketAddress address() {
        Channel s = server;
        return s != null ? (InetSocketAddress) s.localAddress() : address;
    }

    /** Stops serving: no more reconnects, the connection closed, the card thread ended. Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        synchronized (monitor) {
            monitor.notifyAll();
        }
        Channel ch = active.get();
        if (ch != null) {
            ch.close().awaitUninterruptibly(CLOSE_WAIT_MS);
        }
        if (server != null) {
            server.close().awaitUninterruptibly(CLOSE_WAIT_MS);
        }
        group.shutdownGracefully(0, CLOSE_WAIT_MS, TimeUnit.MILLISECONDS).awaitUninterruptibly(CLOSE_WAIT_MS);
        cardThread.shutdown();
        try {
            if (!cardThread.awaitTermination(CLOSE_WAIT_MS, TimeUnit.MILLISECONDS)) {
                LOG.warn("vpcd link {}: the card thread is still busy after {} ms", describe(), CLOSE_WAIT_MS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        LOG.info("vpcd link {} closed", describe());
    }

    private String describe() {
        return (listening ? "listening on " : "to ") + address.getHostString() + ":" + address.getPort();
    }

    private ChannelInitializer<SocketChannel> initializer() {
        return new ChannelInitializer<>() {
            @Override
            protected void initChannel(SocketChannel ch) {
                addHandlers(ch.pipeline());
            }
        };
    }

    private void addHandlers(ChannelPipeline p) {
        p.addLast("quickack", QuickAckHandler.INSTANCE);
        p.addLast("decoder", new VpcdFrameDecoder());
        p.addLast("encoder", new VpcdFrameEncoder());
        p.addLast("card", new VpcdCardHandler(card, cardThread));
    }

    private void connect() {
        if (closed) {
            return;
        }
        Class<? extends Channel> type = epoll ? EpollSocketChannel.class : NioSocketChannel.class;
        new Bootstrap().group(group).channel(type)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, CONNECT_TIMEOUT_MS)
                .handler(initializer())
                .connect(address)
                .addListener((ChannelFuture f) -> {
                    if (f.isSuccess()) {
                        connected(f.channel());
                        f.channel().closeFuture().addListener(c -> lost(f.channel()));
                    } else {
                        unreachable(f.cause());
                    }
                });
    }

    private void connected(Channel ch) {
        active.set(ch);
        synchronized (monitor) {
            backoffMs = minBackoffMs;
            connections++;
            everReached = true;
            monitor.notifyAll();
        }
        LOG.info("vpcd link connected {} ({} -> {}, {})", describe(), ch.localAddress(), ch.remoteAddress(),
                transport());
        if (closed) {
            ch.close();
        }
    }

    private void lost(Channel ch) {
        active.compareAndSet(ch, null);
        if (closed) {
            return;
        }
        LOG.info("vpcd link {}: connection closed by vpcd; reconnecting", describe());
        retry(minBackoffMs);
    }

    private void unreachable(Throwable cause) {
        if (closed) {
            return;
        }
        long delay;
        boolean first;
        synchronized (monitor) {
            delay = backoffMs;
            backoffMs = Math.min(maxBackoffMs, backoffMs * 2);
            first = delay == minBackoffMs;
        }
        String why = cause == null ? "unknown" : cause.getClass().getSimpleName() + ": " + cause.getMessage();
        if (first) {
            LOG.info("vpcd {} not reachable ({}); retrying with backoff up to {} ms", describe(), why, maxBackoffMs);
        } else {
            LOG.debug("vpcd {} not reachable ({}); retrying in {} ms", describe(), why, delay);
        }
        retry(delay);
    }

    private void retry(long delayMs) {
        if (closed || group.isShuttingDown()) {
            return;
        }
        try {
            group.schedule(this::connect, delayMs, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // Closing: nothing to retry.
        }
    }

    private void bind() throws IOException {
        Class<? extends ServerChannel> type = epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
        ChannelFuture f = new ServerBootstrap().group(group).channel(type)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        if (!active.compareAndSet(null, ch)) {
                            LOG.warn("vpcd link {}: refusing a second connection from {} while one is served",
                                    describe(), ch.remoteAddress());
                            ch.close();
                            return;
                        }
                        addHandlers(ch.pipeline());
                        connected(ch);
                        ch.closeFuture().addListener(c -> {
                            active.compareAndSet(ch, null);
                            if (!closed) {
                                LOG.info("vpcd link {}: vpcd disconnected from {}", describe(), ch.remoteAddress());
                            }
                        });
                    }
                })
                .bind(address).awaitUninterruptibly();
        if (!f.isSuccess()) {
            close();
            Throwable c = f.cause();
            throw new IOException("cannot listen on " + address.getHostString() + ":" + address.getPort() + ": "
                    + (c == null ? "unknown" : c.getMessage()), c);
        }
        server = f.channel();
        LOG.info("vpcd link listening on {} ({})", server.localAddress(), transport());
    }

    /** Settings of a {@link VpcdLink}. */
    public static final class Builder {
        private final CardEdge card;
        private boolean listening;
        private InetSocketAddress address = InetSocketAddress.createUnresolved(DEFAULT_HOST, DEFAULT_PORT);
        private Duration minBackoff = DEFAULT_MIN_BACKOFF;
        private Duration maxBackoff = DEFAULT_MAX_BACKOFF;
        private boolean allowEpoll = true;

        private Builder(CardEdge card) {
            this.card = Objects.requireNonNull(card, "card");
        }

        /** Connect mode: the card connects to vpcd at host:port (1..65535). */
        public Builder connectTo(String host, int port) {
            this.listening = false;
            this.address = new InetSocketAddress(requireHost(host), requirePort(port, 1));
            return this;
        }

        /** Listen mode: the card listens on host:port (0..65535; 0 picks a free port) and vpcd connects. */
        public Builder listenOn(String host, int port) {
            this.listening = true;
            this.address = new InetSocketAddress(requireHost(host), requirePort(port, 0));
            return this;
        }

        /** Reconnect delays in connect mode: the first retry after {@code min}, doubling up to {@code max}. */
        public Builder backoff(Duration min, Duration max) {
            if (min == null || max == null || min.isNegative() || min.isZero() || max.compareTo(min) < 0) {
                throw new IllegalArgumentException("backoff needs 0 < min <= max");
            }
            this.minBackoff = min;
            this.maxBackoff = max;
            return this;
        }

        /** Use NIO even where native epoll is available (no TCP_QUICKACK). */
        public Builder nioOnly() {
            this.allowEpoll = false;
            return this;
        }

        /** The link, not yet started. */
        public VpcdLink build() {
            if (address.isUnresolved()) {
                address = new InetSocketAddress(address.getHostString(), address.getPort());
            }
            return new VpcdLink(this);
        }

        private static String requireHost(String host) {
            if (host == null || host.isBlank()) {
                throw new IllegalArgumentException("host is empty");
            }
            return host;
        }

        private static int requirePort(int port, int min) {
            if (port < min || port > 0xFFFF) {
                throw new IllegalArgumentException("port must be " + min + "..65535: " + port);
            }
            return port;
        }
    }

    @Override
    public String toString() {
        return "VpcdLink[" + describe() + ", " + transport() + "]";
    }
}
