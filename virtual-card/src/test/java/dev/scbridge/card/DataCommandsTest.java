package dev.scbridge.card;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scbridge.apdu.CommandApdu;
import dev.scbridge.apdu.Hex;
import dev.scbridge.apdu.ResponseApdu;
import dev.scbridge.apdu.Tlv;
import org.junit.jupiter.api.Test;

/** GET DATA / PUT DATA (SP 800-73-4 Part 2 3.1.2, 3.3.1; facts/piv.md section 7). */
class DataCommandsTest {
    private final CardSession s = CardSession.fresh();

    private ResponseApdu put(int id, byte[] contents) {
        byte[] idBytes = Tlv.tagBytes(id);
        byte[] data = WindowsLogonFlowTest.concat(new Tlv(0x5C, idBytes).encode(), new Tlv(0x53, contents).encode());
        return s.send(new CommandApdu(0, 0xDB, 0x3F, 0xFF, data));
    }

    private ResponseApdu get(int id) {
        return s.send(new CommandApdu(0, 0xCB, 0x3F, 0xFF, new Tlv(0x5C, Tlv.tagBytes(id)).encode(), 256));
    }

    @Test
    void putThenGet_roundTripsInThe53Wrapper() {
        s.authenticateDefault();
        byte[] ccc = Hex.decode("F0 15 A0 00 00 01 16 FF 02 00 01 02 03 04 05 06 07 08 09 0A 0B 0C 0D F1 01 21 F2 01"
                + " 21 F3 00 F4 01 00 F5 01 10 F6 00 F7 00 FA 00 FB 00 FC 00 FD 00 FE 00");
        assertThat(put(0x5FC107, ccc).sw()).isEqualTo(0x9000);
        ResponseApdu r = get(0x5FC107);
        assertThat(r.sw()).isEqualTo(0x9000);
        assertThat(r.data()).isEqualTo(new Tlv(0x53, ccc).encode());
    }

    @Test
    void largeObject_isReadBackWhole() {
        s.authenticateDefault();
        byte[] big = new byte[3000];
        big[2999] = 9;
        assertThat(put(0x5FC10A, big).sw()).isEqualTo(0x9000);
        assertThat(get(0x5FC10A).data()).isEqualTo(new Tlv(0x53, big).encode());
    }

    @Test
    void objectOverTheCap_is6A84() {
        s.authenticateDefault();
        assertThat(put(0x5FC10A, new byte[PivCardState.MAX_OBJECT_SIZE + 1]).sw()).isEqualTo(0x6A84);
    }

    @Test
    void totalStorageIsBounded() {
        s.authenticateDefault();
        int id = 0x5FFF20;
        int sw = 0x9000;
        while (sw == 0x9000 && id < 0x5FFF40) {
            sw = put(id++, new byte[3000]).sw();
        }
        assertThat(sw).isEqualTo(0x6A84);
    }

    @Test
    void delete_with53_00_thenGetIs6A82() {
        s.authenticateDefault();
        put(0x5FC10A, new byte[] {1});
        assertThat(put(0x5FC10A, new byte[0]).sw()).isEqualTo(0x9000);
        assertThat(get(0x5FC10A).sw()).isEqualTo(0x6A82);
    }

    @Test
    void printedInformation_needsThePin() {
        s.authenticateDefault();
        put(0x5FC109, Hex.decode("01 03 41 42 43 FE 00"));
        assertThat(get(0x5FC109).sw()).isEqualTo(0x6982);
        s.verifyPin("123456");
        assertThat(get(0x5FC109).sw()).isEqualTo(0x9000);
    }

    @Test
    void discovery_isReturnedUnwrapped_andIsNotWritable() {
        assertThat(Hex.spaced(s.raw("00 CB 3F FF 03 5C 01 7E 00").data()))
                .isEqualTo("7E 12 4F 0B A0 00 00 03 08 00 00 10 00 01 00 5F 2F 02 40 00");
        s.authenticateDefault();
        assertThat(s.sw("00 DB 3F FF 05 7E 03 5F 2F 00")).isEqualTo(0x6A81);
        assertThat(s.sw("00 DB 3F FF 05 5C 01 7E 53 00")).isEqualTo(0x6A81);
    }

    @Test
    void bitGroupTemplate_isAbsent() {
        assertThat(s.sw("00 CB 3F FF 04 5C 02 7F 61 00")).isEqualTo(0x6A82);
    }

    @Test
    void putDataWithoutManagementKey_is6982() {
        assertThat(put(0x5FC107, new byte[] {1}).sw()).isEqualTo(0x6982);
    }

    @Test
    void malformedRequests() {
        assertThat(s.sw("00 CB 3F FE 05 5C 03 5F C1 02")).as("P2").isEqualTo(0x6A86);
        assertThat(s.sw("00 CB 3F FF 05 5D 03 5F C1 02")).as("not 5C").isEqualTo(0x6A80);
        assertThat(s.sw("00 CB 3F FF 05 5C 04 5F C1 02")).as("truncated TLV").isEqualTo(0x6A80);
        assertThat(s.sw("00 CB 3F FF 06 5C 04 5F C1 02 01")).as("4-byte id").isEqualTo(0x6A80);
        assertThat(s.sw("00 CB 3F FF 07 5C 03 5F C1 02 00 00")).as("trailing").isEqualTo(0x6A80);
        assertThat(s.sw("00 CB 3F FF")).as("no data").isEqualTo(0x6A80);
        s.authenticateDefault();
        assertThat(s.sw("00 DB 3F FF 05 5C 03 5F C1 02")).as("no 53").isEqualTo(0x6A80);
        assertThat(s.sw("00 DB 3F FF 07 5C 03 12 34 56 53 00")).as("not storable").isEqualTo(0x6A80);
    }

    @Test
    void yubicoObjects_areStorable() {
        s.authenticateDefault();
        assertThat(put(0x5FFF10, new byte[] {1, 2}).sw()).isEqualTo(0x9000);
        assertThat(get(0x5FFF10).data()).isEqualTo(Hex.decode("53 02 01 02"));
    }
}
