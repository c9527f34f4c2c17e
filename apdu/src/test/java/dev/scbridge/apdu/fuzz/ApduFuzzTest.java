package dev.scbridge.apdu.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.scbridge.apdu.ChainAssembler;
import dev.scbridge.apdu.CommandApdu;
import dev.scbridge.apdu.CommandChaining;
import dev.scbridge.apdu.ResponseApdu;
import dev.scbridge.apdu.ResponseChunker;
import dev.scbridge.apdu.StatusWord;
import dev.scbridge.apdu.Tlv;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.List;

/**
 * Fuzz targets for the APDU layer (design.md tier 5). In a normal build they run on their seed inputs
 * (src/test/resources/dev/scbridge/apdu/fuzz/ApduFuzzTestInputs/&lt;method&gt;); scripts/fuzz.sh fuzzes each one.
 */
class ApduFuzzTest {
    @FuzzTest
    void commandApdu(byte[] data) {
        CommandApdu apdu = RoundTrip.check(data, CommandApdu::parse, CommandApdu::encode);
        boolean shortForm = data.length <= 5 || data[4] != 0;
        if (apdu != null && shortForm && !Arrays.equals(apdu.encode(), data)) {
            throw new AssertionError("short-form APDU does not re-encode identically: " + apdu);
        }
    }

    @FuzzTest
    void responseApdu(byte[] data) {
        ResponseApdu r = RoundTrip.check(data, ResponseApdu::parse, ResponseApdu::encode);
        if (r != null && !Arrays.equals(r.encode(), data)) {
            throw new AssertionError("response APDU does not re-encode identically");
        }
    }

    @FuzzTest
    void tlvParseAll(byte[] data) {
        List<Tlv> tlvs = RoundTrip.check(data, Tlv::parseAll, ApduFuzzTest::encodeAll);
        if (tlvs != null) {
            for (Tlv t : tlvs) {
                if (t.isConstructed()) {
                    RoundTrip.check(t.value(), Tlv::parseAll, ApduFuzzTest::encodeAll);
                }
            }
        }
    }

    /** Any command split into chained pieces of any size reassembles to itself; nothing else escapes. */
    @FuzzTest
    void chainAssembler(FuzzedDataProvider in) {
        ChainAssembler assembler = new ChainAssembler();
        // noise first: arbitrary pieces, possibly leaving a chain open
        int noise = in.consumeInt(0, 4);
        for (int i = 0; i < noise; i++) {
            assembler.accept(new CommandApdu(in.consumeInt(0, 0xFF), in.consumeInt(0, 0xFF), 0, 0,
                    in.consumeBytes(in.consumeInt(0, 255)), 0));
        }
        int cla = in.consumeInt(0, 0xFF) & ~CommandApdu.CLA_CHAINING;
        int ne = in.consumeInt(0, 256);
        int pieceSize = in.consumeInt(1, 255);
        byte[] data = in.consumeBytes(2_000);
        CommandApdu whole = new CommandApdu(cla, 0xDB, 0x3F, 0xFF, data, ne);
        assembler.reset();
        ChainAssembler.Step step = null;
        for (CommandApdu piece : CommandChaining.split(whole, pieceSize)) {
            step = assembler.accept(piece);
        }
        if (!(step instanceof ChainAssembler.Step.Complete c) || !c.command().equals(whole)) {
            throw new AssertionError("chain of " + data.length + " bytes in " + pieceSize + "-byte pieces gave " + step);
        }
    }

    /** Pulling every piece with GET RESPONSE gives back exactly the data, with correct 61xx words on the way. */
    @FuzzTest
    void responseChunker(FuzzedDataProvider in) {
        ResponseChunker chunker = new ResponseChunker();
        int sw = in.consumeInt(0, 0xFFFF);
        int ne = in.consumeInt(0, 65_536);
        byte[] data = in.consumeBytes(in.consumeInt(0, 5_000));
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        ResponseApdu r = chunker.start(data, sw, ne);
        int rounds = 0;
        while (true) {
            got.writeBytes(r.data());
            int left = data.length - got.size();
            if (left == 0) {
                break;
            }
            if (r.sw() != StatusWord.bytesRemaining(left) || ++rounds > data.length) {
                throw new AssertionError("bad status " + StatusWord.hex(r.sw()) + " with " + left + " bytes left");
            }
            r = chunker.next(in.consumeInt(0, 256));
        }
        if (r.sw() != sw || !Arrays.equals(got.toByteArray(), data) || chunker.hasPending()) {
            throw new AssertionError("chunked response does not reassemble");
        }
    }

    private static byte[] encodeAll(List<Tlv> tlvs) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Tlv t : tlvs) {
            out.writeBytes(t.encode());
        }
        return out.toByteArray();
    }
}
