package dev.scbridge.rdp.trace.replay;

import dev.scbridge.rdp.efs.CapabilitySet;
import dev.scbridge.rdp.efs.CapabilityType;
import dev.scbridge.rdp.efs.GeneralCapabilitySet;
import dev.scbridge.rdp.efs.HeaderOnlyCapabilitySet;
import dev.scbridge.rdp.efs.ServerCoreCapabilityRequest;
import dev.scbridge.rdp.trace.FieldParser;
import dev.scbridge.rdp.trace.Fields;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Server Core Capability Request (MS-RDPEFS 2.2.2.7) from a recording's description:
 * {@code 5 sets: GENERAL(44,v2: osType=2 ... SpecialTypeDeviceCap=2) PRINTER(8,v1) PORT(8,v1) DRIVE(8,v2) ...}.
 */
final class Handshake {
    private static final Pattern SET = Pattern.compile("(GENERAL|PRINTER|PORT|DRIVE|SMARTCARD)\\((\\d+),v(\\d+)(?::([^)]*))?\\)");

    private Handshake() {
    }

    static ServerCoreCapabilityRequest capabilityRequest(String text) {
        List<CapabilitySet> sets = new ArrayList<>();
        Matcher m = SET.matcher(text);
        while (m.find()) {
            int length = Integer.parseInt(m.group(2));
            int version = Integer.parseInt(m.group(3));
            if (m.group(1).equals("GENERAL")) {
                Fields f = FieldParser.parse(m.group(4) == null ? "" : m.group(4));
                sets.add(new GeneralCapabilitySet(version, f.intValue("osType"), f.intValue("osVersion"),
                        f.intValue("major"), f.intValue("minor"), f.intValue("ioCode1"), f.intValue("ioCode2"),
                        f.intValue("extendedPDU"), f.intValue("extraFlags1"), f.intValue("extraFlags2"),
                        length == GeneralCapabilitySet.LENGTH_V2 ? OptionalInt.of(f.intValue("SpecialTypeDeviceCap"))
                                : OptionalInt.empty()));
            } else {
                CapabilityType type = CapabilityType.valueOf("CAP_" + m.group(1) + "_TYPE");
                sets.add(new HeaderOnlyCapabilitySet(type, version));
            }
        }
        if (sets.isEmpty()) {
            throw new IllegalArgumentException("no capability sets in: " + text);
        }
        return new ServerCoreCapabilityRequest(sets);
    }

    /** {@code GENERAL(44,v2) SMARTCARD(8,v1)}: type, length and version of each set. */
    static String describe(List<CapabilitySet> sets) {
        StringBuilder b = new StringBuilder();
        for (CapabilitySet s : sets) {
            String type = CapabilityType.fromCode(s.capabilityType()).map(t -> t.name()
                    .replace("CAP_", "").replace("_TYPE", "")).orElse("0x" + Integer.toHexString(s.capabilityType()));
            b.append(b.length() == 0 ? "" : " ").append(type).append('(').append(s.length()).append(')');
        }
        return b.toString();
    }
}
