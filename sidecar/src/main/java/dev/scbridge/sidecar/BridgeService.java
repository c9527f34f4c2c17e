package dev.scbridge.sidecar;

import com.google.protobuf.ByteString;
import dev.scbridge.bridge.Bridge;
import dev.scbridge.bridge.Session;
import dev.scbridge.ca.CaException;
import dev.scbridge.ca.InvalidIdentityException;
import dev.scbridge.ca.UserIdentity;
import dev.scbridge.sidecar.v1.ChannelMessage;
import dev.scbridge.sidecar.v1.CloseSessionRequest;
import dev.scbridge.sidecar.v1.CloseSessionResponse;
import dev.scbridge.sidecar.v1.GetCaCertificateRequest;
import dev.scbridge.sidecar.v1.GetCaCertificateResponse;
import dev.scbridge.sidecar.v1.OpenSessionRequest;
import dev.scbridge.sidecar.v1.OpenSessionResponse;
import dev.scbridge.sidecar.v1.SmartCardBridgeGrpc;
import io.grpc.Status;
import io.grpc.StatusException;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.security.cert.CertificateEncodingException;
import java.util.Objects;

/** {@code scbridge.v1.SmartCardBridge} over a {@link Bridge} (smartcard_bridge.proto documents each RPC). */
final class BridgeService extends SmartCardBridgeGrpc.SmartCardBridgeImplBase {
    private static final Logger LOG = LoggerFactory.getLogger(BridgeService.class);

    private final Bridge bridge;
    private final SessionRegistry registry;
    private final SidecarServer.CrlSource crls;

    BridgeService(Bridge bridge, SessionRegistry registry, SidecarServer.CrlSource crls) {
        this.bridge = Objects.requireNonNull(bridge, "bridge");
        this.registry = Objects.requireNonNull(registry, "registry");
        this.crls = crls;
    }

    @Override
    public void openSession(OpenSessionRequest request, StreamObserver<OpenSessionResponse> response) {
        UserIdentity identity;
        try {
            identity = UserIdentity.of(request.getUser(), request.getDomain(),
                    request.getSid().isEmpty() ? null : request.getSid());
        } catch (InvalidIdentityException e) {
            response.onError(Status.INVALID_ARGUMENT
                    .withDescription("OpenSessionRequest." + fieldName(e.field()) + ": " + e.getMessage())
                    .asRuntimeException());
            return;
        }
        Session session;
        try {
            session = bridge.openSession(identity);
        } catch (CaException e) {
            LOG.warn("session for {} not opened: the CA could not sign: {}", identity.upn(), e.getMessage());
            response.onError(Status.INTERNAL.withDescription("the CA could not sign: " + e.getMessage())
                    .asRuntimeException());
            return;
        } catch (IllegalStateException closed) {
            response.onError(Status.UNAVAILABLE.withDescription("the sidecar is shutting down").asRuntimeException());
            return;
        }
        SessionRegistry.Entry entry = registry.add(session);
        OpenSessionResponse.Builder answer = OpenSessionResponse.newBuilder()
                .setSessionId(entry.id())
                .setUpn(session.upn());
        try {
            answer.setCertificateDer(ByteString.copyFrom(session.certificate().getEncoded()))
                    .setPin(session.pin().reveal());
        } catch (CertificateEncodingException | IllegalStateException e) {
            registry.close(entry, Status.INTERNAL);
            response.onError(Status.INTERNAL.withDescription("session not usable: " + e.getMessage())
                    .asRuntimeException());
            return;
        }
        LOG.info("session {} opened for {}", entry.logId(), session.upn());
        response.onNext(answer.build());
        response.onCompleted();
    }

    @Override
    public StreamObserver<ChannelMessage> channel(StreamObserver<ChannelMessage> response) {
        return new ChannelCall((ServerCallStreamObserver<ChannelMessage>) response, registry);
    }

    @Override
    public void closeSession(CloseSessionRequest request, StreamObserver<CloseSessionResponse> response) {
        if (request.getSessionId().isEmpty()) {
            response.onError(Status.INVALID_ARGUMENT.withDescription("CloseSessionRequest.session_id is empty")
                    .asRuntimeException());
            return;
        }
        try {
            registry.close(request.getSessionId());
        } catch (StatusException e) {
            response.onError(e);
            return;
        }
        response.onNext(CloseSessionResponse.getDefaultInstance());
        response.onCompleted();
    }

    @Override
    public void getCaCertificate(GetCaCertificateRequest request, StreamObserver<GetCaCertificateResponse> response) {
        try {
            response.onNext(GetCaCertificateResponse.newBuilder()
                    .setCertificateDer(ByteString.copyFrom(bridge.caCertificate().getEncoded())).build());
            response.onCompleted();
        } catch (CertificateEncodingException e) {
            response.onError(Status.INTERNAL.withDescription("cannot encode the CA certificate: " + e.getMessage())
                    .asRuntimeException());
        }
    }

    @Override
    public void getCrl(dev.scbridge.sidecar.v1.GetCrlRequest request,
                       StreamObserver<dev.scbridge.sidecar.v1.GetCrlResponse> response) {
        if (crls == null) {
            response.onError(Status.UNIMPLEMENTED.withDescription("this server has no CRL source")
                    .asRuntimeException());
            return;
        }
        byte[] der;
        try {
            der = crls.currentCrl();
        } catch (Exception e) {
            LOG.warn("CRL could not be signed: {}", e.getMessage());
            response.onError(Status.INTERNAL.withDescription("cannot sign the CRL: " + e.getMessage())
                    .asRuntimeException());
            return;
        }
        response.onNext(dev.scbridge.sidecar.v1.GetCrlResponse.newBuilder().setCrlDer(ByteString.copyFrom(der))
                .build());
        response.onCompleted();
    }

    /** The proto field an identity problem is about. */
    private static String fieldName(InvalidIdentityException.Field field) {
        return switch (field) {
            case USER -> "user";
            case DOMAIN -> "domain";
            case UPN -> "user/domain";
            case SID -> "sid";
        };
    }
}
