package dev.scbridge.rdp;

import dev.scbridge.pcsc.CardStatus;
import dev.scbridge.pcsc.ReaderState;
import dev.scbridge.pcsc.Scard;
import dev.scbridge.pcsc.ScardError;
import dev.scbridge.pcsc.ScardException;
import dev.scbridge.rdp.esc.*;
import dev.scbridge.rdp.scard.Connection;
import dev.scbridge.rdp.scard.ScardId;
import dev.scbridge.rdp.scard.ScardService;
import dev.scbridge.rdp.scard.StatusChangeResult;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Runs one decoded MS-RDPESC call on a session's {@link ScardService} and builds its {@code *_Return}
 * (MS-RDPESC 3.1.4, 3.2.5.x): buffer-length rules of {@link BufferRule}, every SCARD error in the ReturnCode with
 * the other fields zeroed (MS-RDPESC 2.2.3). Calls that may wait (GetStatusChange, BeginTransaction) complete later.
 */
final class IoctlHandler {
    private static final int SUCCESS = 0;
    private static final int INSUFFICIENT = ScardError.E_INSUFFICIENT_BUFFER.code();

    private final ScardService service;

    IoctlHandler(ScardService service) {
        this.service = service;
    }

    /** The return for {@code call}; never completes exceptionally. */
    CompletableFuture<EscReturn> handle(Ioctl ioctl, EscCall call) {
        try {
            return switch (ioctl) {
                case GET_STATUS_CHANGE_A, GET_STATUS_CHANGE_W -> statusChange((GetStatusChangeCall) call);
                case BEGIN_TRANSACTION -> beginTransaction((HCardAndDispositionCall) call);
                default -> CompletableFuture.completedFuture(now(ioctl, call));
            };
        } catch (ScardException e) {
            return CompletableFuture.completedFuture(failure(ioctl, e.code()));
        }
    }

    /** The return a failed call gets: its ReturnCode and every other field zero (MS-RDPESC 2.2.3). */
    static EscReturn failure(Ioctl ioctl, int returnCode) {
        return switch (ioctl) {
            case ESTABLISH_CONTEXT -> new EstablishContextReturn(returnCode, RedirContext.EMPTY);
            case LIST_READER_GROUPS_A, LIST_READER_GROUPS_W, LIST_READERS_A, LIST_READERS_W ->
                    ListReadersReturn.failure(returnCode);
            case LOCATE_CARDS_A, LOCATE_CARDS_W, LOCATE_CARDS_BY_ATR_A, LOCATE_CARDS_BY_ATR_W, GET_STATUS_CHANGE_A,
                 GET_STATUS_CHANGE_W -> ReaderStatesReturn.failure(returnCode);
            case CONNECT_A, CONNECT_W -> ConnectReturn.failure(returnCode);
            case RECONNECT -> ReconnectReturn.error(returnCode);
            case STATE -> StateReturn.error(returnCode);
            case STATUS_A, STATUS_W -> StatusReturn.error(returnCode, ioctl.wide());
            case TRANSMIT -> TransmitReturn.error(returnCode);
            case CONTROL -> ControlReturn.error(returnCode);
            case GET_ATTRIB -> GetAttribReturn.error(returnCode);
            case READ_CACHE_A, READ_CACHE_W -> ReadCacheReturn.failure(returnCode);
            case GET_TRANSMIT_COUNT -> GetTransmitCountReturn.error(returnCode);
            case GET_READER_ICON -> GetReaderIconReturn.failure(returnCode);
            case GET_DEVICE_TYPE_ID -> new GetDeviceTypeIdReturn(returnCode, 0);
            default -> new LongReturn(returnCode);
        };
    }

    private EscReturn now(Ioctl ioctl, EscCall call) throws ScardException {
        boolean wide = ioctl.wide();
        return switch (ioctl) {
            case ESTABLISH_CONTEXT -> new EstablishContextReturn(SUCCESS,
                    new RedirContext(service.establishContext(((EstablishContextCall) call).scope()).bytes()));
            case RELEASE_CONTEXT -> done(() -> service.releaseContext(ctx(((ContextCall) call).context())));
            case IS_VALID_CONTEXT -> done(() -> service.isValidContext(ctx(((ContextCall) call).context())));
            case CANCEL -> done(() -> service.cancel(ctx(((ContextCall) call).context())));
            case ACCESS_STARTED_EVENT -> done(service::accessStartedEvent);
            case RELEASE_STARTED_EVENT -> new LongReturn(ScardError.E_UNSUPPORTED_FEATURE.code());
            case LIST_READER_GROUPS_A, LIST_READER_GROUPS_W -> {
                ListReaderGroupsCall c = (ListReaderGroupsCall) call;
                yield names(service.listReaderGroups(ctx(c.context())), c.fmszGroupsIsNull() != 0, c.cchGroups(),
                        wide);
            }
            case LIST_READERS_A, LIST_READERS_W -> {
                ListReadersCall c = (ListReadersCall) call;
                List<String> groups = c.mszGroups() == null ? List.of() : c.groups();
                yield names(service.listReaders(ctx(c.context()), groups), c.fmszReadersIsNull() != 0,
                        c.cchReaders(), wide);
            }
            case INTRODUCE_READER_GROUP_A, INTRODUCE_READER_GROUP_W -> {
                ContextAndStringCall c = (ContextAndStringCall) call;
                yield done(() -> service.introduceReaderGroup(ctx(c.context()), required(c.sz())));
            }
            case FORGET_READER_GROUP_A, FORGET_READER_GROUP_W -> {
                ContextAndStringCall c = (ContextAndStringCall) call;
                yield done(() -> service.forgetReaderGroup(ctx(c.context()), required(c.sz())));
            }
            case FORGET_READER_A, FORGET_READER_W -> {
                ContextAndStringCall c = (ContextAndStringCall) call;
                yield done(() -> service.forgetReader(ctx(c.context()), required(c.sz())));
            }
            case INTRODUCE_READER_A, INTRODUCE_READER_W -> {
                ContextAndTwoStringCall c = (ContextAndTwoStringCall) call;
                yield done(() -> service.introduceReader(ctx(c.context()), required(c.sz1()), required(c.sz2())));
            }
            case ADD_READER_TO_GROUP_A, ADD_READER_TO_GROUP_W -> {
                ContextAndTwoStringCall c = (ContextAndTwoStringCall) call;
                yield done(() -> service.addReaderToGroup(ctx(c.context()), required(c.sz1()), required(c.sz2())));
            }
            case REMOVE_READER_FROM_GROUP_A, REMOVE_READER_FROM_GROUP_W -> {
                ContextAndTwoStringCall c = (ContextAndTwoStringCall) call;
                yield done(() -> service.removeReaderFromGroup(ctx(c.context()), required(c.sz1()),
                        required(c.sz2())));
            }
            case LOCATE_CARDS_A, LOCATE_CARDS_W -> {
                LocateCardsCall c = (LocateCardsCall) call;
                List<String> cards = c.mszCards() == null ? List.of() : c.cards();
                yield states(service.locateCards(ctx(c.context()), cards, toPcsc(c.readerStates())));
            }
            case LOCATE_CARDS_BY_ATR_A, LOCATE_CARDS_BY_ATR_W -> {
                LocateCardsByAtrCall c = (LocateCardsByAtrCall) call;
                List<dev.scbridge.rdp.scard.AtrMask> masks = new ArrayList<>();
                for (AtrMask m : c.atrMasks()) {
                    masks.add(new dev.scbridge.rdp.scard.AtrMask(Arrays.copyOf(m.rgbAtr(), m.cbAtr()),
                            Arrays.copyOf(m.rgbMask(), m.cbAtr())));
                }
                yield states(service.locateCardsByAtr(ctx(c.context()), masks, toPcsc(c.readerStates())));
            }
            case CONNECT_A, CONNECT_W -> {
                ConnectCall c = (ConnectCall) call;
                Connection conn = service.connect(ctx(c.context()), c.reader(), c.shareMode(), c.preferredProtocols());
                yield new ConnectReturn(SUCCESS, new RedirHandle(c.context(), conn.handle().bytes()),
                        conn.activeProtocol());
            }
            case RECONNECT -> {
                ReconnectCall c = (ReconnectCall) call;
                yield new ReconnectReturn(SUCCESS, service.reconnect(ctx(c.hCard().context()), handle(c.hCard()),
                        c.shareMode(), c.preferredProtocols(), c.initialization()));
            }
            case DISCONNECT -> {
                HCardAndDispositionCall c = (HCardAndDispositionCall) call;
                yield done(() -> service.disconnect(ctx(c.hCard().context()), handle(c.hCard()), c.disposition()));
            }
            case END_TRANSACTION -> {
                HCardAndDispositionCall c = (HCardAndDispositionCall) call;
                yield done(() -> service.endTransaction(ctx(c.hCard().context()), handle(c.hCard()),
                        c.disposition()));
            }
            case STATE -> state((StateCall) call);
            case STATUS_A, STATUS_W -> status((StatusCall) call, wide);
            case TRANSMIT -> transmit((TransmitCall) call);
            case CONTROL -> {
                ControlCall c = (ControlCall) call;
                byte[] out = service.control(ctx(c.hCard().context()), handle(c.hCard()), c.controlCode(),
                        orEmpty(c.inBuffer()));
                yield switch (BufferRule.decide(c.outBufferIsNull(), c.outBufferSize(), out.length)) {
                    case DATA -> ControlReturn.of(out);
                    case LENGTH_ONLY -> new ControlReturn(SUCCESS, out.length, null);
                    case INSUFFICIENT -> ControlReturn.error(INSUFFICIENT);
                };
            }
            case GET_ATTRIB -> {
                GetAttribCall c = (GetAttribCall) call;
                byte[] value = service.getAttrib(ctx(c.hCard().context()), handle(c.hCard()), c.attrId());
                yield switch (BufferRule.decide(c.attrIsNull(), c.attrLength(), value.length)) {
                    case DATA -> GetAttribReturn.of(value);
                    case LENGTH_ONLY -> GetAttribReturn.lengthOnly(value.length);
                    case INSUFFICIENT -> GetAttribReturn.error(INSUFFICIENT);
                };
            }
            case SET_ATTRIB -> {
                SetAttribCall c = (SetAttribCall) call;
                yield done(() -> service.setAttrib(ctx(c.hCard().context()), handle(c.hCard()), c.attrId(),
                        orEmpty(c.attr())));
            }
            case READ_CACHE_A, READ_CACHE_W -> {
                ReadCacheCall c = (ReadCacheCall) call;
                byte[] data = service.readCache(ctx(c.context()), uuid(c.cardIdentifier()), c.freshnessCounter(),
                        c.lookupName());
                yield switch (BufferRule.decide(c.fPbDataIsNull() != 0, c.cbDataLen(), data.length)) {
                    case DATA -> ReadCacheReturn.success(data);
                    case LENGTH_ONLY -> ReadCacheReturn.lengthOnly(data.length);
                    case INSUFFICIENT -> ReadCacheReturn.failure(INSUFFICIENT);
                };
            }
            case WRITE_CACHE_A, WRITE_CACHE_W -> {
                WriteCacheCall c = (WriteCacheCall) call;
                yield done(() -> service.writeCache(ctx(c.context()), uuid(c.cardIdentifier()), c.freshnessCounter(),
                        c.lookupName(), orEmpty(c.data())));
            }
            case GET_TRANSMIT_COUNT -> {
                GetTransmitCountCall c = (GetTransmitCountCall) call;
                yield new GetTransmitCountReturn(SUCCESS,
                        service.getTransmitCount(ctx(c.hCard().context()), handle(c.hCard())));
            }
            case GET_READER_ICON -> {
                GetReaderIconCall c = (GetReaderIconCall) call;
                yield GetReaderIconReturn.success(service.getReaderIcon(ctx(c.context()), c.readerName()));
            }
            case GET_DEVICE_TYPE_ID -> {
                GetDeviceTypeIdCall c = (GetDeviceTypeIdCall) call;
                yield new GetDeviceTypeIdReturn(SUCCESS, service.getDeviceTypeId(ctx(c.context()), c.readerName()));
            }
            case GET_STATUS_CHANGE_A, GET_STATUS_CHANGE_W, BEGIN_TRANSACTION ->
                    throw new IllegalStateException("asynchronous: " + ioctl);
        };
    }

    private CompletableFuture<EscReturn> statusChange(GetStatusChangeCall c) throws ScardException {
        long timeout = Integer.toUnsignedLong(c.timeout());
        return service.getStatusChange(ctx(c.context()), timeout, toPcsc(c.readerStates()))
                .handle((StatusChangeResult result, Throwable error) -> {
                    if (error != null) {
                        return failure(Ioctl.GET_STATUS_CHANGE_W, codeOf(error));
                    }
                    // SCARD_E_TIMEOUT keeps the states, as WinSCard and FreeRDP do (facts/rdp.md 3.1)
                    List<ReaderStateCommon> states = commons(result.states());
                    return new ReaderStatesReturn(result.returnCode(), states, !states.isEmpty());
                });
    }

    private CompletableFuture<EscReturn> beginTransaction(HCardAndDispositionCall c) throws ScardException {
        return service.beginTransaction(ctx(c.hCard().context()), handle(c.hCard()))
                .handle((ok, error) -> new LongReturn(error == null ? SUCCESS : codeOf(error)));
    }

    private EscReturn state(StateCall c) throws ScardException {
        CardStatus s = service.status(ctx(c.hCard().context()), handle(c.hCard()));
        byte[] atr = s.atr();
        return switch (BufferRule.decide(c.atrIsNull(), c.atrLength(), atr.length)) {
            case DATA -> new StateReturn(SUCCESS, s.state(), s.protocol(), atr.length, atr);
            case LENGTH_ONLY -> new StateReturn(SUCCESS, s.state(), s.protocol(), atr.length, null);
            case INSUFFICIENT -> StateReturn.error(INSUFFICIENT);
        };
    }

    private EscReturn status(StatusCall c, boolean wide) throws ScardException {
        CardStatus s = service.status(ctx(c.hCard().context()), handle(c.hCard()));
        // Status_Call.cbAtrLen is unused (MS-RDPESC 2.2.2.18): the ATR always goes in the fixed 32-byte array.
        byte[] msz = Msz.encode(s.readerNames(), wide);
        int chars = msz.length / (wide ? 2 : 1);
        return switch (BufferRule.decide(c.readerNamesIsNull(), c.readerLength(), chars)) {
            case DATA -> StatusReturn.of(wide, s.readerNames(), s.state(), s.protocol(), s.atr());
            case LENGTH_ONLY -> {
                StatusReturn full = StatusReturn.of(wide, s.readerNames(), s.state(), s.protocol(), s.atr());
                yield new StatusReturn(SUCCESS, wide, msz.length, null, full.state(), full.protocol(), full.pbAtr(),
                        full.cbAtrLen());
            }
            case INSUFFICIENT -> StatusReturn.error(INSUFFICIENT, wide);
        };
    }

    private EscReturn transmit(TransmitCall c) throws ScardException {
        byte[] response = service.transmit(ctx(c.hCard().context()), handle(c.hCard()), c.sendPci().protocol(),
                orEmpty(c.sendBuffer()));
        ScardIoRequest recvPci = c.recvPci() == null ? null : ScardIoRequest.of(c.sendPci().protocol());
        return switch (BufferRule.decide(c.recvBufferIsNull(), c.recvLength(), response.length)) {
            case DATA -> new TransmitReturn(SUCCESS, recvPci, response.length, response);
            case LENGTH_ONLY -> new TransmitReturn(SUCCESS, recvPci, response.length, null);
            case INSUFFICIENT -> TransmitReturn.error(INSUFFICIENT);
        };
    }

    private static ListReadersReturn names(List<String> names, boolean isNull, int capacityChars, boolean wide) {
        byte[] msz = Msz.encode(names, wide);
        int chars = msz.length / (wide ? 2 : 1);
        return switch (BufferRule.decide(isNull, capacityChars, chars)) {
            case DATA -> ListReadersReturn.success(names, wide);
            case LENGTH_ONLY -> ListReadersReturn.lengthOnly(msz.length);
            case INSUFFICIENT -> ListReadersReturn.failure(INSUFFICIENT);
        };
    }

    private static ReaderStatesReturn states(List<ReaderState> states) {
        return ReaderStatesReturn.success(commons(states));
    }

    private static List<ReaderStateCommon> commons(List<ReaderState> states) {
        List<ReaderStateCommon> out = new ArrayList<>(states.size());
        for (ReaderState s : states) {
            out.add(ReaderStateCommon.of(s.currentState(), s.eventState(), s.atr()));
        }
        return out;
    }

    private static List<ReaderState> toPcsc(List<ReaderStateCall> states) {
        List<ReaderState> out = new ArrayList<>(states.size());
        for (ReaderStateCall s : states) {
            // the caller's ATR is input only for ATR matching; the resource manager fills it in
            out.add(new ReaderState(s.reader(), s.common().currentState(), s.common().eventState(),
                    atrWithin(s.common().atr())));
        }
        return out;
    }

    private static byte[] atrWithin(byte[] atr) {
        return atr.length > Scard.READER_STATE_ATR_BUFFER ? Arrays.copyOf(atr, Scard.READER_STATE_ATR_BUFFER) : atr;
    }

    private interface ScardAction {
        void run() throws ScardException;
    }

    private static LongReturn done(ScardAction action) throws ScardException {
        action.run();
        return new LongReturn(SUCCESS);
    }

    private static String required(java.util.Optional<String> s) throws ScardException {
        return s.orElseThrow(() -> new ScardException(ScardError.E_INVALID_PARAMETER, "NULL string"));
    }

    private static ScardId ctx(RedirContext context) {
        return new ScardId(context.value());
    }

    private static ScardId handle(RedirHandle h) {
        return new ScardId(h.handle());
    }

    private static UUID uuid(byte[] wire) {
        ByteBuffer b = ByteBuffer.wrap(wire);
        return new UUID(b.getLong(), b.getLong());
    }

    private static byte[] orEmpty(byte[] b) {
        return b == null ? new byte[0] : b;
    }

    private static int codeOf(Throwable error) {
        Throwable e = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        return e instanceof ScardException se ? se.code() : ScardError.F_INTERNAL_ERROR.code();
    }
}
