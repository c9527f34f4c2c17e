package dev.scbridge.rdp.esc;

import dev.scbridge.apdu.DecodeException;
import dev.scbridge.rdp.ndr.NdrReader;

/**
 * Which structure each IOCTL carries (MS-RDPESC 3.1.4's table): decodes a DR_CONTROL_REQ InputBuffer into its
 * {@code *_Call} and a DR_CONTROL_RSP OutputBuffer into its {@code *_Return}. ScardAccessStartedEvent_Call is the
 * one input that is not type-serialized (MS-RDPESC 2.2.2.30); ReleaseStartedEvent has no structures ("not used").
 */
public final class EscCodecs {
    private EscCodecs() {
    }

    /**
     * Decodes the call an IOCTL's input buffer holds. Values the wire can carry but a structure cannot hold (a
     * reader name with an embedded NUL, a string not representable in the A variant's 8-bit charset) are
     * {@link DecodeException}s too.
     */
    public static EscCall decodeCall(Ioctl ioctl, byte[] input) throws DecodeException {
        try {
            return call(ioctl, input);
        } catch (IllegalArgumentException e) {
            throw new DecodeException(ioctl.specName() + " call", e.getMessage(), 0);
        }
    }

    /** Decodes the return an IOCTL's output buffer holds (same error contract as {@link #decodeCall}). */
    public static EscReturn decodeReturn(Ioctl ioctl, byte[] output) throws DecodeException {
        try {
            return ret(ioctl, output);
        } catch (IllegalArgumentException e) {
            throw new DecodeException(ioctl.specName() + " return", e.getMessage(), 0);
        }
    }

    private static EscCall call(Ioctl ioctl, byte[] input) throws DecodeException {
        if (ioctl == Ioctl.ACCESS_STARTED_EVENT) {
            return AccessStartedEventCall.decode(NdrReader.raw(input));
        }
        if (ioctl == Ioctl.RELEASE_STARTED_EVENT) {
            throw new DecodeException("IoControlCode", "SCARD_IOCTL_RELEASETARTEDEVENT carries no structure "
                    + "(MS-RDPESC 3.1.4: not used)", 0);
        }
        NdrReader r = NdrReader.typeSerialized(input);
        boolean w = ioctl.wide();
        return switch (ioctl) {
            case ESTABLISH_CONTEXT -> EstablishContextCall.decode(r);
            case RELEASE_CONTEXT, IS_VALID_CONTEXT, CANCEL -> ContextCall.decode(r);
            case LIST_READER_GROUPS_A, LIST_READER_GROUPS_W -> ListReaderGroupsCall.decode(r);
            case LIST_READERS_A, LIST_READERS_W -> ListReadersCall.decode(r, w);
            case INTRODUCE_READER_GROUP_A, INTRODUCE_READER_GROUP_W, FORGET_READER_GROUP_A, FORGET_READER_GROUP_W,
                 FORGET_READER_A, FORGET_READER_W -> ContextAndStringCall.decode(r, w);
            case INTRODUCE_READER_A, INTRODUCE_READER_W, ADD_READER_TO_GROUP_A, ADD_READER_TO_GROUP_W,
                 REMOVE_READER_FROM_GROUP_A, REMOVE_READER_FROM_GROUP_W -> ContextAndTwoStringCall.decode(r, w);
            case LOCATE_CARDS_A, LOCATE_CARDS_W -> LocateCardsCall.decode(r, w);
            case LOCATE_CARDS_BY_ATR_A, LOCATE_CARDS_BY_ATR_W -> LocateCardsByAtrCall.decode(r, w);
            case GET_STATUS_CHANGE_A, GET_STATUS_CHANGE_W -> GetStatusChangeCall.decode(r, w);
            case CONNECT_A, CONNECT_W -> ConnectCall.decode(r, w);
            case RECONNECT -> ReconnectCall.decode(r);
            case DISCONNECT, BEGIN_TRANSACTION, END_TRANSACTION -> HCardAndDispositionCall.decode(r);
            case STATE -> StateCall.decode(r);
            case STATUS_A, STATUS_W -> StatusCall.decode(r);
            case TRANSMIT -> TransmitCall.decode(r);
            case CONTROL -> ControlCall.decode(r);
            case GET_ATTRIB -> GetAttribCall.decode(r);
            case SET_ATTRIB -> SetAttribCall.decode(r);
            case READ_CACHE_A, READ_CACHE_W -> ReadCacheCall.decode(r, w);
            case WRITE_CACHE_A, WRITE_CACHE_W -> WriteCacheCall.decode(r, w);
            case GET_TRANSMIT_COUNT -> GetTransmitCountCall.decode(r);
            case GET_READER_ICON -> GetReaderIconCall.decode(r);
            case GET_DEVICE_TYPE_ID -> GetDeviceTypeIdCall.decode(r);
            case ACCESS_STARTED_EVENT, RELEASE_STARTED_EVENT -> throw new IllegalStateException("handled above");
        };
    }

    private static EscReturn ret(Ioctl ioctl, byte[] output) throws DecodeException {
        NdrReader r = NdrReader.typeSerialized(output);
        return switch (ioctl) {
            case ESTABLISH_CONTEXT -> EstablishContextReturn.decode(r);
            case LIST_READER_GROUPS_A, LIST_READER_GROUPS_W, LIST_READERS_A, LIST_READERS_W ->
                    ListReadersReturn.decode(r);
            case LOCATE_CARDS_A, LOCATE_CARDS_W, LOCATE_CARDS_BY_ATR_A, LOCATE_CARDS_BY_ATR_W, GET_STATUS_CHANGE_A,
                 GET_STATUS_CHANGE_W -> ReaderStatesReturn.decode(r);
            case CONNECT_A, CONNECT_W -> ConnectReturn.decode(r);
            case RECONNECT -> ReconnectReturn.decode(r);
            case STATE -> StateReturn.decode(r);
            case STATUS_A, STATUS_W -> StatusReturn.decode(r, ioctl.wide());
            case TRANSMIT -> TransmitReturn.decode(r);
            case CONTROL -> ControlReturn.decode(r);
            case GET_ATTRIB -> GetAttribReturn.decode(r);
            case READ_CACHE_A, READ_CACHE_W -> ReadCacheReturn.decode(r);
            case GET_TRANSMIT_COUNT -> GetTransmitCountReturn.decode(r);
            case GET_READER_ICON -> GetReaderIconReturn.decode(r);
            case GET_DEVICE_TYPE_ID -> GetDeviceTypeIdReturn.decode(r);
            default -> LongReturn.decode(r);
        };
    }
}
