package dev.scbridge.sidecar;

import com.google.protobuf.ByteString;
import dev.scbridge.bridge.Bridge;
import dev.scbridge.bridge.ExchangeListener;
import dev.scbridge.bridge.LogonResult;
import dev.scbridge.bridge.SessionKeyType;
import dev.scbridge.bridge.SessionPin;
import dev.scbridge.bridge.WindowsLogonExchange;
import dev.scbridge.ca.CaKeyType;
import dev.scbridge.ca.CertificateAuthority;
import dev.scbridge.rdp.efs.ServerAnnounce;
import dev.scbridge.rdp.host.RdpHost;
import dev.scbridge.rdp.host.WindowsSmartCardSession;
import dev.scbridge.sidecar.v1.ChannelMessage;
import dev.scbridge.sidecar.v1.CloseSessionRequest;
import dev.scbridge.sidecar.v1.GetCaCertificateRequest;
import dev.scbridge.sidecar.v1.OpenSessionRequest;
import dev.scbridge.sidecar.v1.OpenSessionResponse;
import dev.scbridge.sidecar.v1.SmartCardBridgeGrpc;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import io.grpc.stub.StreamObserver;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.EpollDomainSocketChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.unix.DomainSocketAddress;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Issue 6, section 3: the sidecar on a Unix socket, driven by a grpc-java client as a gateway would drive it. */
class SidecarServerTest {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final long WAIT_SECONDS = 30;

    @TempDir
    static Path tmp;
    private static CertificateAuthority ca;
    private static Bridge bridge;
    private static Path socket;
    private static SidecarServer server;
    private static EventLoopGroup clientLoop;
    private static ManagedChannel channel;
    private static LogCapture logs;

    @BeforeAll
    static void start() throws Exception {
        logs = new LogCapture();
        ca = CertificateAuthority.builder().keyType(CaKeyType.P256).random(RANDOM).build();
        bridge = Bridge.builder().ca(ca).keyPool(0, SessionKeyType.P256).random(RANDOM).build();
        socket = tmp.resolve("run").resolve("sidecar.sock");
        server = SidecarServer.builder(bridge).endpoint(new Endpoint.UnixSocket(socket)).build().start();
        clientLoop = new MultiThreadIoEventLoopGroup(1, EpollIoHandler.newFactory());
        channel = unixClient(NettyChannelBuilder.forAddress(new DomainSocketAddress(socket.toString()))).build();
    }

    private static NettyChannelBuilder unixClient(NettyChannelBuilder b) {
        return b.channelType(EpollDomainSocketChannel.class).eventLoopGroup(clientLoop).usePlaintext()
                .withOption(ChannelOption.SO_KEEPALIVE, null); // a TCP option; gRPC sets it on every channel
    }

    @AfterAll
    static void stop() {
        if (channel != null) {
            channel.shutdownNow();
        }
        if (server != null) {
            server.close();
        }
        if (bridge != null) {
            bridge.close();
        }
        if (clientLoop != null) {
            clientLoop.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        }
        if (logs != null) {
            logs.close();
        }
    }

    private static SmartCardBridgeGrpc.SmartCardBridgeBlockingStub blocking() {
        return SmartCardBridgeGrpc.newBlockingStub(channel).withDeadlineAfter(WAIT_SECONDS, TimeUnit.SECONDS);
    }

    private static OpenSessionResponse open() {
        return blocking().openSession(OpenSessionRequest.newBuilder().setUser("alice").setDomain("example.test")
                .setSid("S-1-5-21-1004336348-1177238915-682003330-1001").build());
    }

    /** The gateway's side of a Channel stream: a Windows host (RdpHost) whose PDUs go through the sidecar. */
    private static final class Gateway implements StreamObserver<ChannelMessage> {
        final CompletableFuture<Status> ended = new CompletableFuture<>();
        final RdpHost host;
        final StreamObserver<ChannelMessage> requests;

        Gateway(String sessionId) {
            requests = SmartCardBridgeGrpc.newStub(channel).channel(this);
            send(ChannelMessage.newBuilder().setSessionId(sessionId).build());
            host = new RdpHost(pdu -> send(ChannelMessage.newBuilder().setPdu(ByteString.copyFrom(pdu)).build()));
        }

        synchronized void send(ChannelMessage m) {
            requests.onNext(m);
        }

        synchronized void finish() {
            requests.onCompleted();
        }

        @Override
        public void onNext(ChannelMessage m) {
            host.fromClient(m.getPdu().toByteArray());
        }

        @Override
        public void onError(Throwable t) {
            ended.complete(Status.fromThrowable(t));
        }

        @Override
        public void onCompleted() {
            ended.complete(Status.OK);
        }

        Status awaitEnd() throws Exception {
            return ended.get(WAIT_SECONDS, TimeUnit.SECONDS);
        }
    }

    @Test
    void aWindowsLogonThroughTheSidecar() throws Exception {
        OpenSessionResponse opened = open();
        assertThat(opened.getSessionId()).matches("[0-9a-f]{32}");
        assertThat(opened.getPin()).matches("[0-9]{8}");
        assertThat(opened.getUpn()).isEqualTo("alice@example.test");
        X509Certificate certificate = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(opened.getCertificateDer().toByteArray()));
        certificate.verify(ca.certificate().getPublicKey());

        Gateway gateway = new Gateway(opened.getSessionId());
        gateway.host.handshake();
        try (WindowsSmartCardSession windows = new WindowsSmartCardSession(gateway.host)) {
            windows.open();
            // play() verifies the card's signature with the certificate's public key, or throws
            LogonResult logon = new WindowsLogonExchange(ca.certificate(), Clock.systemUTC(), RANDOM)
                    .play(windows.transport(), SessionPin.of(opened.getPin()), ExchangeListener.NONE);
            assertThat(logon.certificate()).isEqualTo(certificate);
            assertThat(logon.upn()).isEqualTo("alice@example.test");
        }
        gateway.finish();
        assertThat(gateway.awaitEnd().getCode()).isEqualTo(Status.Code.OK);
        // the stream's end closed the session
        assertThatThrownBy(() -> blocking().closeSession(close(opened.getSessionId())))
                .satisfies(e -> assertThat(Status.fromThrowable(e).getCode()).isEqualTo(Status.Code.NOT_FOUND));

        String logged = logs.text();
        assertThat(logged).contains("opened for alice@example.test"); // the capture works
        assertThat(logged).doesNotContain(opened.getPin());
        // nor as bytes: gRPC's HTTP/2 frame loggers print DATA frames in hex at DEBUG (SidecarServer)
        String pinHex = HexFormat.of().formatHex(opened.getPin().getBytes(StandardCharsets.US_ASCII));
        assertThat(logged.toLowerCase(Locale.ROOT)).doesNotContain(pinHex);
    }

    @Test
    void theSocketIsThisUsersOnly() throws Exception {
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(socket))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(socket.getParent())))
                .isEqualTo("rwx------");
    }

    @Test
    void anOpenDirectoryIsRefused() throws Exception {
        Path dir = Files.createDirectory(tmp.resolve("open"));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
        assertThatThrownBy(() -> SidecarServer.builder(bridge)
                .endpoint(new Endpoint.UnixSocket(dir.resolve("s.sock"))).build())
                .hasMessageContaining("is open to others");
    }

    @Test
    void closeSessionEndsTheStreamOkAndForgetsTheSession() throws Exception {
        OpenSessionResponse opened = open();
        Gateway gateway = new Gateway(opened.getSessionId());
        gateway.host.handshake();
        blocking().closeSession(close(opened.getSessionId()));
        assertThat(gateway.awaitEnd().getCode()).isEqualTo(Status.Code.OK);
        assertThatThrownBy(() -> blocking().closeSession(close(opened.getSessionId())))
                .satisfies(e -> assertThat(Status.fromThrowable(e).getCode()).isEqualTo(Status.Code.NOT_FOUND));
    }

    @Test
    void anUnknownSessionIsNotFound() throws Exception {
        Gateway gateway = new Gateway("00112233445566778899aabbccddeeff");
        Status status = gateway.awaitEnd();
        assertThat(status.getCode()).isEqualTo(Status.Code.NOT_FOUND);
        assertThat(status.getDescription()).contains("no such session");
        assertThatThrownBy(() -> blocking().closeSession(close("00112233445566778899aabbccddeeff")))
                .satisfies(e -> assertThat(Status.fromThrowable(e).getCode()).isEqualTo(Status.Code.NOT_FOUND));
    }

    @Test
    void aSecondStreamForASessionIsRefused() throws Exception {
        OpenSessionResponse opened = open();
        Gateway first = new Gateway(opened.getSessionId());
        first.host.handshake(); // the first stream is attached once it answers
        Gateway second = new Gateway(opened.getSessionId());
        assertThat(second.awaitEnd().getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION);
        first.finish();
        assertThat(first.awaitEnd().getCode()).isEqualTo(Status.Code.OK);
    }

    @Test
    void aFirstMessageWithoutSessionIdIsInvalid() throws Exception {
        CompletableFuture<Status> ended = new CompletableFuture<>();
        StreamObserver<ChannelMessage> requests = SmartCardBridgeGrpc.newStub(channel).channel(ending(ended));
        requests.onNext(ChannelMessage.newBuilder().setPdu(ByteString.copyFrom(new byte[] {1, 2})).build());
        Status status = ended.get(WAIT_SECONDS, TimeUnit.SECONDS);
        assertThat(status.getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(status.getDescription()).contains("session_id");
    }

    @Test
    void aBadIdentityIsInvalidArgumentNamingTheField() {
        assertThatThrownBy(() -> blocking().openSession(OpenSessionRequest.newBuilder().setUser("alice")
                .setDomain("nodots").build()))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
                    assertThat(e.getStatus().getDescription()).startsWith("OpenSessionRequest.domain: ");
                });
        assertThatThrownBy(() -> blocking().openSession(OpenSessionRequest.newBuilder().setUser("al\u202Eice")
                .setDomain("example.test").build()))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
                    assertThat(e.getStatus().getDescription()).startsWith("OpenSessionRequest.user: ");
                });
        assertThatThrownBy(() -> blocking().openSession(OpenSessionRequest.newBuilder().setUser("alice")
                .setDomain("example.test").setSid("S-1-5-bogus").build()))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e ->
                    assertThat(e.getStatus().getDescription()).startsWith("OpenSessionRequest.sid: "));
    }

    @Test
    void theCaCertificateIsServed() throws Exception {
        byte[] der = blocking().getCaCertificate(GetCaCertificateRequest.getDefaultInstance())
                .getCertificateDer().toByteArray();
        assertThat(der).isEqualTo(ca.certificate().getEncoded());
    }

    @Test
    void withoutACrlSourceGetCrlIsUnimplemented() {
        assertThatThrownBy(() -> blocking().getCrl(dev.scbridge.sidecar.v1.GetCrlRequest.getDefaultInstance()))
                .satisfies(e -> assertThat(Status.fromThrowable(e).getCode())
                        .isEqualTo(Status.Code.UNIMPLEMENTED));
    }

    @Test
    void getCrlServesWhatTheSourceSigns() throws Exception {
        byte[] crl = {0x30, 0x03, 0x02, 0x01, 0x07};
        Path path = tmp.resolve("crl").resolve("s.sock");
        try (SidecarServer withCrl = SidecarServer.builder(bridge).crls(() -> crl)
                .endpoint(new Endpoint.UnixSocket(path)).build().start()) {
            ManagedChannel c = unixClient(NettyChannelBuilder.forAddress(new DomainSocketAddress(path.toString())))
                    .build();
            try {
                byte[] got = SmartCardBridgeGrpc.newBlockingStub(c)
                        .getCrl(dev.scbridge.sidecar.v1.GetCrlRequest.getDefaultInstance()).getCrlDer().toByteArray();
                assertThat(got).isEqualTo(crl);
            } finally {
                c.shutdownNow();
            }
        }
    }

    /**
     * A gateway that stops reading: the sidecar buffers a bounded number of PDUs, then closes the session and
     * ends the stream RESOURCE_EXHAUSTED instead of growing memory.
     */
    @Test
    void aGatewayThatStopsReadingLosesItsSession() throws Exception {
        OpenSessionResponse opened = open();
        int before = server.sessionsOpen();
        CompletableFuture<Status> ended = new CompletableFuture<>();
        ClientCallStreamObserver<?>[] call = new ClientCallStreamObserver<?>[1];
        ClientResponseObserver<ChannelMessage, ChannelMessage> reader =
                new ClientResponseObserver<>() {
                    @Override
                    public void beforeStart(ClientCallStreamObserver<ChannelMessage> requestStream) {
                        call[0] = requestStream;
                        requestStream.disableAutoRequestWithInitial(0); // read nothing
                    }

                    @Override
                    public void onNext(ChannelMessage value) {
                    }

                    @Override
                    public void onError(Throwable t) {
                        ended.complete(Status.fromThrowable(t));
                    }

                    @Override
                    public void onCompleted() {
                        ended.complete(Status.OK);
                    }
                };
        // a small HTTP/2 window so the sidecar's transport stops taking PDUs early
        ManagedChannel slow = unixClient(NettyChannelBuilder.forAddress(new DomainSocketAddress(socket.toString())))
                .flowControlWindow(16 * 1024).build();
        try {
            StreamObserver<ChannelMessage> requests = SmartCardBridgeGrpc.newStub(slow).channel(reader);
            requests.onNext(ChannelMessage.newBuilder().setSessionId(opened.getSessionId()).build());
            // each Server Announce (a handshake restart) is answered with two PDUs
            ByteString announce = ByteString.copyFrom(new ServerAnnounce(1, 0x000D, 3).encode());
            for (int i = 0; i < 4000 && server.sessionsOpen() >= before; i++) {
                requests.onNext(ChannelMessage.newBuilder().setPdu(announce).build());
            }
            awaitTrue(() -> server.sessionsOpen() < before);
            call[0].request(Integer.MAX_VALUE); // read now: what was sent, then the status
            Status status = ended.get(WAIT_SECONDS, TimeUnit.SECONDS);
            assertThat(status.getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
            assertThat(status.getDescription()).contains("stopped reading");
        } finally {
            slow.shutdownNow();
        }
        assertThatThrownBy(() -> blocking().closeSession(close(opened.getSessionId())))
                .satisfies(e -> assertThat(Status.fromThrowable(e).getCode()).isEqualTo(Status.Code.NOT_FOUND));
    }

    @Test
    void aSessionWithoutAStreamIsClosedAfterTheAttachTimeout() throws Exception {
        try (SidecarServer quick = SidecarServer.builder(bridge).attachTimeout(Duration.ofMillis(50))
                .endpoint(new Endpoint.UnixSocket(tmp.resolve("quick").resolve("s.sock"))).build().start()) {
            ManagedChannel c = unixClient(NettyChannelBuilder.forAddress(
                    new DomainSocketAddress(tmp.resolve("quick").resolve("s.sock").toString()))).build();
            try {
                SmartCardBridgeGrpc.newBlockingStub(c).openSession(OpenSessionRequest.newBuilder().setUser("bob")
                        .setDomain("example.test").build());
                awaitTrue(() -> quick.sessionsOpen() == 0);
            } finally {
                c.shutdownNow();
            }
        }
    }

    private static CloseSessionRequest close(String id) {
        return CloseSessionRequest.newBuilder().setSessionId(id).build();
    }

    private static StreamObserver<ChannelMessage> ending(CompletableFuture<Status> ended) {
        return new StreamObserver<>() {
            @Override
            public void onNext(ChannelMessage value) {
            }

            @Override
            public void onError(Throwable t) {
                ended.complete(Status.fromThrowable(t));
            }

            @Override
            public void onCompleted() {
                ended.complete(Status.OK);
            }
        };
    }

    /** Polls a condition the server changes on its own threads, with a deadline. */
    private static void awaitTrue(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition within %d s", WAIT_SECONDS).isLessThan(deadline);
            Thread.sleep(5);
        }
    }
}
