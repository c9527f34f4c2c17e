package dev.scbridge.pcsc.virtual;

import dev.scbridge.card.PivCard;
import dev.scbridge.pcsc.CardHandle;
import dev.scbridge.pcsc.CardStatus;
import dev.scbridge.pcsc.PcscContext;
import dev.scbridge.pcsc.Scard;
import dev.scbridge.pcsc.ScardError;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;

import static dev.scbridge.pcsc.virtual.VirtualTestSupport.READER;
import static dev.scbridge.pcsc.virtual.VirtualTestSupport.SELECT_PIV;
import static dev.scbridge.pcsc.virtual.VirtualTestSupport.assertScard;
import static org.assertj.core.api.Assertions.assertThat;

/** Connect, transmit, control, attributes, status, reconnect, disconnect (MS-RDPESC 3.1.4, SCARD_IOCTL_CONNECTW .. SETATTRIB). */
class VirtualCardHandleTest {
    private final VirtualPcsc pcsc = new VirtualPcsc();
    private final FakeCard card = new FakeCard();
    private PcscContext ctx;

    @BeforeEach
    void setUp() throws Exception {
        pcsc.addReader(READER);
        pcsc.insertCard(READER, card);
        ctx = pcsc.establishContext(Scard.SCOPE_USER);
    }

    @Test
    void selectPiv_onRealVirtualCard() throws Exception {
        pcsc.addReader("PIV");
        pcsc.insertCard("PIV", PivCard.builder().build());
        try (CardHandle h = ctx.connect("PIV", Scard.SHARE_SHARED, Scard.PROTOCOL_TX)) {
            assertThat(h.activeProtocol()).isEqualTo(Scard.PROTOCOL_T1);
            byte[] r = h.transmit(SELECT_PIV);
            assertThat(HexFormat.of().formatHex(r, r.length - 2, r.length)).isEqualTo("9000");
            assertThat(r[0]).isEqualTo((byte) 0x61); // application property template
        }
    }

    @Test
    void transmit_isRaw_no61xxHandling() throws Exception {
        CardHandle h = ctx.connect(READER, Scard.SHARE_SHARED, Scard.PROTOCOL_T1);
        byte[] r = h.transmit(new byte[] {0x00, (byte) 0xCB, 0x3F, (byte) 0xFF, 0x00});
        assertThat(r).containsExactly(0x61, 0x10);
        assertThat(card.commands).hasSize(1); // no hidden GET RESPONSE
    }

    @Test
    void transmit_badLength_invalidParameter() throws Exception {
        CardHandle h = ctx.connect(READER, Scard.SHARE_SHARED, Scard.PROTOCOL_T1);
        assertScard(ScardError.E_INVALID_PARAMETER, () -> h.transmit(new byte[3]));
        assertScard(ScardError.E_INVALID_PARAMETER, () -> h.transmit(new byte[Scard.MAX_COMMAND_LENGTH + 1]));
    }

    @Test
    void connect_errors() throws Exception {
        assertScard(ScardError.E_UNKNOWN_READER, () -> ctx.connect("nope", Scard.SHARE_SHARED, Scard.PROTOCOL_T1));
        assertScard(ScardError.E_INVALID_VALUE, () -> ctx.connect(READER, 9, Scard.PROTOCOL_T1));
        assertScard(ScardError.E_INVALID_VALUE, () -> ctx.connect(READER, Scard.SHARE_SHARED, 0));
        assertScard(ScardError.E_INVALID_VALUE, () -> ctx.connect(READER, Scard.SHARE_SHARED, 0x100));
        assertScard(ScardError.E_PROTO_MISMATCH, () -> ctx.connect(READER, Scard.SHARE_SHARED, Scard.PROTOCOL_T0));
        pcsc.addReader("Empty");
        assertScard(ScardError.E_NO_SMARTCARD, () -> ctx.connect("Empty", Scard.SHARE_SHARED, Scard.PROTOCOL_T1));
    }

    @Test
    void connect_defaultProtocol_picksT1() throws Exception {
        assertThat(ctx.connect(READER, Scard.SHARE_SHARED, Scard.PROTOCOL_DEFAULT).activeProtocol())
                .isEqualTo(Scard.PROTOCOL_T1);
    }

    @Test
    void shareModes_exclusiveExcludesOthers() throws Exception {
        CardHandle shared = ctx.connect(READER, Scard.SHARE_SHARED, Scard.PROTOCOL_T1);
        assertScard(ScardError.E_SHARING_VIOLATION, () -> ctx.connect(READER, Scard.SHARE_EXCLUSIVE, Scard.PROTOCOL_T1));
        CardHandle second = ctx.connect(READER, Scard.SHARE_SHARED, Scard.PROTOCOL_T1);
        shared.disconnect(Scard.LEAVE_CARD);
        second.disconnect(Scard.LEAVE_CARD);
        CardHandle exclusive = ctx.connect(READER, Scard.SHARE_EXCLUSIVE, Scard.PROTOCOL_T1);
        assertScard(ScardError.E_SHARING_VIOLATION, () -> ctx.connect(READER, Scard.SHARE_SHARED, Scard.PROTOCOL_T1));
        assertScard(ScardError.E_SHARING_VIOLATION, () -> ctx.connect(READER, Scard.SHARE_DIRECT, 0));
        exclusive.disconnect(Scard.LEAVE_CARD);
    }

    @Test
    void direct_withoutCard_controlAndAttributes_butNoTransmit() throws Exception {
        pcsc.addReader("Empty");
        CardHandle d = ctx.connect("Empty", Scard.SHARE_DIRECT, 0);
        assertThat(d.activeProtocol()).isEqualTo(Scard.PROTOCOL_UNDEFINED);
        assertThat(d.control(Scard.IOCTL_GET_FEATURE_REQUEST_WINDOWS, new byte[0])).isEmpty();
        assertThat(d.control(Scard.IOCTL_GET_FEATURE_REQUEST_PCSCLITE, new byte[0])).isEmpty();
        assertScard(ScardError.E_UNSUPPORTED_FEATURE, () -> d.control(0x00313000, new byte[0]));
        assertThat(d.getAttrib(Scard.ATTR_ICC_PRESENCE)).containsExactly(0);
        assertScard(ScardError.E_NO_SMARTCARD, () -> d.getAttrib(Scard.ATTR_ATR_STRING));
        assertScard(ScardError.E_NO_SMARTCARD, () -> d.transmit(SELECT_PIV));
        CardStatus st = d.status();
        assertThat(st.state()).isEqualTo(Scard.CARD_ABSENT);
        // a card arriving does not break a direct handle
        pcsc.insertCard("Empty", new FakeCard());
        assertScard(ScardError.E_PROTO_MISMATCH, () -> d.transmit(SELECT_PIV));
        assertThat(d.status().state()).isEqualTo(Scard.CARD_POWERED);
    }

    @Test
    void attributes() throws Exception {
        CardHandle h = ctx.connect(READER, Scard.SHARE_SHARED, Scard.PROTOCOL_T1);
        assertThat(h.getAttrib(Scard.ATTR_ATR_STRING)).isEqualTo(FakeCard.ATR);
        assertThat(new String(h.getAttrib(Scard.ATTR_VENDOR_NAME), StandardCharsets.US_ASCII)).isEqualTo("scbridge");
        assertThat(new String(h.getAttrib(Scard.ATTR_VENDOR_IFD_TYPE), StandardCharsets.US_ASCII)).isEqualTo("Virtual PIV Reader");
        assertThat(h.getAttrib(Scard.ATTR_VENDOR_IFD_VERSION)).containsExactly(0, 0, 0, 1);
        assertThat(h.getAttrib(Scard.ATTR_CURRENT_PROTOCOL_TYPE)).containsExactly(2, 0, 0, 0);
        assertThat(h.getAttrib(Scard.ATTR_PROTOCOL_TYPES)).containsExactly(2, 0, 0, 0);
        assertThat(h.getAttrib(Scard.ATTR_CHANNEL_ID)).containsExactly(0, 0, 0xF0, 0);
        assertThat(h.getAttrib(Scard.ATTR_ICC_PRESENCE)).containsExactly(1);
        assertThat(h.getAttrib(Scard.ATTR_ICC_TYPE_PER_ATR)).containsExactly(1);
        assertThat(h.getAttrib(Scard.ATTR_DEVICE_UNIT)).containsExactly(0, 0, 0, 0);
        assertThat(h.getAttrib(Scard.ATTR_DEVICE_IN_USE)).containsExactly(1, 0, 0, 0);
        assertThat(h.getAttrib(Scard.ATTR_DEVICE_FRIENDLY_NAME_A))
                .isEqualTo((READER + "\0").getBytes(StandardCharsets.US_ASCII));
        assertThat(h.getAttrib(Scard.ATTR_DEVICE_SYSTEM_NAME_W))
                .isEqualTo((READER + "\0").getBytes(StandardCharsets.UTF_16LE));
        assertScard(ScardError.E_UNSUPPORTED_FEATURE, () -> h.getAttrib(0x12345678));
        assertScard(ScardError.E_UNSUPPORTED_FEATURE, () -> h.setAttrib(Scard.ATTR_VENDOR_NAME, new byte[] {1}));
        assertScard(ScardError.E_INVALID_PARAMETER, () -> h.setAttrib(Scard.ATTR_VENDOR_NAME, new byte[Scard.MAX_ATTRIBUTE_LENGTH + 1]));
    }

    @Test
    void status_specificWithAtr() throws Exception {
        CardHandle h = ctx.connect(READER, Scard.SHARE_SHARED, Scard.PROTOCOL_T1);
        CardStatus st = h.status();
        assertThat(st.readerNames()).containsExactly(READER);
        assertThat(st.state()).isEqualTo(Scard.CARD_SPECIFIC);
        assertThat(st.protocol()).isEqualTo(Scard.PROTOCOL_T1);
        assertThat(st.atr()).isEqualTo(FakeCard.ATR);
    }

    @Test
    void cardRemoved_handleFails_removedCard_thenReconnectToNewCard() throws Exception {
        CardHandle h = ctx.connect(READER, Scard.SHARE_SHARED, Scard.PROTOCOL_T1);
        pcsc.removeCard(READER);
        assertThat(card.powerOffs).isEqualTo(1);
        assertScard(ScardError.W_REMOVED_CARD, () -> h.transmit(SELECT_PIV));
        assertScard(ScardError.W_REMOVED_CARD, h::status);
        assertScard(ScardError.W_REMOVED_CARD, () -> h.getAttrib(Scard.ATTR_ATR_STRING));
        assertScard(ScardError.W_REMOVED_CARD, h::beginTransaction);
        assertScard(ScardError.E_NO_SMARTCARD, () -> h.reconnect(Scard.SHARE_SHARED, Scard.PROTOCOL_T1, Scard.LEAVE_CARD));
        FakeCard second = new FakeCard();
        pcsc.insertCard(READER, second);
        assertScard(ScardError.W_REMOVED_CARD, () -> h.transmit(SELECT_PIV));
        assertThat(h.reconnect(Scard.SHARE_SHARED, Scard.PROTOCOL_T1, Scard.LEAVE_CARD)).isEqualTo(Scard.PROTOCOL_T1);
        h.transmit(SELECT_PIV);
        assertThat(second.commands).hasSize(1);
    }

    @Test
    void removedCard_disconnectStillSucceeds_thenInvalidHandle() throws Exception {
        CardHandle h = ctx.connect(READER, Scard.SHARE_SHARED, Scard.PROTOCOL_T1);
        pcsc.removeCard(READER);
        h.disconnect(Scard.RESET_CARD);
        assertThat(card.resets).isZero();
        assertScard(ScardError.E_INVALID_HANDLE, () -> h.disconnect(Scard.LEAVE_CARD));
        assertScard(ScardError.E_INVALID_HANDLE, () -> h.transmit(SELECT_PIV));
        assertScard(ScardError.E_INVALID_HANDLE, () -> h.reconnect(Scard.SHARE_SHARED, Scard.PROTOCOL_T1, 0));
        h.close(); // quiet
    }

    @Test
    void readerRemoved_readerUnavailable() throws Exception {
        CardHandle h = ctx.connect(READER, Scard.SHARE_SHARED, Scard.PROTOCOL_T1);
        pcsc.removeReader(READER);
        assertScard(ScardError.E_READER_UNAVAILABLE, () -> h.transmit(SELECT_PIV));
        assertScard(ScardError.E_READER_UNAVAILABLE, () -> h.reconnect(Scard.SHARE_SHARED, Scard.PROTOCOL_T1, 0));
    }

    @Test
    void handles_boundedPerContext_noMemory() throws Exception {
        for (int i = 0; i < VirtualPcsc.MAX_HANDLES_PER_CONTEXT; i++) {
            ctx.connect(READER, Scard.SHARE_SHARED, Scard.PROTOCOL_T1);
        }
        assertScard(ScardError.E_NO_MEMORY, () -> ctx.connect(READER, Scard.SHARE_SHARED, Scard.PROTOCOL_T1));
        assertThat(pcsc.establishContext().connect(READER, Scard.SHARE_SHARED, Scard.PROTOCOL_T1)).isNotNull();
    }

    @Test
    void reconnect_sharingAndValues() throws Exception {
        CardHandle a = ctx.connect(READER, Scard.SHARE_SHARED, Scard.PROTOCOL_T1);
        CardHandle b = ctx.connect(READER, Scard.SHARE_SHARED, Scard.PROTOCOL_T1);
        assertScard(ScardError.E_SHARING_VIOLATION, () -> a.reconnect(Scard.SHARE_EXCLUSIVE, Scard.PROTOCOL_T1, 0));
        assertScard(ScardError.E_INVALID_VALUE, () -> a.reconnect(Scard.SHARE_SHARED, Scard.PROTOCOL_T1, Scard.EJECT_CARD));
        assertScard(ScardError.E_INVALID_VALUE, () -> a.reconnect(Scard.SHARE_SHARED, 0, 0));
        assertScard(ScardError.E_INVALID_VALUE, () -> a.reconnect(0, Scard.PROTOCOL_T1, 0));
        b.disconnect(Scard.LEAVE_CARD);
        assertThat(a.reconnect(Scard.SHARE_EXCLUSIVE, Scard.PROTOCOL_TX, Scard.LEAVE_CARD)).isEqualTo(Scard.PROTOCOL_T1);
        assertScard(ScardError.E_SHARING_VIOLATION, () -> ctx.connect(READER, Scard.SHARE_SHARED, Scard.PROTOCOL_T1));
    }

    @Test
    void blockingBeginTransaction_andListOfContexts() throws Exception {
        CardHandle h = ctx.connect(READER, Scard.SHARE_SHARED, Scard.PROTOCOL_T1);
        h.beginTransaction();
        h.endTransaction(Scard.LEAVE_CARD);
        assertThat(ctx.listReaders()).isEqualTo(List.of(READER));
    }
}
