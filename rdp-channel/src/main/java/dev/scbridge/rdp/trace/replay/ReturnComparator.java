package dev.scbridge.rdp.trace.replay;

import dev.scbridge.apdu.DecodeException;
import dev.scbridge.rdp.esc.ConnectReturn;
import dev.scbridge.rdp.esc.EscCodecs;
import dev.scbridge.rdp.esc.EscReturn;
import dev.scbridge.rdp.esc.EstablishContextReturn;
import dev.scbridge.rdp.esc.Ioctl;
import dev.scbridge.rdp.esc.TransmitReturn;
import java.util.Arrays;
import java.util.Optional;

/**
 * Compares our OutputBuffer with the recorded one at the decoded level: identical bytes; or equal once our
 * context/handle ids are replaced by the recorded ones (their lengths differ too: 8 vs 4 bytes); or, for the
 * R-APDUs carrying a private-key result, equal in everything but the result bytes. Anything else is unexpected.
 */
final class ReturnComparator {
    private ReturnComparator() {
    }

    /** Which bytes of a Transmit answer may differ because the card holds another key. */
    enum Crypto { NONE, FIRST_PIECE, CONTINUATION }

    static StepResult compare(int step, String name, Ioctl ioctl, byte[] ours, byte[] recorded, Crypto crypto,
            String reasonPrefix) {
        if (Arrays.equals(ours, recorded)) {
            return result(step, name, Verdict.IDENTICAL, reasonPrefix, ours, recorded);
        }
        EscReturn o;
        EscReturn r;
        try {
            r = EscCodecs.decodeReturn(ioctl, recorded);
        } catch (DecodeException e) {
            return result(step, name, Verdict.UNEXPECTED_DIFFERENCE, "recorded return does not decode: "
                    + e.getMessage(), ours, recorded);
        }
        try {
            o = EscCodecs.decodeReturn(ioctl, ours);
        } catch (DecodeException e) {
            return result(step, name, Verdict.UNEXPECTED_DIFFERENCE, "our return does not decode: "
                    + e.getMessage(), ours, recorded);
        }
        if (o.returnCode() != r.returnCode()) {
            return result(step, name, Verdict.UNEXPECTED_DIFFERENCE, String.format(
                    "ReturnCode 0x%08X, recorded 0x%08X", o.returnCode(), r.returnCode()), ours, recorded);
        }
        EscReturn normalized = withRecordedIds(o, r);
        if (Arrays.equals(normalized.toBytes(), r.toBytes())) {
            return result(step, name, Verdict.EXPECTED_DIFFERENCE, join(reasonPrefix,
                    "context/handle ids (ours: random 8-byte values)"), ours, recorded);
        }
        if (crypto != Crypto.NONE && o instanceof TransmitReturn ot && r instanceof TransmitReturn rt) {
            Optional<String> why = cryptoOnly(ot.recvBuffer(), rt.recvBuffer(), crypto);
            if (why.isEmpty()) {
                return result(step, name, Verdict.EXPECTED_DIFFERENCE, join(reasonPrefix,
                        "private-key result bytes (our card holds another key)"), ours, recorded);
            }
            return result(step, name, Verdict.UNEXPECTED_DIFFERENCE, why.get(), ours, recorded);
        }
        return result(step, name, Verdict.UNEXPECTED_DIFFERENCE, join(reasonPrefix, "differs: ours " + o
                + ", recorded " + r), ours, recorded);
    }

    private static String join(String a, String b) {
        return a.isEmpty() ? b : a + "; " + b;
    }

    private static EscReturn withRecordedIds(EscReturn ours, EscReturn recorded) {
        if (ours instanceof EstablishContextReturn o && recorded instanceof EstablishContextReturn r) {
            return new EstablishContextReturn(o.returnCode(), r.context());
        }
        if (ours instanceof ConnectReturn o && recorded instanceof ConnectReturn r && o.handle() != null
                && r.handle() != null) {
            return new ConnectReturn(o.returnCode(), r.handle(), o.activeProtocol());
        }
        return ours;
    }

    /** Empty when the R-APDUs differ only in private-key result bytes; else what else differs. */
    private static Optional<String> cryptoOnly(byte[] ours, byte[] recorded, Crypto crypto) {
        if (ours == null || recorded == null || ours.length != recorded.length || ours.length < 2) {
            return Optional.of("R-APDU lengths differ: ours " + (ours == null ? "NULL" : ours.length)
                    + ", recorded " + (recorded == null ? "NULL" : recorded.length));
        }
        int n = ours.length;
        if (ours[n - 2] != recorded[n - 2] || ours[n - 1] != recorded[n - 1]) {
            return Optional.of(String.format("status words differ: ours %02X%02X, recorded %02X%02X",
                    ours[n - 2], ours[n - 1], recorded[n - 2], recorded[n - 1]));
        }
        int header = crypto == Crypto.FIRST_PIECE ? responseHeaderLength(recorded) : 0;
        if (!Arrays.equals(ours, 0, header, recorded, 0, header)) {
            return Optional.of("dynamic authentication template headers differ");
        }
        return Optional.empty();
    }

    /** Length of {@code 7C L 82 L} before the result bytes (SP 800-73-4 Part 2, Table 7), 0 if not that. */
    private static int responseHeaderLength(byte[] r) {
        if (r.length < 2 || r[0] != 0x7C) {
            return 0;
        }
        int i = 1 + berLengthSize(r[1]);
        if (i >= r.length || r[i] != (byte) 0x82) {
            return 0;
        }
        return i + 1 + berLengthSize(r[i + 1]);
    }

    private static int berLengthSize(byte first) {
        int b = first & 0xFF;
        return b < 0x80 ? 1 : 1 + (b & 0x7F);
    }

    static int firstDifference(byte[] a, byte[] b) {
        int m = Arrays.mismatch(a, b);
        return m;
    }

    static StepResult result(int step, String name, Verdict v, String detail, byte[] ours, byte[] recorded) {
        return new StepResult(step, name, v, detail, Optional.ofNullable(ours), Optional.ofNullable(recorded),
                ours != null && recorded != null ? Arrays.mismatch(ours, recorded) : -1);
    }
}
