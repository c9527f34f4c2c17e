package dev.scbridge.pcsc.smartcardio;

import java.util.HashMap;
import java.util.Map;

/** Card presence per terminal as last observed, and the number of changes observed (the event counter). */
final class PresenceTracker {
    private final Map<String, boolean[]> present = new HashMap<>();
    private final Map<String, Integer> counters = new HashMap<>();

    /** Records an observation and returns the event counter (16 bits). */
    synchronized int observe(String reader, boolean cardPresent) {
        boolean[] last = present.get(reader);
        int count = counters.getOrDefault(reader, cardPresent ? 1 : 0);
        if (last != null && last[0] != cardPresent) {
            count = (count + 1) & 0xFFFF;
        }
        present.put(reader, new boolean[] {cardPresent});
        counters.put(reader, count);
        return count;
    }
}
