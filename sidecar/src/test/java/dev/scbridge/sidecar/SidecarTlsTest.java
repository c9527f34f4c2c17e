package dev.scbridge.sidecar;

import dev.scbridge.bridge.Bridge;
import dev.scbridge.bridge.SessionKeyType;
import dev.scbridge.ca.CaKeyType;
import dev.scbridge.ca.CertificateAuthority;
import dev.scbridge.sidecar.v1.GetCaCertificateRequest;
import dev.scbridge.sidecar.v1.SmartCardBridgeGrpc;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.NettyChannelBuilder;
import io.netty.handler.ssl.SslContextBuilder;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The sidecar over TCP with mutual TLS: a client certificate from the configured CA is required. */
class SidecarTlsTest {
    private static final SecureRandom RANDOM = new SecureRandom();

    @TempDir
    static Path tmp;
    private static Bridge bridge;
    private static SidecarServer server;
    private static CertificateAuthority ca;

    @BeforeAll
    static void start() throws Exception {
        KeyPair tlsCaKey = ecKey();
        X509Certificate tlsCa = certificate("CN=sidecar test TLS CA", tlsCaKey, "CN=sidecar test TLS CA",
                tlsCaKey, true, null);
        KeyPair serverKey = ecKey();
        X509Certificate serverCert = certificate("CN=localhost", serverKey, "CN=sidecar test TLS CA", tlsCaKey,
                false, new GeneralNames(new GeneralName[] {new GeneralName(GeneralName.iPAddress, "127.0.0.1"),
                    new GeneralName(GeneralName.dNSName, "localhost")}));
        KeyPair clientKey = ecKey();
        X509Certificate clientCert = certificate("CN=gateway", clientKey, "CN=sidecar test TLS CA", tlsCaKey,
                false, null);
        pem(tmp.resolve("ca.pem"), "CERTIFICATE", tlsCa.getEncoded());
        pem(tmp.resolve("server.pem"), "CERTIFICATE", serverCert.getEncoded());
        pem(tmp.resolve("server.key"), "PRIVATE KEY", serverKey.getPrivate().getEncoded());
        pem(tmp.resolve("client.pem"), "CERTIFICATE", clientCert.getEncoded());
        pem(tmp.resolve("client.key"), "PRIVATE KEY", clientKey.getPrivate().getEncoded());

        ca = CertificateAuthority.builder().keyType(CaKeyType.P256).random(RANDOM).build();
        bridge = Bridge.builder().ca(ca).keyPool(0, SessionKeyType.P256).random(RANDOM).build();
        server = SidecarServer.builder(bridge).endpoint(new Endpoint.MutualTls("127.0.0.1", 0,
                tmp.resolve("server.pem"), tmp.resolve("server.key"), tmp.resolve("ca.pem"))).build().start();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
        if (bridge != null) {
            bridge.close();
        }
    }

    @Test
    void aClientWithACertificateIsServed() throws Exception {
        SslContextBuilder ssl = GrpcSslContexts.forClient().trustManager(tmp.resolve("ca.pem").toFile())
                .keyManager(tmp.resolve("client.pem").toFile(), tmp.resolve("client.key").toFile());
        ManagedChannel c = NettyChannelBuilder.forAddress("127.0.0.1", server.port()).sslContext(ssl.build())
                .build();
        try {
            byte[] der = SmartCardBridgeGrpc.newBlockingStub(c).withDeadlineAfter(30, TimeUnit.SECONDS)
                    .getCaCertificate(GetCaCertificateRequest.getDefaultInstance()).getCertificateDer().toByteArray();
            assertThat(der).isEqualTo(ca.certificate().getEncoded());
        } finally {
            c.shutdownNow();
        }
    }

    @Test
    void aClientWithoutACertificateIsRefused() throws Exception {
        ManagedChannel c = NettyChannelBuilder.forAddress("127.0.0.1", server.port())
                .sslContext(GrpcSslContexts.forClient().trustManager(tmp.resolve("ca.pem").toFile()).build())
                .build();
        try {
            assertThatThrownBy(() -> SmartCardBridgeGrpc.newBlockingStub(c).withDeadlineAfter(30, TimeUnit.SECONDS)
                    .getCaCertificate(GetCaCertificateRequest.getDefaultInstance()))
                    .satisfies(e -> assertThat(Status.fromThrowable(e).getCode()).isEqualTo(Status.Code.UNAVAILABLE));
        } finally {
            c.shutdownNow();
        }
    }

    @Test
    void aPlaintextClientIsRefused() throws Exception {
        ManagedChannel c = NettyChannelBuilder.forAddress("127.0.0.1", server.port()).usePlaintext().build();
        try {
            assertThatThrownBy(() -> SmartCardBridgeGrpc.newBlockingStub(c).withDeadlineAfter(30, TimeUnit.SECONDS)
                    .getCaCertificate(GetCaCertificateRequest.getDefaultInstance()))
                    .satisfies(e -> assertThat(Status.fromThrowable(e).getCode()).isEqualTo(Status.Code.UNAVAILABLE));
        } finally {
            c.shutdownNow();
        }
    }

    private static KeyPair ecKey() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
        return g.generateKeyPair();
    }

    private static X509Certificate certificate(String subject, KeyPair subjectKey, String issuer, KeyPair issuerKey,
                                               boolean ca, GeneralNames names) throws Exception {
        Instant now = Instant.now();
        JcaX509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(new X500Name(issuer),
                new BigInteger(64, RANDOM), Date.from(now.minus(Duration.ofMinutes(5))),
                Date.from(now.plus(Duration.ofHours(1))), new X500Name(subject), subjectKey.getPublic());
        b.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
        if (names != null) {
            b.addExtension(Extension.subjectAlternativeName, false, names);
        }
        PrivateKey signer = issuerKey.getPrivate();
        return new JcaX509CertificateConverter().getCertificate(
                b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(signer)));
    }

    private static void pem(Path file, String type, byte[] der) throws Exception {
        String body = Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der);
        Files.writeString(file, "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n",
                StandardCharsets.US_ASCII);
    }
}
