package dev.scbridge.rdp.trace.replay;

import dev.scbridge.rdp.esc.AccessStartedEventCall;
import dev.scbridge.rdp.esc.ConnectCall;
import dev.scbridge.rdp.esc.ContextCall;
import dev.scbridge.rdp.esc.EscCall;
import dev.scbridge.rdp.esc.EstablishContextCall;
import dev.scbridge.rdp.esc.GetDeviceTypeIdCall;
import dev.scbridge.rdp.esc.GetReaderIconCall;
import dev.scbridge.rdp.esc.GetStatusChangeCall;
import dev.scbridge.rdp.esc.HCardAndDispositionCall;
import dev.scbridge.rdp.esc.ListReadersCall;
import dev.scbridge.rdp.esc.ReadCacheCall;
import dev.scbridge.rdp.esc.ReaderStateCall;
import dev.scbridge.rdp.esc.ReaderStateCommon;
import dev.scbridge.rdp.esc.RedirHandle;
import dev.scbridge.rdp.esc.ScardIoRequest;
import dev.scbridge.rdp.esc.StatusCall;
import dev.scbridge.rdp.esc.TransmitCall;
import dev.scbridge.rdp.esc.WriteCacheCall;
import dev.scbridge.rdp.trace.FieldParser;
import dev.scbridge.rdp.trace.Fields;
import dev.scbridge.rdp.trace.replay.ReplayScript.CallStep;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Builds the MS-RDPESC {@code *_Call} structure of a recorded call from its {@code fields:} facts (the recording
 * has parsed values, not bytes), with context and handle values passed through an {@link IdMap}. Covers the
 * IOCTLs a Windows logon sends (shared/vectors/README.md); any other is rejected with its name.
 */
final class CallFactory {
    /** SCARD_PROTOCOL_T0 / T1 / RAW (MS-RDPESC 2.2.5). */
    private static final int T0 = 0x1;
    private static final int T1 = 0x2;
    private static final int RAW = 0x10000;
    private static final Pattern ATR = Pattern.compile("ATR ((?:[0-9A-Fa-f]{2}(?: |$))+)");

    private CallFactory() {
    }

    /** The InputBuffer for {@code step}: its {@code hex:} as is, or the call built from its fields. */
    static byte[] input(CallStep step, IdMap ids) {
        return step.rawInput().orElseGet(() -> build(step, ids).toBytes());
    }

    static EscCall build(CallStep step, IdMap ids) {
        Fields f = step.params();
        boolean wide = step.ioctl().wide();
        return switch (step.ioctl()) {
            case ACCESS_STARTED_EVENT -> new AccessStartedEventCall(f.intValue("Unused"));
            case ESTABLISH_CONTEXT -> new EstablishContextCall(f.intValue("dwScope"));
            case RELEASE_CONTEXT, IS_VALID_CONTEXT, CANCEL -> new ContextCall(ids.context(f.longValue("Context")));
            case LIST_READERS_W, LIST_READERS_A -> listReaders(f, ids, wide);
            case GET_DEVICE_TYPE_ID -> new GetDeviceTypeIdCall(ids.context(f.longValue("Context")), readerName(f));
            case GET_READER_ICON -> new GetReaderIconCall(ids.context(f.longValue("Context")), readerName(f));
            case GET_STATUS_CHANGE_W, GET_STATUS_CHANGE_A -> GetStatusChangeCall.of(
                    ids.context(f.longValue("Context")), f.intValue("dwTimeOut"), readerStates(step), wide);
            case CONNECT_W, CONNECT_A -> new ConnectCall(f.stringValue("szReader"),
                    ids.context(f.longValue("Context")), f.intValue("dwShareMode"),
                    protocols(f.stringValue("dwPreferredProtocols")), wide);
            case BEGIN_TRANSACTION, END_TRANSACTION, DISCONNECT ->
                    new HCardAndDispositionCall(handle(f, ids), f.intValue("dwDisposition"));
            case STATUS_W, STATUS_A -> new StatusCall(handle(f, ids), f.intValue("fmszReaderNamesIsNULL") != 0,
                    f.intValue("cchReaderLen"), f.intValue("cbAtrLen"));
            case TRANSMIT -> transmit(f, ids);
            case READ_CACHE_W, READ_CACHE_A -> new ReadCacheCall(f.stringValue("szLookupName"),
                    ids.context(f.longValue("Context")), f.hexValue("CardIdentifier"),
                    f.intValue("FreshnessCounter"), f.intValue("fPbDataIsNULL"), f.intValue("cbDataLen"), wide);
            case WRITE_CACHE_W, WRITE_CACHE_A -> writeCache(f, ids, wide);
            default -> throw new IllegalArgumentException(
                    "no builder for " + step.name() + "_Call fields (give the block as hex:)");
        };
    }

    private static ListReadersCall listReaders(Fields f, IdMap ids, boolean wide) {
        byte[] groups = null;
        if (!f.bareStrings().isEmpty()) {
            String msz = f.bareStrings().get(0).replace("\\0", "\0");
            groups = msz.getBytes(wide ? StandardCharsets.UTF_16LE : StandardCharsets.US_ASCII);
        }
        int readersIsNull = f.has("fmszReadersIsNULL") ? f.intValue("fmszReadersIsNULL") : 0;
        return new ListReadersCall(ids.context(f.longValue("Context")), groups, readersIsNull,
                f.intValue("cchReaders"), wide);
    }

    private static String readerName(Fields f) {
        return f.has("szReaderName") ? f.stringValue("szReaderName") : f.bareStrings().get(0);
    }

    /** One reader state per quoted name, each with the facts written after it on the same line. */
    private static List<ReaderStateCall> readerStates(CallStep step) {
        List<ReaderStateCall> out = new ArrayList<>();
        for (String line : step.paramLines()) {
            int quote = line.indexOf('"');
            if (quote < 0) {
                continue;
            }
            Fields f = FieldParser.parse(line.substring(quote));
            String reader = f.bareStrings().get(0);
            int cur = (int) first(f, "cur", "dwCurrentState");
            int evt = (int) first(f, "evt", "dwEventState");
            int cbAtr = f.has("cbAtr") ? f.intValue("cbAtr") : 0;
            Matcher m = ATR.matcher(line);
            byte[] atr = m.find() ? HexFormat.of().parseHex(m.group(1).replace(" ", "")) : new byte[cbAtr];
            if (atr.length != cbAtr) {
                throw new IllegalArgumentException("cbAtr=" + cbAtr + " but " + atr.length + " ATR bytes: " + line);
            }
            out.add(new ReaderStateCall(reader, ReaderStateCommon.of(cur, evt, atr)));
        }
        return out;
    }

    private static long first(Fields f, String shortKey, String longKey) {
        return f.has(shortKey) ? f.longValue(shortKey) : f.longValue(longKey);
    }

    static int protocols(String text) {
        int p = 0;
        for (String part : text.split("\\|")) {
            p |= switch (part.strip()) {
                case "T0" -> T0;
                case "T1" -> T1;
                case "RAW" -> RAW;
                default -> (int) Long.decode(part.strip()).longValue();
            };
        }
        return p;
    }

    private static RedirHandle handle(Fields f, IdMap ids) {
        return ids.handle(f.longValue("Context"), f.longValue("Handle"));
    }

    private static TransmitCall transmit(Fields f, IdMap ids) {
        if (f.has("cbExtraBytes") && f.intValue("cbExtraBytes") != 0) {
            throw new IllegalArgumentException("ioSendPci extra bytes are not in the fields");
        }
        if (f.has("pioRecvPci") && !f.stringValue("pioRecvPci").equals("NULL")) {
            throw new IllegalArgumentException("a non-NULL pioRecvPci is not in the fields");
        }
        byte[] apdu = f.hexValue("pbSendBuffer");
        if (f.has("cbSendLength") && f.intValue("cbSendLength") != apdu.length) {
            throw new IllegalArgumentException("cbSendLength=" + f.intValue("cbSendLength") + " but "
                    + apdu.length + " pbSendBuffer bytes");
        }
        boolean recvNull = f.has("fpbRecvBufferIsNULL") && f.intValue("fpbRecvBufferIsNULL") != 0;
        return new TransmitCall(handle(f, ids), ScardIoRequest.of(f.intValue("dwProtocol")), apdu, null, recvNull,
                f.intValue("cbRecvLength"));
    }

    private static WriteCacheCall writeCache(Fields f, IdMap ids, boolean wide) {
        byte[] data = f.hexValue("pbData");
        if (f.has("cbDataLen") && f.intValue("cbDataLen") != data.length) {
            throw new IllegalArgumentException("cbDataLen=" + f.intValue("cbDataLen") + " but " + data.length
                    + " pbData bytes");
        }
        return WriteCacheCall.of(f.stringValue("szLookupName"), ids.context(f.longValue("Context")),
                f.hexValue("CardIdentifier"), f.intValue("FreshnessCounter"), data, wide);
    }
}
