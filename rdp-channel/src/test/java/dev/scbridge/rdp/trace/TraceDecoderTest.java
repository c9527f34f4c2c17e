package dev.scbridge.rdp.trace;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scbridge.apdu.Hex;
import dev.scbridge.rdp.efs.DeviceControlResponse;
import dev.scbridge.rdp.efs.IoCompletionHeader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** TraceDecoder over every shared vector file (shared/vectors), bare hex, and malformed blocks. */
class TraceDecoderTest {
    /** Synthetic DR_DEVICE_IOREQUEST: DeviceId 1, FileId 1, CompletionId 7, IRP_MJ_DEVICE_CONTROL. */
    private static final String IOREQUEST_HEADER_CID7 =
            "72 44 52 49 01 00 00 00 01 00 00 00 07 00 00 00 0E 00 00 00 00 00 00 00";
    /** Client Device List Announce, one smart card "SCARD" (MS-RDPEFS 2.2.2.9, values of logon trace step 006). */
    private static final String DEVICE_LIST_ANNOUNCE =
            "72 44 41 44 01 00 00 00 20 00 00 00 01 00 00 00 53 43 41 52 44 00 00 00 00 00 00 00";

    /**
     * Vectors that decode but are not what our encoder writes, or are cut short; all three are documented as such
     * in the vector files: IronRDP's constructed decoder tests leave ObjectBufferLength unpadded (MS-RPCE 2.2.6.2
     * wants a multiple of 8), and xrdp's EstablishContext dump stops 40 bytes before its InputBufferLength.
     */
    private static final List<String> KNOWN_NON_CANONICAL = List.of(
            "ContextAndStringW_Call with empty context and NULL string (decoder test)",
            "LocateCardsW_Call: 6-byte mszCards needs 2 pad bytes before reader states (decoder test)",
            "EstablishContext DR_CONTROL_REQ body with non-zero padding and trailing garbage");

    private static List<Path> vectorFiles() throws IOException {
        try (Stream<Path> s = Files.list(Vectors.dir().orElseThrow())) {
            return s.filter(p -> p.toString().endsWith(".txt")).sorted().toList();
        }
    }

    private static TraceDecoder.Result all() throws IOException {
        TraceDecoder.Result r = TraceDecoder.Result.empty();
        for (Path f : vectorFiles()) {
            r = r.plus(TraceDecoder.decode(f, true));
        }
        return r;
    }

    @Test
    void everyVectorFile_decodesAndReencodes_exceptKnownNonCanonicalVectors() throws IOException {
        TraceDecoder.Result r = all();
        assertThat(r.failed()).as(String.join("\n", r.lines())).isEqualTo(KNOWN_NON_CANONICAL.size());
        assertThat(failedBlocks(r.lines())).isEqualTo(KNOWN_NON_CANONICAL);
        assertThat(r.decoded()).isGreaterThan(190);
        assertThat(r.reencoded()).isEqualTo(r.decoded() - 2);
        assertThat(r.lines()).contains(
                "  FAILED decode: field InputBufferLength: length 128 exceeds the 88 bytes left "
                        + "[offset given within the block's bytes] (at offset 32)");
        int blocks = 0;
        for (Path f : vectorFiles()) {
            blocks += VectorFile.parse(f).size();
        }
        assertThat(r.decoded() + r.skipped() + 1).isEqualTo(blocks);
    }

    private static List<String> failedBlocks(List<String> lines) {
        List<String> out = new ArrayList<>();
        String block = null;
        for (String line : lines) {
            if (line.startsWith("== ")) {
                block = line.substring(3, line.lastIndexOf(" (line "));
            } else if (line.contains("FAILED")) {
                out.add(block);
            }
        }
        return out;
    }

    @Test
    void listReadersReturn_showsTeleportReader() {
        TraceDecoder.Result r = TraceDecoder.decode(Vectors.file("rdpesc-ioctls.txt"), true);
        int at = r.lines().indexOf("== ListReadersW_Return (OutputBuffer) (line 52)");
        assertThat(at).isNotNegative();
        assertThat(r.lines().subList(at, at + 7)).containsExactly(
                "== ListReadersW_Return (OutputBuffer) (line 52)",
                "  ListReaderGroups_Return/ListReaders_Return (MS-RDPESC 2.2.3.4) for SCARD_IOCTL_LISTREADERSW",
                "    returnCode = SCARD_S_SUCCESS (0x00000000)",
                "    cBytes = 20 (0x00000014)",
                "    msz = 54 00 65 00 6C 00 65 00 70 00 6F 00 72 00 74 00 00 00 00 00 (20 bytes)",
                "      as UTF-16LE multi-string: \"Teleport\"",
                "  check: re-encoded identically (56 bytes)");
    }

    @Test
    void readCacheReturn_showsCacheMissByName() {
        TraceDecoder.Result r = TraceDecoder.decode(Vectors.file("rdpesc-ioctls.txt"), false);
        assertThat(r.lines()).contains("    returnCode = SCARD_W_CACHE_ITEM_NOT_FOUND (0x80100070)");
        assertThat(r.reencoded()).isZero();
        assertThat(r.failed()).isEqualTo(1);
    }

    @Test
    void getStatusChangeReturn_showsReaderStatesByName() {
        TraceDecoder.Result r = TraceDecoder.decode(Vectors.file("rdpesc-ioctls.txt"), false);
        assertThat(r.lines()).anyMatch(l -> l.matches(" +eventState = .*PRESENT.* \\(0x[0-9A-F]{8}\\)"));
    }

    @Test
    void bareHex_deviceListAnnounce_showsSmartCardType() {
        TraceDecoder.Result r = TraceDecoder.decode("# one PDU per line\n" + DEVICE_LIST_ANNOUNCE + "\n", "dla.hex",
                true);
        assertThat(r.lines()).containsExactly(
                "== dla.hex:2 (line 2)",
                "  Client Device List Announce Request (MS-RDPEFS 2.2.2.9), sent client->server",
                "    devices = 1 item",
                "      devices[0]:",
                "        deviceType = RDPDR_DTYP_SMARTCARD",
                "        deviceId = 1 (0x00000001)",
                "        preferredDosName = 53 43 41 52 44 00 00 00 (8 bytes)",
                "        deviceData = (0 bytes)",
                "  check: re-encoded identically (28 bytes)");
        assertThat(r.summary()).isEqualTo("decoded 1, re-encoded identically 1, failed 0, skipped 0");
    }

    /** A DR_CONTROL_RSP is decoded as the *_Return of the DR_CONTROL_REQ with the same CompletionId. */
    @Test
    void bareHex_requestThenResponse_decodesBothBodies() {
        VectorBlock reqBody = block("rdpesc-ioctls.txt", "ListReadersW DR_CONTROL_REQ body");
        VectorBlock ret = block("rdpesc-ioctls.txt", "ListReadersW_Return (OutputBuffer)");
        String request = IOREQUEST_HEADER_CID7 + " " + Hex.spaced(reqBody.bytes());
        String response = Hex.spaced(new DeviceControlResponse(new IoCompletionHeader(1, 7, 0), ret.bytes()).encode());
        TraceDecoder.Result r = TraceDecoder.decode(request + "\n" + response.toLowerCase() + "\n", "s.hex", true);
        assertThat(r.summary()).isEqualTo("decoded 2, re-encoded identically 2, failed 0, skipped 0");
        assertThat(r.lines()).contains(
                "  Device Control Request (MS-RDPEFS 2.2.1.4.5), sent server->client",
                "    ListReaders_Call (MS-RDPESC 2.2.2.4) for SCARD_IOCTL_LISTREADERSW",
                "        as UTF-16LE multi-string: \"SCard$AllReaders\"",
                "  Device I/O Response (MS-RDPEFS 2.2.1.5), sent client->server",
                "  as Device Control Response (MS-RDPEFS 2.2.1.5.5) answering SCARD_IOCTL_LISTREADERSW:",
                "        as UTF-16LE multi-string: \"Teleport\"");
    }

    @Test
    void bareHex_responseWithoutRequest_leftRaw() {
        VectorBlock ret = block("rdpesc-ioctls.txt", "ListReadersW_Return (OutputBuffer)");
        String response = Hex.spaced(new DeviceControlResponse(new IoCompletionHeader(1, 9, 0), ret.bytes()).encode());
        TraceDecoder.Result r = TraceDecoder.decode(response, "r.hex", true);
        assertThat(r.lines()).contains("  (no earlier DR_CONTROL_REQ with this CompletionId: body left raw)");
        assertThat(r.failed()).isZero();
    }

    @Test
    void bareHex_garbage_failsNamingTheField() {
        TraceDecoder.Result r = TraceDecoder.decode("72 44 41\n", "bad.hex", true);
        assertThat(r.summary()).isEqualTo("decoded 0, re-encoded identically 0, failed 1, skipped 0");
        assertThat(r.lines().get(1)).startsWith("  FAILED decode: field RDPDR_HEADER: incomplete header: 3 bytes");
    }

    @Test
    void malformedBlock_countsAsOneFailure() {
        String text = """
                # name: ListReadersW_Return truncated by hand
                # source: test
                # direction: client->server
                # length: 12
                hex: 01 10 08 00 CC CC CC CC 28 00 00 00

                # name: request facts only
                # source: test
                fields: a=1
                """;
        TraceDecoder.Result r = TraceDecoder.decode(text, "t.txt", true);
        assertThat(r.summary()).isEqualTo("decoded 0, re-encoded identically 0, failed 1, skipped 1");
        assertThat(r.lines().get(1)).startsWith("  FAILED decode: field ").contains("(at offset ");
        assertThat(r.lines()).contains("  skipped: no hex: line");
    }

    @Test
    void structureNameAnyCase_andBareNdrObject() {
        String text = """
                # name: establishcontext_RETURN body without RPCE headers
                # source: ndr.txt (IronRDP encoder test)
                # length: 20
                hex: 00 00 00 00 04 00 00 00 00 00 02 00 04 00 00 00 D4 C3 B2 A1
                """;
        TraceDecoder.Result r = TraceDecoder.decode(text, "t.txt", true);
        assertThat(r.summary()).isEqualTo("decoded 1, re-encoded identically 1, failed 0, skipped 0");
        assertThat(r.lines()).contains("  EstablishContext_Return (MS-RDPESC 2.2.3.2) for SCARD_IOCTL_ESTABLISHCONTEXT",
                "      value = D4 C3 B2 A1 (4 bytes)");
    }

    @Test
    void reencodeDifference_isAFailureWithItsOffset() {
        String text = """
                # name: ContextAndStringW_Call unpadded
                # source: test
                # length: 28
                hex: 01 10 08 00 CC CC CC CC 0C 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00
                """;
        TraceDecoder.Result r = TraceDecoder.decode(text, "t.txt", true);
        assertThat(r.summary()).isEqualTo("decoded 1, re-encoded identically 0, failed 1, skipped 0");
        assertThat(r.lines()).anyMatch(l -> l.startsWith("  FAILED check: re-encoding differs: original 28 bytes, "
                + "re-encoded 32 bytes, first difference at offset 8 (0x8)"));
    }

    private static VectorBlock block(String file, String namePrefix) {
        return VectorFile.parse(Vectors.file(file)).stream().filter(b -> b.name().startsWith(namePrefix))
                .findFirst().orElseThrow();
    }
}
