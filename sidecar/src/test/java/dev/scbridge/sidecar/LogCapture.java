package dev.scbridge.sidecar;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Everything logged while installed: slf4j-simple's lines (it writes to the current System.err) and
 * java.util.logging records (gRPC's), so a test can check what never appears in logs.
 */
final class LogCapture implements AutoCloseable {
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final StringBuffer jul = new StringBuffer();
    private final PrintStream original = System.err;
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord r) {
            jul.append(r.getLevel()).append(' ').append(r.getLoggerName()).append(": ").append(r.getMessage());
            if (r.getParameters() != null) {
                for (Object p : r.getParameters()) {
                    jul.append(' ').append(p);
                }
            }
            if (r.getThrown() != null) {
                jul.append(' ').append(r.getThrown());
            }
            jul.append('\n');
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    LogCapture() {
        System.setErr(new PrintStream(new OutputStream() {
            @Override
            public void write(int b) {
                synchronized (err) {
                    err.write(b);
                }
                original.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                synchronized (err) {
                    err.write(b, off, len);
                }
                original.write(b, off, len);
            }
        }, true, StandardCharsets.UTF_8));
        handler.setLevel(java.util.logging.Level.ALL);
        Logger.getLogger("").addHandler(handler);
    }

    String text() {
        synchronized (err) {
            return err.toString(StandardCharsets.UTF_8) + jul;
        }
    }

    @Override
    public void close() {
        Logger.getLogger("").removeHandler(handler);
        System.setErr(original);
    }
}
