package dev.scbridge.rdp.trace;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Parser for the vector files in {@code shared/vectors} (block format of its README.md): blocks separated by
 * blank lines, comment-only paragraphs before the first block ignored. A file with no {@code # name:} line at
 * all is read as bare hex: one PDU per non-comment line, each a block named {@code <source>:<line>}.
 */
public final class VectorFile {
    private static final Pattern HEX_BYTES = Pattern.compile("(?:[0-9A-Fa-f]{2}\\s*)+");

    private VectorFile() {
    }

    public static List<VectorBlock> parse(Path file) {
        try {
            return parse(Files.readString(file, StandardCharsets.UTF_8), file.getFileName().toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read vector file " + file, e);
        }
    }

    public static List<VectorBlock> parse(String text, String sourceName) {
        String[] lines = text.split("\r?\n", -1);
        boolean blockFormat = false;
        for (String line : lines) {
            blockFormat |= line.startsWith("# name:");
        }
        return blockFormat ? parseBlocks(lines, sourceName) : parseBareHex(lines, sourceName);
    }

    private static List<VectorBlock> parseBlocks(String[] lines, String sourceName) {
        List<VectorBlock> blocks = new ArrayList<>();
        int i = 0;
        while (i < lines.length) {
            if (lines[i].isBlank()) {
                i++;
                continue;
            }
            int start = i;
            while (i < lines.length && !lines[i].isBlank()) {
                i++;
            }
            List<String> paragraph = List.of(lines).subList(start, i);
            boolean named = paragraph.stream().anyMatch(l -> l.startsWith("# name:"));
            boolean commentOnly = paragraph.stream().allMatch(l -> l.startsWith("#"));
            if (!named && blocks.isEmpty() && commentOnly) {
                continue; // file header
            }
            blocks.add(parseBlock(paragraph, start + 1, sourceName));
        }
        return List.copyOf(blocks);
    }

    private static VectorBlock parseBlock(List<String> paragraph, int firstLine, String src) {
        String name = null;
        String source = null;
        String direction = null;
        Integer length = null;
        int lengthLine = 0;
        byte[] hex = null;
        List<String> notes = new ArrayList<>();
        List<String> fields = new ArrayList<>();
        for (int k = 0; k < paragraph.size(); k++) {
            String line = paragraph.get(k);
            int at = firstLine + k;
            if (line.startsWith("# name:")) {
                name = once(name, value(line, "# name:"), src, at, "name");
            } else if (line.startsWith("# source:")) {
                source = once(source, value(line, "# source:"), src, at, "source");
            } else if (line.startsWith("# direction:")) {
                direction = once(direction, value(line, "# direction:"), src, at, "direction");
            } else if (line.startsWith("# note:")) {
                notes.add(value(line, "# note:"));
            } else if (line.startsWith("# length:")) {
                if (length != null) {
                    throw new VectorFormatException(src, at, "second # length: line");
                }
                length = number(value(line, "# length:"), src, at);
                lengthLine = at;
            } else if (line.startsWith("fields:")) {
                fields.add(value(line, "fields:"));
            } else if (line.startsWith("hex:")) {
                if (hex != null) {
                    throw new VectorFormatException(src, at, "second hex: line");
                }
                hex = hexBytes(value(line, "hex:"), src, at);
            } else if (!line.startsWith("#")) {
                throw new VectorFormatException(src, at, "unexpected line in block: " + line);
            }
        }
        if (name == null) {
            throw new VectorFormatException(src, firstLine, "block without # name:");
        }
        if (hex != null && length == null) {
            throw new VectorFormatException(src, firstLine, "block '" + name + "' has hex: but no # length:");
        }
        if (length != null && (hex == null || hex.length != length)) {
            throw new VectorFormatException(src, lengthLine, "block '" + name + "': # length: " + length
                    + " but hex: has " + (hex == null ? "no line" : hex.length + " bytes"));
        }
        return new VectorBlock(name, source == null ? "" : source, Optional.ofNullable(direction), notes, fields,
                Optional.ofNullable(hex), firstLine);
    }

    private static List<VectorBlock> parseBareHex(String[] lines, String sourceName) {
        List<VectorBlock> blocks = new ArrayList<>();
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            blocks.add(new VectorBlock(sourceName + ":" + (i + 1), "", Optional.empty(), List.of(), List.of(),
                    Optional.of(hexBytes(line, sourceName, i + 1)), i + 1));
        }
        return List.copyOf(blocks);
    }

    private static String once(String previous, String value, String src, int line, String key) {
        if (previous != null) {
            throw new VectorFormatException(src, line, "second # " + key + ": line");
        }
        return value;
    }

    private static String value(String line, String prefix) {
        return line.substring(prefix.length()).strip();
    }

    private static int number(String text, String src, int line) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new VectorFormatException(src, line, "not a byte count: " + text);
        }
    }

    /** Hex bytes, space separated or not; upper or lower case. */
    static byte[] hexBytes(String text, String src, int line) {
        if (!HEX_BYTES.matcher(text).matches()) {
            throw new VectorFormatException(src, line, "not a hex byte string: " + abbreviate(text));
        }
        String digits = text.replaceAll("\\s+", "");
        return HexFormat.of().parseHex(digits);
    }

    private static String abbreviate(String s) {
        return s.length() <= 60 ? s : s.substring(0, 57) + "...";
    }
}
