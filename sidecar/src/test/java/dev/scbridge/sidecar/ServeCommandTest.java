package dev.scbridge.sidecar;

import dev.scbridge.ca.CaKeyType;
import dev.scbridge.ca.CaStore;
import dev.scbridge.sidecar.v1.GetCaCertificateRequest;
import dev.scbridge.sidecar.v1.SmartCardBridgeGrpc;
import io.grpc.ManagedChannel;
import io.grpc.netty.NettyChannelBuilder;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.EpollDomainSocketChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.unix.DomainSocketAddress;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code scbridge serve}: options, one-line failures, and a served CA over the Unix socket. */
class ServeCommandTest {
    private static final String PASSPHRASE = "correct horse battery";

    @TempDir
    static Path tmp;
    private static Path caDir;
    private static Path passphraseFile;

    @BeforeAll
    static void makeCa() throws Exception {
        caDir = tmp.resolve("ca");
        CaStore.init(caDir, CaKeyType.P256, "CN=serve test CA", Duration.ofDays(2), PASSPHRASE.toCharArray(),
                new SecureRandom());
        passphraseFile = Files.writeString(tmp.resolve("pass"), PASSPHRASE + "\n");
    }

    private record Run(ServeCommand command, CommandLine line, StringWriter err) {
        int execute(String... args) {
            return line.execute(args);
        }
    }

    private static Run command() {
        ServeCommand c = new ServeCommand();
        CommandLine line = new CommandLine(c);
        StringWriter err = new StringWriter();
        line.setErr(new PrintWriter(err, true));
        line.setOut(new PrintWriter(new StringWriter(), true));
        return new Run(c, line, err);
    }

    @Test
    void plainTcpIsNotOffered() {
        Run r = command();
        assertThat(r.execute("--ca", caDir.toString(), "--passphrase-file", passphraseFile.toString(),
                "--listen", "127.0.0.1:0")).isEqualTo(2);
        assertThat(r.err().toString()).contains("plain TCP is not offered");
    }

    @Test
    void exactlyOneEndpoint() {
        Run r = command();
        assertThat(r.execute("--ca", caDir.toString(), "--passphrase-file", passphraseFile.toString()))
                .isEqualTo(2);
        assertThat(r.err().toString()).contains("exactly one of --socket PATH or --listen HOST:PORT");
    }

    @Test
    void aWrongPassphraseFailsInOneLine() throws Exception {
        Path wrong = Files.writeString(tmp.resolve("wrong"), "not the passphrase\n");
        Run r = command();
        assertThat(r.execute("--ca", caDir.toString(), "--passphrase-file", wrong.toString(),
                "--socket", tmp.resolve("w").resolve("s.sock").toString())).isEqualTo(1);
        assertThat(r.err().toString()).startsWith("serve: cannot open the CA in ").doesNotContain("\tat ");
        assertThat(r.err().toString().lines()).hasSize(1);
    }

    @Test
    void servesTheCaOverTheSocketUntilStopped() throws Exception {
        Path socket = tmp.resolve("run").resolve("sidecar.sock");
        Run r = command();
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> r.execute("--ca", caDir.toString(),
                "--passphrase-file", passphraseFile.toString(), "--socket", socket.toString(),
                "--key-type", "p256", "--pool", "0"));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (r.command().server == null && !exit.isDone()) {
            assertThat(System.nanoTime()).as("listening within 30 s").isLessThan(deadline);
            Thread.sleep(5);
        }
        assertThat(exit).isNotDone();
        EventLoopGroup loop = new MultiThreadIoEventLoopGroup(1, EpollIoHandler.newFactory());
        ManagedChannel c = NettyChannelBuilder.forAddress(new DomainSocketAddress(socket.toString()))
                .channelType(EpollDomainSocketChannel.class).eventLoopGroup(loop).usePlaintext()
                .withOption(ChannelOption.SO_KEEPALIVE, null).build();
        try {
            byte[] der = SmartCardBridgeGrpc.newBlockingStub(c).withDeadlineAfter(30, TimeUnit.SECONDS)
                    .getCaCertificate(GetCaCertificateRequest.getDefaultInstance()).getCertificateDer()
                    .toByteArray();
            assertThat(der).isEqualTo(CaStore.at(caDir).certificate().getEncoded());
            byte[] crl = SmartCardBridgeGrpc.newBlockingStub(c).withDeadlineAfter(30, TimeUnit.SECONDS)
                    .getCrl(dev.scbridge.sidecar.v1.GetCrlRequest.getDefaultInstance()).getCrlDer().toByteArray();
            java.security.cert.X509CRL parsed = (java.security.cert.X509CRL) java.security.cert.CertificateFactory
                    .getInstance("X.509").generateCRL(new java.io.ByteArrayInputStream(crl));
            parsed.verify(CaStore.at(caDir).certificate().getPublicKey());
        } finally {
            c.shutdownNow();
            loop.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        }
        r.command().stop.countDown();
        assertThat(exit.get(30, TimeUnit.SECONDS)).isZero();
        assertThat(r.err().toString()).contains("serving SidecarServer[unix:" + socket);
        assertThat(socket).doesNotExist();
    }
}
