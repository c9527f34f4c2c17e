package dev.scbridge.rdp.scard;

import dev.scbridge.pcsc.CardStatus;
import dev.scbridge.pcsc.ReaderState;
import dev.scbridge.pcsc.Scard;
import dev.scbridge.pcsc.ScardError;
import dev.scbridge.pcsc.virtual.VirtualPcsc;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import static dev.scbridge.rdp.scard.ScardTestSupport.ATR;
import static dev.scbridge.rdp.scard.ScardTestSupport.EMPTY_READER;
import static dev.scbridge.rdp.scard.ScardTestSupport.READER;
import static dev.scbridge.rdp.scard.ScardTestSupport.SELECT_PIV;
import static dev.scbridge.rdp.scard.ScardTestSupport.assertFailsWith;
import static dev.scbridge.rdp.scard.ScardTestSupport.assertScard;
import static dev.scbridge.rdp.scard.ScardTestSupport.await;
import static org.assertj.core.api.Assertions.assertThat;

class ScardServiceTest {
    private final VirtualPcsc pcsc = ScardTestSupport.backend();
    private final ScardService service = new ScardService(pcsc, ReaderFilter.all());

    @AfterEach
    void close() {
        service.close();
    }

    @Test
    void contexts_establishValidateRelease() throws Exception {
        ScardId ctx = service.establishContext(Scard.SCOPE_USER);
        assertThat(ctx.length()).isEqualTo(8);
        service.isValidContext(ctx);
        service.accessStartedEvent();
        service.releaseContext(ctx);
        assertScard(ScardError.E_INVALID_HANDLE, () -> service.isValidContext(ctx));
        assertScard(ScardError.E_INVALID_HANDLE, () -> service.releaseContext(ctx));
        assertScard(ScardError.E_INVALID_VALUE, () -> service.establishContext(3));
    }

    @Test
    void ids_areRandomAndSessionBound() throws Exception {
        ScardService other = new ScardService(ScardTestSupport.backend(), ReaderFilter.all());
        ScardId a = service.establishContext(Scard.SCOPE_USER);
        ScardId b = other.establishContext(Scard.SCOPE_USER);
        assertThat(a).isNotEqualTo(b);
        Connection ca = service.connect(a, READER, Scard.SHARE_SHARED, Scard.PROTOCOL_T1);
        assertScard(ScardError.E_INVALID_HANDLE, () -> other.isValidContext(a));
        assertScard(ScardError.E_INVALID_HANDLE, () -> other.status(b, ca.handle()));
        assertScard(ScardError.E_INVALID_HANDLE, () -> service.isValidContext(new ScardId(new byte[0])));
        assertScard(ScardError.E_INVALID_HANDLE, () -> service.status(a, a)); // a context id is no handle
        assertThat(new ScardId(a.bytes())).isEqualTo(a).hasSameHashCodeAs(a);
        other.close();
    }

    @Test
    void handle_withOtherContext_isInvalidHandle_andReleaseDropsHandles() throws Exception {
        ScardId a = service.establishContext(Scard.SCOPE_USER);
        ScardId b = service.establishContext(Scard.SCOPE_USER);
        Connection c = service.connect(a, READER, Scard.SHARE_SHARED, Scard.PROTOCOL_T1);
        assertScard(ScardError.E_INVALID_HANDLE, () -> service.transmit(b, c.handle(), Scard.PROTOCOL_T1, SELECT_PIV));
        service.releaseContext(a);
        assertScard(ScardError.E_INVALID_HANDLE, () -> service.status(a, c.handle()));
        // the backend handle went with the context: a new exclusive connect succeeds
        service.connect(b, READER, Scard.SHARE_EXCLUSIVE, Scard.PROTOCOL_T1);
    }

    @Test
    void connectStatusTransmitDisconnect() throws Exception {
        ScardId ctx = service.establishContext(Scard.SCOPE_USER);
        Connection c = service.connect(ctx, READER, Scard.SHARE_SHARED, Scard.PROTOCOL_T0 | Scard.PROTOCOL_T1);
        assertThat(c.activeProtocol()).isEqualTo(Scard.PROTOCOL_T1);
        CardStatus st = service.status(ctx, c.handle());
        assertThat(st.state()).isEqualTo(Scard.CARD_SPECIFIC);
        assertThat(st.readerNames()).containsExactly(READER);
        assertThat(st.atr()).isEqualTo(ATR);
        byte[] rsp = service.transmit(ctx, c.handle(), Scard.PROTOCOL_T1, SELECT_PIV);
        assertThat(rsp[rsp.length - 2]).isEqualTo((byte) 0x90);
        assertThat(service.getTransmitCount(ctx, c.handle())).isEqualTo(1);
        assertScard(ScardError.E_PROTO_MISMATCH, () -> service.transmit(ctx, c.handle(), Scard.PROTOCOL_T0, SELECT_PIV));
        assertThat(service.getTransmitCount(ctx, c.handle())).isEqualTo(1);
        assertThat(service.reconnect(ctx, c.handle(), Scard.SHARE_SHARED, Scard.PROTOCOL_T1, Scard.RESET_CARD))
                .isEqualTo(Scard.PROTOCOL_T1);
        assertScard(ScardError.E_UNSUPPORTED_FEATURE, () -> service.control(ctx, c.handle(), 0x1234, new byte[0]));
        assertScard(ScardError.E_INVALID_VALUE, () -> service.disconnect(ctx, c.handle(), 9));
        service.disconnect(ctx, c.handle(), Scard.LEAVE_CARD);
        assertScard(ScardError.E_INVALID_HANDLE, () -> service.status(ctx, c.handle()));
    }

    @Test
    void connect_errors() throws Exception {
        ScardService one = new ScardService(pcsc, ReaderFilter.only(READER));
        ScardId ctx = one.establishContext(Scard.SCOPE_USER);
        assertScard(ScardError.E_UNKNOWN_READER, () -> one.connect(ctx, EMPTY_READER, Scard.SHARE_SHARED, Scard.PROTOCOL_T1));
        assertScard(ScardError.E_UNKNOWN_READER, () -> one.connect(ctx, "Nope", Scard.SHARE_SHARED, Scard.PROTOCOL_T1));
        assertScard(ScardError.E_NO_SMARTCARD, () -> service.connect(service.establishContext(0), EMPTY_READER,
                Scard.SHARE_SHARED, Scard.PROTOCOL_T1));
        assertScard(ScardError.E_UNKNOWN_READER, () -> one.getDeviceTypeId(ctx, EMPTY_READER));
        one.close();
    }

    @Test
    void limits_contextsAndHandles_areNoMemory() throws Exception {
        ScardService small = new ScardService(pcsc, ReaderFilter.all(),
                ScardLimits.DEFAULTS.withContextsPerSession(2).withHandlesPerContext(2), ScardOptions.DEFAULTS);
        ScardId ctx = small.establishContext(0);
        small.establishContext(0);
        assertScard(ScardError.E_NO_MEMORY, () -> small.establishContext(0));
        small.connect(ctx, READER, Scard.SHARE_SHARED, Scard.PROTOCOL_T1);
        Connection second = small.connect(ctx, READER, Scard.SHARE_SHARED, Scard.PROTOCOL_T1);
        assertScard(ScardError.E_NO_MEMORY, () -> small.connect(ctx, READER, Scard.SHARE_SHARED, Scard.PROTOCOL_T1));
        small.disconnect(ctx, second.handle(), Scard.LEAVE_CARD);
        small.connect(ctx, READER, Scard.SHARE_SHARED, Scard.PROTOCOL_T1);
        small.close();
    }

    @Test
    void transactions_contendBetweenHandles() throws Exception {
        ScardId ctx = service.establishContext(0);
        Connection a = service.connect(ctx, READER, Scard.SHARE_SHARED, Scard.PROTOCOL_T1);
        Connection b = service.connect(ctx, READER, Scard.SHARE_SHARED, Scard.PROTOCOL_T1);
        await(service.beginTransaction(ctx, a.handle()));
        CompletableFuture<Void> waiting = service.beginTransaction(ctx, b.handle());
        assertThat(waiting).isNotDone();
        assertThat(service.pendingCalls()).isEqualTo(1);
        assertScard(ScardError.E_SHARING_VIOLATION, () -> service.transmit(ctx, b.handle(), 0, SELECT_PIV));
        assertScard(ScardError.E_NOT_TRANSACTED, () -> service.endTransaction(ctx, b.handle(), Scard.LEAVE_CARD));
        service.endTransaction(ctx, a.handle(), Scard.LEAVE_CARD);
        await(waiting);
        assertThat(service.pendingCalls()).isZero();
        service.transmit(ctx, b.handle(), 0, SELECT_PIV);
        service.endTransaction(ctx, b.handle(), Scard.LEAVE_CARD);
    }

    @Test
    void transaction_waiter_failsWhenItsContextIsReleased() throws Exception {
        ScardId c1 = service.establishContext(0);
        ScardId c2 = service.establishContext(0);
        Connection a = service.connect(c1, READER, Scard.SHARE_SHARED, Scard.PROTOCOL_T1);
        Connection b = service.connect(c2, READER, Scard.SHARE_SHARED, Scard.PROTOCOL_T1);
        await(service.beginTransaction(c1, a.handle()));
        CompletableFuture<Void> waiting = service.beginTransaction(c2, b.handle());
        service.releaseContext(c2);
        assertFailsWith(ScardError.E_INVALID_HANDLE, waiting);
        assertFailsWith(ScardError.E_INVALID_HANDLE, service.beginTransaction(c2, b.handle()));
    }

    @Test
    void getAttrib_backendThenFallback() throws Exception {
        ScardId ctx = service.establishContext(0);
        Connection c = service.connect(ctx, READER, Scard.SHARE_SHARED, Scard.PROTOCOL_T1);
        assertThat(service.getAttrib(ctx, c.handle(), Scard.ATTR_ATR_STRING)).isEqualTo(ATR);
        assertThat(service.getAttrib(ctx, c.handle(), Scard.ATTR_VENDOR_NAME)).isEqualTo("scbridge".getBytes(StandardCharsets.US_ASCII));
        // the virtual backend does not answer the serial number: the service does, no NUL
        assertThat(service.getAttrib(ctx, c.handle(), Scard.ATTR_VENDOR_IFD_SERIAL_NO)).containsExactly('0');
        assertThat(service.getAttrib(ctx, c.handle(), Scard.ATTR_DEVICE_SYSTEM_NAME_W))
                .isEqualTo("Teleport\0".getBytes(StandardCharsets.UTF_16LE));
        assertScard(ScardError.E_UNSUPPORTED_FEATURE, () -> service.getAttrib(ctx, c.handle(), 0x12345678));
        assertScard(ScardError.E_UNSUPPORTED_FEATURE, () -> service.setAttrib(ctx, c.handle(), Scard.ATTR_VENDOR_NAME, new byte[1]));
    }

    @Test
    void fallbackAttributes_formats() throws Exception {
        CardStatus st = new CardStatus(List.of(READER), Scard.CARD_SPECIFIC, Scard.PROTOCOL_T1, ATR);
        ScardOptions o = ScardOptions.DEFAULTS.withVendorName("acme");
        assertThat(FallbackAttributes.get(Scard.ATTR_VENDOR_NAME, st, "F", READER, 0, o)).isEqualTo(new byte[] {'a', 'c', 'm', 'e'});
        assertThat(FallbackAttributes.get(Scard.ATTR_DEVICE_FRIENDLY_NAME_A, st, "F", READER, 0, o)).isEqualTo(new byte[] {'F', 0});
        assertThat(FallbackAttributes.get(Scard.ATTR_CHANNEL_ID, st, "F", READER, 2, o)).isEqualTo(new byte[] {2, 0, (byte) 0xF0, 0});
        assertThat(FallbackAttributes.get(Scard.ATTR_CURRENT_PROTOCOL_TYPE, st, "F", READER, 0, o)).isEqualTo(new byte[] {2, 0, 0, 0});
        assertThat(FallbackAttributes.get(Scard.ATTR_ICC_PRESENCE, st, "F", READER, 0, o)).isEqualTo(new byte[] {1});
        CardStatus absent = new CardStatus(List.of(READER), Scard.CARD_ABSENT, 0, new byte[0]);
        assertThat(FallbackAttributes.get(Scard.ATTR_ICC_PRESENCE, absent, "F", READER, 0, o)).isEqualTo(new byte[] {0});
        assertScard(ScardError.E_NO_SMARTCARD, () -> FallbackAttributes.get(Scard.ATTR_ATR_STRING, absent, "F", READER, 0, o));
    }

    @Test
    void iconAndDeviceType() throws Exception {
        ScardId ctx = service.establishContext(0);
        assertThat(service.getDeviceTypeId(ctx, READER)).isEqualTo(0xF0);
        assertScard(ScardError.E_UNSUPPORTED_FEATURE, () -> service.getReaderIcon(ctx, READER));
        assertScard(ScardError.E_UNKNOWN_READER, () -> service.getReaderIcon(ctx, "Nope"));
        ScardService withIcon = new ScardService(pcsc, ReaderFilter.all(), ScardLimits.DEFAULTS,
                ScardOptions.DEFAULTS.withReaderIcon(new byte[] {1, 2}).withDeviceTypeId(Scard.READER_TYPE_USB));
        ScardId c2 = withIcon.establishContext(0);
        assertThat(withIcon.getReaderIcon(c2, READER)).containsExactly(1, 2);
        assertThat(withIcon.getDeviceTypeId(c2, READER)).isEqualTo(0x20);
        withIcon.close();
    }

    @Test
    void listReaders_andGroupDatabase() throws Exception {
        ScardService one = new ScardService(pcsc, ReaderFilter.only(READER));
        ScardId ctx = one.establishContext(0);
        assertThat(one.listReaders(ctx, List.of())).containsExactly(READER);
        assertThat(one.listReaders(ctx, List.of(Scard.ALL_READERS_GROUP))).containsExactly(READER);
        assertScard(ScardError.E_NO_READERS_AVAILABLE, () -> one.listReaders(ctx, List.of("Nope")));
        assertThat(one.listReaderGroups(ctx)).containsExactly(Scard.DEFAULT_READERS_GROUP);

        one.introduceReaderGroup(ctx, "G");
        assertThat(one.listReaderGroups(ctx)).containsExactly(Scard.DEFAULT_READERS_GROUP, "G");
        assertScard(ScardError.E_NO_READERS_AVAILABLE, () -> one.listReaders(ctx, List.of("G")));
        one.addReaderToGroup(ctx, READER, "G");
        assertThat(one.listReaders(ctx, List.of("G"))).containsExactly(READER);
        assertScard(ScardError.E_UNKNOWN_READER, () -> one.introduceReader(ctx, "Alias", EMPTY_READER)); // filtered out
        assertScard(ScardError.E_DUPLICATE_READER, () -> one.introduceReader(ctx, READER, READER));
        one.introduceReader(ctx, "Alias", READER);
        assertThat(one.listReaders(ctx, List.of())).containsExactly(READER, "Alias");
        Connection viaAlias = one.connect(ctx, "Alias", Scard.SHARE_SHARED, Scard.PROTOCOL_T1);
        assertThat(one.getAttrib(ctx, viaAlias.handle(), Scard.ATTR_DEVICE_FRIENDLY_NAME_A)).isNotEmpty();
        one.removeReaderFromGroup(ctx, READER, "G");
        assertScard(ScardError.E_NO_READERS_AVAILABLE, () -> one.listReaders(ctx, List.of("G")));
        one.forgetReader(ctx, "Alias");
        assertScard(ScardError.E_UNKNOWN_READER, () -> one.connect(ctx, "Alias", Scard.SHARE_SHARED, Scard.PROTOCOL_T1));
        assertScard(ScardError.E_UNKNOWN_READER, () -> one.forgetReader(ctx, "Alias"));
        assertScard(ScardError.E_INVALID_VALUE, () -> one.forgetReaderGroup(ctx, Scard.ALL_READERS_GROUP));
        assertScard(ScardError.E_INVALID_VALUE, () -> one.introduceReaderGroup(ctx, ""));
        one.forgetReaderGroup(ctx, "G");
        assertThat(one.listReaderGroups(ctx)).containsExactly(Scard.DEFAULT_READERS_GROUP);
        one.close();
    }

    @Test
    void readerDatabase_isBounded() throws Exception {
        ScardService small = new ScardService(pcsc, ReaderFilter.all(),
                ScardLimits.DEFAULTS.withReaderDatabase(1, 1), ScardOptions.DEFAULTS);
        ScardId ctx = small.establishContext(0);
        small.introduceReaderGroup(ctx, "G1");
        assertScard(ScardError.E_NO_MEMORY, () -> small.introduceReaderGroup(ctx, "G2"));
        small.introduceReader(ctx, "A1", READER);
        assertScard(ScardError.E_NO_MEMORY, () -> small.introduceReader(ctx, "A2", READER));
        small.close();
    }

    @Test
    void locateCardsByAtr_setsAtrMatch() throws Exception {
        ScardId ctx = service.establishContext(0);
        byte[] mask = new byte[ATR.length];
        java.util.Arrays.fill(mask, (byte) 0xFF);
        mask[ATR.length - 1] = 0; // ignore the last byte
        byte[] pattern = ATR.clone();
        pattern[ATR.length - 1] = 0x55;
        List<ReaderState> states = List.of(ReaderState.of(READER, 0), ReaderState.of(EMPTY_READER, 0));
        List<ReaderState> hit = service.locateCardsByAtr(ctx, List.of(new AtrMask(pattern, mask)), states);
        assertThat(hit.get(0).eventState()).isEqualTo(Scard.STATE_PRESENT | Scard.STATE_CHANGED | Scard.STATE_ATRMATCH);
        assertThat(hit.get(1).eventState()).isEqualTo(Scard.STATE_EMPTY | Scard.STATE_CHANGED);
        mask[0] = (byte) 0xFF;
        pattern[0] = 0x3F;
        List<ReaderState> miss = service.locateCardsByAtr(ctx, List.of(new AtrMask(pattern, mask)), states);
        assertThat(miss.get(0).eventState() & Scard.STATE_ATRMATCH).isZero();
        assertThat(new AtrMask(new byte[] {1}, new byte[] {0}).matches(new byte[] {1, 2})).isFalse(); // lengths differ
        List<ReaderState> byName = service.locateCards(ctx, List.of("Some Card"), states);
        assertThat(byName.get(0).eventState() & Scard.STATE_ATRMATCH).isZero();
        assertScard(ScardError.E_INVALID_VALUE, () -> service.locateCards(ctx, List.of(),
                java.util.Collections.nCopies(11, ReaderState.of(READER, 0))));
    }

    @Test
    void cache_hitMissStale() throws Exception {
        ScardId ctx = service.establishContext(0);
        ScardId other = service.establishContext(0);
        UUID card = UUID.randomUUID();
        assertScard(ScardError.W_CACHE_ITEM_NOT_FOUND, () -> service.readCache(ctx, card, 0, "cardid"));
        service.writeCache(ctx, card, 1, "cardid", new byte[] {7});
        assertThat(service.readCache(other, card, 1, "cardid")).containsExactly(7); // shared by the session's contexts
        assertScard(ScardError.W_CACHE_ITEM_STALE, () -> service.readCache(ctx, card, 2, "cardid"));
        assertScard(ScardError.W_CACHE_ITEM_NOT_FOUND, () -> service.readCache(ctx, card, 1, "CARDID")); // case-sensitive
        assertScard(ScardError.W_CACHE_ITEM_NOT_FOUND, () -> service.readCache(ctx, UUID.randomUUID(), 1, "cardid"));
        assertScard(ScardError.W_CACHE_ITEM_STALE, () -> service.writeCache(ctx, card, 0, "cardid", new byte[] {8}));
        assertThat(service.readCache(ctx, card, 1, "cardid")).containsExactly(7);
        service.writeCache(ctx, card, 3, "cardid", new byte[] {9});
        assertThat(service.readCache(ctx, card, 3, "cardid")).containsExactly(9);
        assertScard(ScardError.E_INVALID_HANDLE, () -> service.readCache(new ScardId(new byte[4]), card, 3, "cardid"));
    }

    @Test
    void cache_boundsEvictLruAndRejectTooBig() throws Exception {
        CardCache cache = new CardCache(ScardLimits.DEFAULTS.withCache(100, 3, 50));
        UUID card = UUID.randomUUID();
        assertScard(ScardError.W_CACHE_ITEM_TOO_BIG, () -> cache.write(card, 0, "a", new byte[51]));
        cache.write(card, 0, "a", new byte[10]);
        cache.write(card, 0, "b", new byte[10]);
        cache.write(card, 0, "c", new byte[10]);
        cache.read(card, 0, "a"); // a is now the most recent
        cache.write(card, 0, "d", new byte[10]); // entry bound: b goes
        assertScard(ScardError.W_CACHE_ITEM_NOT_FOUND, () -> cache.read(card, 0, "b"));
        assertThat(cache.read(card, 0, "a")).hasSize(10);
        cache.write(card, 0, "e", new byte[48]); // entry bound again: c goes (a, d, e = 74 bytes)
        assertThat(cache.bytes()).isEqualTo(74);
        cache.write(card, 0, "f", new byte[48]); // byte bound: a and d go, e and f fill it exactly
        assertThat(cache.size()).isEqualTo(2);
        assertThat(cache.bytes()).isEqualTo(100);
        assertThat(cache.read(card, 0, "e")).hasSize(48);
    }

    @Test
    void close_cancelsReleasesAndIsIdempotent() throws Exception {
        ScardId ctx = service.establishContext(0);
        Connection c = service.connect(ctx, READER, Scard.SHARE_EXCLUSIVE, Scard.PROTOCOL_T1);
        CompletableFuture<StatusChangeResult> parked = service.getStatusChange(ctx, Scard.INFINITE,
                List.of(ReaderState.of(EMPTY_READER, Scard.STATE_EMPTY)));
        service.writeCache(ctx, UUID.randomUUID(), 0, "x", new byte[1]);
        service.close();
        service.close();
        assertFailsWith(ScardError.E_CANCELLED, parked);
        assertThat(service.pendingCalls()).isZero();
        assertScard(ScardError.E_INVALID_HANDLE, () -> service.isValidContext(ctx));
        assertScard(ScardError.E_INVALID_HANDLE, () -> service.status(ctx, c.handle()));
        assertScard(ScardError.E_NO_SERVICE, () -> service.establishContext(0));
        // the exclusive backend handle was released with its context
        ScardService next = new ScardService(pcsc, ReaderFilter.all());
        next.connect(next.establishContext(0), READER, Scard.SHARE_EXCLUSIVE, Scard.PROTOCOL_T1);
        next.close();
    }

    @Test
    void scardId_boundsAndHex() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new ScardId(new byte[17]))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(new ScardId(new byte[] {1, (byte) 0xAB}).toString()).isEqualTo("ScardId[01ab]");
    }
}
