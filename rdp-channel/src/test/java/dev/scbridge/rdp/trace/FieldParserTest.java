package dev.scbridge.rdp.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scbridge.apdu.Hex;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class FieldParserTest {
    private static final List<VectorBlock> TRACE = VectorFile.parse(Vectors.file("windows-logon-trace.txt"));

    private static Fields step(String marker) {
        return TRACE.stream().filter(b -> b.name().contains(marker)).findFirst().orElseThrow().parsedFields();
    }

    @Test
    void everyFieldsLine_ofEveryFile_parses() throws IOException {
        try (Stream<Path> s = Files.list(Vectors.dir().orElseThrow())) {
            for (Path f : s.filter(p -> p.toString().endsWith(".txt")).toList()) {
                for (VectorBlock b : VectorFile.parse(f)) {
                    Fields fields = b.parsedFields();
                    for (Field field : fields.entries()) {
                        assertThat(field.raw()).as("%s %s", b.name(), field.key()).isNotNull();
                        if (field.kind() == Field.Kind.HEX_BYTES) {
                            assertThat(fields.find(field.key()).isEmpty() || field.key().isEmpty()
                                    || fields.hexValue(field.key()).length > 0).isTrue();
                        }
                    }
                }
            }
        }
    }

    /** Every IOCTL request block in the trace names its CompletionId, IoControlCode and InputBufferLength. */
    @Test
    void everyTraceCall_hasItsFramingFacts() {
        List<VectorBlock> calls = TRACE.stream().filter(b -> b.name().contains("_Call (step")).toList();
        assertThat(calls).hasSizeGreaterThan(100);
        for (VectorBlock b : calls) {
            Fields f = b.parsedFields();
            assertThat(f.intValue("IoControlCode") & 0xFFFF0000).as(b.name()).isEqualTo(0x00090000);
            assertThat(f.intValue("InputBufferLength")).as(b.name()).isPositive();
            assertThat(f.longValue("CompletionId")).as(b.name()).isBetween(0L, 16L);
        }
    }

    /** Cross-checks inside each call: lengths against the parsed bytes, reader counts against the names. */
    @Test
    void everyTraceCall_isSelfConsistent() {
        int transmits = 0;
        int statusChanges = 0;
        int cacheReads = 0;
        for (VectorBlock b : TRACE) {
            Fields f = b.parsedFields();
            if (b.name().startsWith("TRANSMIT_Call")) {
                assertThat(f.hexValue("pbSendBuffer")).as(b.name()).hasSize(f.intValue("cbSendLength"));
                transmits++;
            } else if (b.name().startsWith("GETSTATUSCHANGEW_Call")) {
                assertThat(f.bareStrings()).as(b.name()).hasSize(f.intValue("cReaders"));
                statusChanges++;
            } else if (b.name().startsWith("READCACHEW_Call")) {
                assertThat(f.hexValue("CardIdentifier")).as(b.name()).hasSize(16);
                assertThat(f.stringValue("szLookupName")).as(b.name()).startsWith("Cached_");
                cacheReads++;
            }
        }
        assertThat(transmits).isGreaterThan(10);
        assertThat(statusChanges).isGreaterThan(5);
        assertThat(cacheReads).isGreaterThan(10);
    }

    @Test
    void step045_transmit() {
        Fields f = step("(step 045 ");
        assertThat(Hex.spaced(f.hexValue("pbSendBuffer"))).isEqualTo("00 A4 04 00 09 A0 00 00 03 08 00 00 10 00");
        assertThat(f.get("pbSendBuffer").qualifier()).contains("C-APDU");
        assertThat(f.intValue("cbSendLength")).isEqualTo(14);
        assertThat(f.intValue("cbRecvLength")).isEqualTo(258);
        assertThat(f.intValue("dwProtocol")).isEqualTo(2);
        assertThat(f.get("dwProtocol").annotation()).contains("T1");
        assertThat(f.stringValue("pioRecvPci")).isEqualTo("NULL");
        assertThat(f.intValue("IoControlCode")).isEqualTo(0x000900D0);
        assertThat(f.get("IoControlCode").annotation()).contains("SCARD_IOCTL_TRANSMIT");
    }

    @Test
    void step022_getStatusChange_readersAndStates() {
        Fields f = step("(step 022 ");
        assertThat(f.bareStrings()).containsExactly("\\\\?PnP?\\Notification", "Teleport");
        assertThat(f.intValue("dwTimeOut")).isEqualTo(0xFFFFFFFF);
        assertThat(f.intValue("cReaders")).isEqualTo(2);
        assertThat(f.longValues("cur")).containsExactly(0L, 0x10L);
        assertThat(f.all("cur").get(1).annotation()).contains("EMPTY");
        assertThat(f.longValues("evt")).containsExactly(0L, 0L);
        assertThat(f.longValues("cbAtr")).containsExactly(0L, 0L);
    }

    @Test
    void step053_readCache() {
        Fields f = step("(step 053 ");
        assertThat(f.stringValue("szLookupName")).isEqualTo("Cached_CardmodFile\\Cached_Pin_Freshness");
        assertThat(Hex.spaced(f.hexValue("CardIdentifier")))
                .isEqualTo("91 3B 78 AF E9 FF 47 01 AD 19 24 CE A5 82 89 6D");
        assertThat(f.intValue("Context")).isEqualTo(5);
        assertThat(f.intValue("FreshnessCounter")).isZero();
        assertThat(f.intValue("cbDataLen")).isEqualTo(-1);
    }

    @Test
    void otherShapes() {
        Fields f = FieldParser.parse(List.of(
                "VersionMajor=1 VersionMinor=13 ClientId=3 (ChannelPDUHeader.length=12)",
                "OutputBufferLength=2048 Padding=20x00 | mszGroups=\"SCard$AllReaders\\0\\0\" (UTF-16LE)",
                "hCard cbHandle=4 pbHandle={0x00,0x00,0x01,0xea} dwDisposition=0",
                "GENERAL(44,v2: osType=2 SpecialTypeDeviceCap=2) PRINTER(8,v1)",
                "Server Device Announce Response(DeviceId=1, ResultCode=0)",
                "\"Teleport\" cur=0x22 (CHANGED|PRESENT) evt=0 cbAtr=11 ATR 3B 95 13 81 01 80 73 FF 01 00 0B",
                "WriteCacheW_Call.szLookupName=\"x y\" dwPreferredProtocols=T0|T1 flags=FIRST|LAST|ONLY"));
        assertThat(f.intValue("ChannelPDUHeader.length")).isEqualTo(12);
        assertThat(f.intValue("ClientId")).isEqualTo(3);
        assertThat(f.hexValue("Padding")).hasSize(20).containsOnly(0);
        assertThat(f.nulTerminatedString("mszGroups")).isEqualTo("SCard$AllReaders\0\0");
        assertThat(f.get("mszGroups").annotation()).contains("UTF-16LE");
        assertThat(f.hexValue("pbHandle")).containsExactly(0x00, 0x00, 0x01, 0xEA);
        assertThat(f.intValue("SpecialTypeDeviceCap")).isEqualTo(2);
        assertThat(f.intValue("DeviceId")).isEqualTo(1);
        assertThat(f.intValue("ResultCode")).isZero();
        assertThat(f.intValue("cur")).isEqualTo(0x22);
        assertThat(f.get("cur").annotation()).contains("CHANGED|PRESENT");
        assertThat(f.intValue("cbAtr")).isEqualTo(11);
        assertThat(f.stringValue("szLookupName")).isEqualTo("x y");
        assertThat(f.stringValue("dwPreferredProtocols")).isEqualTo("T0|T1");
        assertThat(f.stringValue("flags")).isEqualTo("FIRST|LAST|ONLY");
    }

    @Test
    void accessors_failWithTheKey() {
        Fields f = FieldParser.parse("a=T0|T1 b=1");
        assertThatThrownBy(() -> f.intValue("missing")).isInstanceOf(NoSuchElementException.class)
                .hasMessageContaining("missing");
        assertThatThrownBy(() -> f.intValue("a")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("a=T0|T1");
        assertThatThrownBy(() -> f.hexValue("a")).isInstanceOf(IllegalArgumentException.class);
    }
}
