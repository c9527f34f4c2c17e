package dev.scbridge.rdp.trace;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Extracts {@code key=value} facts from free-form {@code fields:} lines of the vector files, e.g.
 * <pre>
 * Context=5 dwTimeOut=0 cReaders=1 rgReaderStates ref 0x00020004: "Teleport" dwCurrentState=0 (UNAWARE)
 * "Teleport" cur=0x22 (CHANGED|PRESENT) evt=0 cbAtr=11 ATR 3B 95 13 81 01 80 73 FF 01 00 0B
 * cbSendLength=14 pbSendBuffer (C-APDU)=00 A4 04 00 09 A0 00 00 03 08 00 00 10 00
 * </pre>
 * Never fails: text that is not {@code key=value} (prose, {@code |} separators, unkeyed hex) is skipped, and
 * quoted strings without a key become {@link Field}s with an empty key. Values inside a parenthesised group are
 * found too ({@code (ChannelPDUHeader.length=12)}).
 */
public final class FieldParser {
    private static final Pattern HEX_RUN =
            Pattern.compile("\\G[0-9A-Fa-f]{2}(?: [0-9A-Fa-f]{2})+(?![0-9A-Za-z_=])");

    private FieldParser() {
    }

    public static Fields parse(List<String> lines) {
        List<Field> out = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            scan(lines.get(i), i, out);
        }
        return new Fields(out);
    }

    public static Fields parse(String line) {
        return parse(List.of(line));
    }

    private static void scan(String s, int lineIndex, List<Field> out) {
        int n = s.length();
        int i = 0;
        while (i < n) {
            char c = s.charAt(i);
            if (c == '"') {
                int close = s.indexOf('"', i + 1);
                int end = close < 0 ? n : close;
                out.add(new Field("", s.substring(i + 1, end), Field.Kind.QUOTED, Optional.empty(),
                        Optional.empty(), lineIndex));
                i = end + 1;
            } else if (isIdentStart(c) && (i == 0 || isBoundary(s.charAt(i - 1)))) {
                i = keyValue(s, i, lineIndex, out);
            } else {
                i++;
            }
        }
    }

    /** Reads an identifier at {@code start}; if a value follows, records it. Returns where scanning resumes. */
    private static int keyValue(String s, int start, int lineIndex, List<Field> out) {
        int n = s.length();
        int k = start;
        while (k < n && isIdentPart(s.charAt(k))) {
            k++;
        }
        String key = s.substring(start, k);
        int p = k;
        Optional<String> qualifier = Optional.empty();
        int q = skipSpaces(s, p);
        if (q < n && s.charAt(q) == '(') {
            int close = matchingParen(s, q);
            if (close > 0 && close + 1 < n && s.charAt(close + 1) == '=') {
                qualifier = Optional.of(s.substring(q + 1, close));
                p = close + 1;
            }
        }
        if (p >= n || s.charAt(p) != '=') {
            return k;
        }
        return value(s, p + 1, key, qualifier, lineIndex, out);
    }

    private static int value(String s, int v, String key, Optional<String> qualifier, int lineIndex,
            List<Field> out) {
        int n = s.length();
        Field.Kind kind;
        String raw;
        int end;
        Matcher hex = HEX_RUN.matcher(s);
        if (v < n && s.charAt(v) == '"') {
            int close = s.indexOf('"', v + 1);
            end = close < 0 ? n : close + 1;
            raw = s.substring(v + 1, close < 0 ? n : close);
            kind = Field.Kind.QUOTED;
        } else if (v < n && s.charAt(v) == '{' && s.indexOf('}', v) > 0) {
            end = s.indexOf('}', v) + 1;
            raw = s.substring(v, end);
            kind = Field.Kind.BRACED;
        } else if (hex.find(v)) {
            end = hex.end();
            raw = hex.group();
            kind = Field.Kind.HEX_BYTES;
        } else {
            end = tokenEnd(s, v);
            raw = s.substring(v, end);
            if (raw.endsWith(":")) {
                raw = raw.substring(0, raw.length() - 1);
            }
            kind = Field.Kind.TOKEN;
        }
        Optional<String> annotation = Optional.empty();
        int a = skipSpaces(s, end);
        if (a < n && s.charAt(a) == '(') {
            int close = matchingParen(s, a);
            if (close > 0 && s.substring(a, close).indexOf('=') < 0) {
                annotation = Optional.of(s.substring(a + 1, close));
                end = close + 1;
            }
        }
        out.add(new Field(key, raw, kind, qualifier, annotation, lineIndex));
        return end;
    }

    private static int tokenEnd(String s, int v) {
        int depth = 0;
        int i = v;
        for (; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c) || c == ',' || c == ';') {
                break;
            }
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                if (depth == 0) {
                    break;
                }
                depth--;
            }
        }
        return i;
    }

    private static int matchingParen(String s, int open) {
        int depth = 0;
        for (int i = open; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')' && --depth == 0) {
                return i;
            }
        }
        return -1;
    }

    private static int skipSpaces(String s, int i) {
        while (i < s.length() && s.charAt(i) == ' ') {
            i++;
        }
        return i;
    }

    private static boolean isIdentStart(char c) {
        return Character.isLetter(c) || c == '_';
    }

    private static boolean isIdentPart(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '.' || c == '$' || c == '[' || c == ']';
    }

    private static boolean isBoundary(char c) {
        return Character.isWhitespace(c) || c == '(' || c == ',' || c == '|' || c == ';' || c == ':';
    }
}
