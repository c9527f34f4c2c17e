package dev.scbridge.cli;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A one-line JSON object for {@code --json} output (RFC 8259): string and number members in insertion order, strings
 * escaped so that any value (a path with a quote, a control character) stays one valid line.
 */
final class JsonLine {
    private final Map<String, Object> members = new LinkedHashMap<>();

    JsonLine put(String name, String value) {
        members.put(name, value);
        return this;
    }

    JsonLine put(String name, long value) {
        members.put(name, value);
        return this;
    }

    JsonLine put(String name, boolean value) {
        members.put(name, value);
        return this;
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("{");
        for (Map.Entry<String, Object> m : members.entrySet()) {
            if (b.length() > 1) {
                b.append(',');
            }
            quote(b, m.getKey());
            b.append(':');
            Object v = m.getValue();
            if (v instanceof String s) {
                quote(b, s);
            } else {
                b.append(v);
            }
        }
        return b.append('}').toString();
    }

    private static void quote(StringBuilder b, String s) {
        b.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20 || Character.getType(c) == Character.FORMAT || Character.isSurrogate(c)
                            || c == 0x2028 || c == 0x2029) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        b.append('"');
    }
}
