package dev.scbridge.rdp.efs;

import dev.scbridge.apdu.DecodeException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * MS-RDPEFS 2.2.2.4 Client Name Request:
 * <pre>
 * RDPDR_HEADER | UnicodeFlag u32 | CodePage u32 | ComputerNameLen u32 | ComputerName (ComputerNameLen bytes)
 * </pre>
 * UnicodeFlag bit 0 selects UTF-16LE (else ASCII); other bits are kept as sent. ComputerNameLen counts the
 * terminating NUL, which {@link #computerName()} holds as raw bytes so the PDU re-encodes byte for byte.
 */
public record ClientNameRequest(int unicodeFlag, int codePage, byte[] computerName) implements RdpdrPdu {
    /**
     * Upper bound for ComputerNameLen. The spec gives none; a DNS host name is at most 255 characters
     * (RFC 1035 2.3.4), which is 512 bytes in UTF-16LE with the NUL.
     */
    public static final int MAX_COMPUTER_NAME_LENGTH = 512;

    public ClientNameRequest {
        computerName = Checks.atMost("computerName", computerName, MAX_COMPUTER_NAME_LENGTH);
        String problem = nameProblem((unicodeFlag & 1) != 0, computerName);
        if (problem != null) {
            throw new IllegalArgumentException("computerName: " + problem);
        }
    }

    /** A request for {@code name}, NUL-terminated, UTF-16LE or ASCII, CodePage 0 (MS-RDPEFS 2.2.2.4). */
    public static ClientNameRequest of(String name, boolean unicode) {
        byte[] text = (name + '\0').getBytes(unicode ? StandardCharsets.UTF_16LE : StandardCharsets.US_ASCII);
        return new ClientNameRequest(unicode ? 1 : 0, 0, text);
    }

    static ClientNameRequest decodeBody(ByteReader r) throws DecodeException {
        int flag = r.u32("UnicodeFlag");
        int codePage = r.u32("CodePage");
        int lengthAt = r.position();
        int length = r.u32("ComputerNameLen");
        byte[] name = r.bytes(length, MAX_COMPUTER_NAME_LENGTH, "ComputerNameLen");
        String problem = nameProblem((flag & 1) != 0, name);
        if (problem != null) {
            throw new DecodeException("ComputerNameLen", problem, lengthAt);
        }
        return new ClientNameRequest(flag, codePage, name);
    }

    private static String nameProblem(boolean unicode, byte[] name) {
        int unit = unicode ? 2 : 1;
        if (name.length % unit != 0) {
            return "odd length " + name.length + " for a UTF-16LE name";
        }
        if (name.length < unit || name[name.length - 1] != 0 || name[name.length - unit] != 0) {
            return "name of " + name.length + " bytes does not end with a NUL";
        }
        return null;
    }

    public boolean unicode() {
        return (unicodeFlag & 1) != 0;
    }

    /** The computer name without its terminating NUL. */
    public String computerNameString() {
        Charset cs = unicode() ? StandardCharsets.UTF_16LE : StandardCharsets.US_ASCII;
        return new String(computerName, 0, computerName.length - (unicode() ? 2 : 1), cs);
    }

    @Override
    public byte[] computerName() {
        return computerName.clone();
    }

    @Override
    public PacketId packetId() {
        return PacketId.CLIENT_NAME;
    }

    @Override
    public Direction direction() {
        return Direction.CLIENT_TO_SERVER;
    }

    @Override
    public byte[] encode() {
        return new ByteWriter(size()).header(packetId()).u32(unicodeFlag).u32(codePage).u32(computerName.length)
                .bytes(computerName).finish();
    }

    @Override
    public int size() {
        return HEADER_SIZE + 12 + computerName.length;
    }

    @Override
    public String name() {
        return "Client Name Request";
    }

    @Override
    public String specSection() {
        return "MS-RDPEFS 2.2.2.4";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ClientNameRequest c && c.unicodeFlag == unicodeFlag && c.codePage == codePage
                && Arrays.equals(c.computerName, computerName);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * unicodeFlag + codePage) + Arrays.hashCode(computerName);
    }

    @Override
    public String toString() {
        return "ClientNameRequest[unicodeFlag=" + unicodeFlag + ", codePage=" + codePage + ", computerName=" + computerNameString() + "]";
    }
}
