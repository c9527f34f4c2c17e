package dev.scbridge.pcsc.nativ;

import com.sun.jna.Function;
import com.sun.jna.Memory;
import com.sun.jna.NativeLibrary;
import com.sun.jna.NativeLong;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The WinSCard entry points, looked up by name and called with arguments boxed to the platform's widths
 * ({@link NativeLayout}): one code path for libpcsclite.so.1, winscard.dll and PCSC.framework, no per-platform
 * interface. Return codes are the raw LONGs (low 32 bits); {@link NativeErrors} maps them.
 */
final class Winscard {
    /** Overrides the library to load (a path or a JNA library name). */
    static final String LIBRARY_PROPERTY = "scbridge.pcsc.library";

    final NativeLayout layout;
    private final NativeLibrary library;
    private final ConcurrentHashMap<String, Function> functions = new ConcurrentHashMap<>();

    private Winscard(NativeLayout layout, NativeLibrary library) {
        this.layout = layout;
        this.library = library;
    }

    /** Loads the platform's PC/SC library; throws {@link UnsatisfiedLinkError} when it is absent. */
    static Winscard load(NativeLayout layout) {
        String name = System.getProperty(LIBRARY_PROPERTY, defaultLibrary());
        return new Winscard(layout, NativeLibrary.getInstance(name));
    }

    /** Boxing and string helpers only (tests of the layout logic on any platform); calls fail. */
    static Winscard withoutLibrary(NativeLayout layout) {
        return new Winscard(layout, null);
    }

    static String defaultLibrary() {
        if (Platform.isWindows()) {
            return "winscard";
        }
        if (Platform.isMac()) {
            return "/System/Library/Frameworks/PCSC.framework/PCSC";
        }
        return "libpcsclite.so.1";
    }

    /** Entry points with A/W variants on Windows (winscard.h). */
    private static final java.util.Set<String> CHARSET_FUNCTIONS = java.util.Set.of("SCardListReaders",
            "SCardListReaderGroups", "SCardGetStatusChange", "SCardConnect", "SCardStatus");

    int call(String function, Object... args) {
        Function f = functions.computeIfAbsent(function, this::lookup);
        return f.invokeInt(args);
    }

    private Function lookup(String function) {
        String symbol = function;
        if (layout.wide() && CHARSET_FUNCTIONS.contains(function)) {
            symbol = function + "W";
        } else if (Platform.isMac() && function.equals("SCardControl")) {
            symbol = "SCardControl132"; // PCSC.framework's SCardControl is the pre-1.3.2 signature
        }
        int convention = Platform.isWindows() && !Platform.is64Bit() ? Function.ALT_CONVENTION : Function.C_CONVENTION;
        return library.getFunction(symbol, convention);
    }

    // --- argument boxing

    /** A DWORD argument. */
    Object dword(long value) {
        long unsigned = value & 0xFFFF_FFFFL;
        return layout.dwordSize() == 8 ? new NativeLong(unsigned) : (Object) (int) unsigned;
    }

    /** An SCARDCONTEXT / SCARDHANDLE argument. */
    Object handle(long value) {
        return layout.handleSize() == 8 ? (Object) value : (Object) (int) value;
    }

    Memory dwordOut(long initial) {
        Memory m = new Memory(layout.dwordSize());
        if (layout.dwordSize() == 8) {
            m.setLong(0, initial);
        } else {
            m.setInt(0, (int) initial);
        }
        return m;
    }

    long readDword(Pointer p, long offset) {
        return layout.dwordSize() == 8 ? p.getLong(offset) : p.getInt(offset) & 0xFFFF_FFFFL;
    }

    void writeDword(Pointer p, long offset, long value) {
        if (layout.dwordSize() == 8) {
            p.setLong(offset, value & 0xFFFF_FFFFL);
        } else {
            p.setInt(offset, (int) value);
        }
    }

    Memory handleOut() {
        Memory m = new Memory(layout.handleSize());
        m.clear();
        return m;
    }

    long readHandle(Pointer p) {
        return layout.handleSize() == 8 ? p.getLong(0) : p.getInt(0);
    }

    // --- strings: UTF-16LE for the W entry points, UTF-8 for pcsc-lite

    Charset charset() {
        return layout.wide() ? StandardCharsets.UTF_16LE : StandardCharsets.UTF_8;
    }

    int charSize() {
        return layout.wide() ? 2 : 1;
    }

    Memory string(String s) {
        byte[] b = s.getBytes(charset());
        Memory m = new Memory(b.length + charSize());
        m.clear();
        m.write(0, b, 0, b.length);
        return m;
    }

    /** A multi-string (names separated by NUL, ended by an empty name). */
    Memory multiString(List<String> names) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (String n : names) {
            byte[] b = n.getBytes(charset());
            out.write(b, 0, b.length);
            out.write(new byte[charSize()], 0, charSize());
        }
        out.write(new byte[charSize()], 0, charSize());
        byte[] all = out.toByteArray();
        Memory m = new Memory(all.length);
        m.write(0, all, 0, all.length);
        return m;
    }

    /** Parses a multi-string of {@code chars} characters. */
    List<String> parseMultiString(Pointer p, long chars) {
        byte[] b = p.getByteArray(0, (int) (chars * charSize()));
        List<String> names = new ArrayList<>();
        int start = 0;
        for (int i = 0; i + charSize() <= b.length; i += charSize()) {
            boolean nul = b[i] == 0 && (charSize() == 1 || b[i + 1] == 0);
            if (nul) {
                if (i == start) {
                    break;
                }
                names.add(new String(b, start, i - start, charset()));
                start = i + charSize();
            }
        }
        return names;
    }
}
