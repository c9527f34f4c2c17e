package dev.scbridge.rdp;

import dev.scbridge.apdu.ApduTransport;
import dev.scbridge.apdu.Hex;
import dev.scbridge.apdu.piv.PivAlgorithm;
import dev.scbridge.apdu.piv.PivKeyRef;
import dev.scbridge.pcsc.Scard;
import dev.scbridge.pcsc.ScardError;
import dev.scbridge.pcsc.piv.Pin;
import dev.scbridge.pcsc.piv.PivClient;
import dev.scbridge.rdp.efs.DeviceControlRequest;
import dev.scbridge.rdp.efs.DeviceControlResponse;
import dev.scbridge.rdp.efs.DeviceIoCompletion;
import dev.scbridge.rdp.efs.NtStatus;
import dev.scbridge.rdp.efs.RdpdrPdu;
import dev.scbridge.rdp.efs.ServerAnnounce;
import dev.scbridge.rdp.esc.*;
import dev.scbridge.rdp.host.WindowsSmartCardSession;
import org.junit.jupiter.api.Test;

import java.security.MessageDigest;
import java.security.Signature;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

class RdpdrSmartCardChannelTest {
    @Test
    void windowsLogonSequenceSignsWithTheCardKeyAndKeepsTheInfiniteCallPending() throws Exception {
        try (ChannelTestRig rig = new ChannelTestRig()) {
            assertThat(rig.host.handshake()).isEqualTo(1);
            WindowsSmartCardSession windows = new WindowsSmartCardSession(rig.host);
            assertThat(windows.open()).isEqualTo(ChannelTestRig.READER);
            assertThat(windows.statusChangePending()).isTrue();

            PivClient piv = PivClient.over(ApduTransport.ofBytes(windows.transport()));
            piv.select();
            piv.pins().verifyPin(Pin.of(ChannelTestRig.PIN));
            byte[] digest = MessageDigest.getInstance("SHA-256").digest("logon".getBytes());
            byte[] sig = piv.crypto().signRsaPkcs1(PivKeyRef.AUTHENTICATION, PivAlgorithm.RSA2048, "SHA-256", digest);
            Signature verify = Signature.getInstance("SHA256withRSA");
            verify.initVerify(ChannelTestRig.key().getPublic());
            verify.update("logon".getBytes());
            assertThat(verify.verify(sig)).isTrue();

            windows.cache(new byte[16], "Cached_ContainerInfo_00", new byte[] {1, 2, 3});
            assertThat(windows.statusChangePending()).isTrue();
            windows.close();
            assertThat(rig.host.outstanding()).isZero();
        }
    }

    @Test
    void serverAnnounceAfterLogonRestartsAndTheCardKeepsWorking() throws Exception {
        try (ChannelTestRig rig = new ChannelTestRig()) {
            rig.host.handshake();
            WindowsSmartCardSession first = new WindowsSmartCardSession(rig.host);
            first.open();
            assertThat(first.statusChangePending()).isTrue();
            int before = rig.sent.size();

            rig.host.handshake(); // Windows restarts rdpdr after logon (recorded step 353)
            assertThat(rig.channel.stats().resets()).isEqualTo(1);
            // the old INFINITE call is never answered, its context is gone
            assertThat(first.statusChangePending()).isTrue();
            assertThat(rig.sent.size() - before).isEqualTo(5); // reply, name, caps, device list, AccessStartedEvent

            WindowsSmartCardSession second = new WindowsSmartCardSession(rig.host);
            second.open();
            PivClient piv = PivClient.over(ApduTransport.ofBytes(second.transport()));
            piv.select();
            piv.pins().verifyPin(Pin.of(ChannelTestRig.PIN));
            second.close();
        }
    }

    @Test
    void unknownIoControlCodeIsAnsweredNotSupported() throws Exception {
        try (ChannelTestRig rig = new ChannelTestRig()) {
            rig.host.handshake();
            rig.channel.receive(DeviceControlRequest.of(1, 1, 7, 2048, 0x00090000, new byte[0]).encode());
            DeviceControlResponse rsp = lastControlResponse(rig);
            assertThat(rsp.header().completionId()).isEqualTo(7);
            assertThat(rsp.header().ioStatus()).isEqualTo(NtStatus.STATUS_NOT_SUPPORTED);
            assertThat(rsp.outputBuffer()).isEmpty();
        }
    }

    @Test
    void malformedNdrIsAnsweredUnsuccessfulAndTheSessionLives() throws Exception {
        try (ChannelTestRig rig = new ChannelTestRig()) {
            rig.host.handshake();
            byte[] truncated = Hex.decode("01100800CCCCCCCC1000000000000000" + "0400");
            rig.channel.receive(DeviceControlRequest.of(1, 1, 9, 2048, Ioctl.LIST_READERS_W.code(), truncated)
                    .encode());
            assertThat(lastControlResponse(rig).header().ioStatus()).isEqualTo(NtStatus.STATUS_UNSUCCESSFUL);
            assertThat(rig.channel.stats().malformed()).isEqualTo(1);
            EscReturn r = rig.host.call(Ioctl.ESTABLISH_CONTEXT, new EstablishContextCall(Scard.SCOPE_USER));
            assertThat(r.returnCode()).isZero();
        }
    }

    @Test
    void brokenIoRequestBodyStillGetsAnAnswer() throws Exception {
        try (ChannelTestRig rig = new ChannelTestRig()) {
            rig.host.handshake();
            byte[] pdu = DeviceControlRequest.of(1, 1, 11, 2048, Ioctl.CANCEL.code(), new byte[8]).encode();
            pdu[28] = 0x7F; // InputBufferLength far beyond the PDU
            rig.channel.receive(pdu);
            DeviceControlResponse rsp = lastControlResponse(rig);
            assertThat(rsp.header().completionId()).isEqualTo(11);
            assertThat(rsp.header().ioStatus()).isEqualTo(NtStatus.STATUS_UNSUCCESSFUL);
        }
    }

    @Test
    void requestForAnotherDeviceGetsNoReply() throws Exception {
        try (ChannelTestRig rig = new ChannelTestRig()) {
            rig.host.handshake();
            int before = rig.sent.size();
            rig.channel.receive(DeviceControlRequest.of(2, 1, 3, 2048, Ioctl.ESTABLISH_CONTEXT.code(),
                    new EstablishContextCall(0).toBytes()).encode());
            assertThat(rig.sent).hasSize(before);
            assertThat(rig.channel.stats().ignored()).isEqualTo(1);
        }
    }

    @Test
    void returnLargerThanTheOutputBufferIsBufferTooSmall() throws Exception {
        try (ChannelTestRig rig = new ChannelTestRig()) {
            rig.host.handshake();
            RedirContext ctx = ((EstablishContextReturn) rig.host.call(Ioctl.ESTABLISH_CONTEXT,
                    new EstablishContextCall(Scard.SCOPE_USER))).context();
            CompletableFuture<EscReturn> r = rig.host.callAsync(Ioctl.LIST_READERS_W,
                    ListReadersCall.of(ctx, List.of(), true), 32);
            assertThat(r).isCompletedExceptionally();
            assertThat(lastControlResponse(rig).header().ioStatus()).isEqualTo(NtStatus.STATUS_BUFFER_TOO_SMALL);
        }
    }

    @Test
    void readerNamesTooLongForTheCallersBufferAreInsufficientBuffer() throws Exception {
        try (ChannelTestRig rig = new ChannelTestRig()) {
            rig.host.handshake();
            RedirContext ctx = ((EstablishContextReturn) rig.host.call(Ioctl.ESTABLISH_CONTEXT,
                    new EstablishContextCall(Scard.SCOPE_USER))).context();
            // "Teleport\0\0" is 10 characters: 9 is one too few, 10 fits, NULL buffer asks the length
            EscReturn small = rig.host.call(Ioctl.LIST_READERS_W, new ListReadersCall(ctx, null, 0, 9, true));
            assertThat(small.returnCode()).isEqualTo(ScardError.E_INSUFFICIENT_BUFFER.code());
            ListReadersReturn fits = (ListReadersReturn) rig.host.call(Ioctl.LIST_READERS_W,
                    new ListReadersCall(ctx, null, 0, 10, true));
            assertThat(fits.names(true)).containsExactly(ChannelTestRig.READER);
            ListReadersReturn length = (ListReadersReturn) rig.host.call(Ioctl.LIST_READERS_W,
                    new ListReadersCall(ctx, null, 1, 0, true));
            assertThat(length.cBytes()).isEqualTo(20);
            assertThat(length.msz()).isNull();
        }
    }

    @Test
    void handleFromAnotherContextIsInvalid() throws Exception {
        try (ChannelTestRig rig = new ChannelTestRig()) {
            rig.host.handshake();
            RedirContext a = ((EstablishContextReturn) rig.host.call(Ioctl.ESTABLISH_CONTEXT,
                    new EstablishContextCall(Scard.SCOPE_USER))).context();
            RedirContext b = ((EstablishContextReturn) rig.host.call(Ioctl.ESTABLISH_CONTEXT,
                    new EstablishContextCall(Scard.SCOPE_USER))).context();
            ConnectReturn c = (ConnectReturn) rig.host.call(Ioctl.CONNECT_W,
                    new ConnectCall(ChannelTestRig.READER, a, Scard.SHARE_SHARED, Scard.PROTOCOL_TX, true));
            RedirHandle foreign = new RedirHandle(b, c.handle().handle());
            EscReturn r = rig.host.call(Ioctl.TRANSMIT, TransmitCall.of(foreign, Scard.PROTOCOL_T1,
                    Hex.decode("00A4040009A00000030800001000"), 258));
            assertThat(r.returnCode()).isEqualTo(ScardError.E_INVALID_HANDLE.code());
        }
    }

    @Test
    void createAndCloseAreAnsweredAndOtherMajorsAreNotSupported() throws Exception {
        try (ChannelTestRig rig = new ChannelTestRig()) {
            rig.host.handshake();
            // IRP_MJ_READ (3) with an empty body
            byte[] read = Hex.decode("72445249" + "01000000" + "01000000" + "05000000" + "03000000" + "00000000");
            rig.channel.receive(read);
            DeviceIoCompletion done = (DeviceIoCompletion) RdpdrPdu.decodeFromClient(rig.sent.get(rig.sent.size() - 1));
            assertThat(done.header().ioStatus()).isEqualTo(NtStatus.STATUS_NOT_SUPPORTED);
            assertThat(done.header().completionId()).isEqualTo(5);
        }
    }

    @Test
    void oldServerVersionGetsARandomClientId() throws Exception {
        try (ChannelTestRig rig = new ChannelTestRig()) {
            rig.channel.receive(new ServerAnnounce(1, 0x000A, 0x1234).encode());
            var reply = (dev.scbridge.rdp.efs.ClientAnnounceReply) RdpdrPdu.decodeFromClient(rig.sent.get(0));
            assertThat(reply.versionMinor()).isEqualTo(0x000A);
        }
    }

    private static DeviceControlResponse lastControlResponse(ChannelTestRig rig) throws Exception {
        DeviceIoCompletion c = (DeviceIoCompletion) RdpdrPdu.decodeFromClient(rig.sent.get(rig.sent.size() - 1));
        return c.asControlResponse();
    }
}
