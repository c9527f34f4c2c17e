package dev.scbridge.rdp.scard;

import dev.scbridge.pcsc.ScardError;
import dev.scbridge.pcsc.ScardException;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * The per-session card cache behind SCardReadCache / SCardWriteCache (MS-RDPESC 3.1.4.42-45, 2.2.2.25-28). Shared by
 * the session's contexts, as Windows keeps one cache per logon session. Keys are (CardIdentifier, LookupName), names
 * compared case-sensitively.
 *
 * <ul>
 *   <li>Read: a hit needs the same FreshnessCounter, else {@code SCARD_W_CACHE_ITEM_STALE}; no entry is
 *       {@code SCARD_W_CACHE_ITEM_NOT_FOUND}. The stale entry stays: the next write replaces it.</li>
 *   <li>Write: a FreshnessCounter older (unsigned) than the stored one is {@code SCARD_W_CACHE_ITEM_STALE} and keeps
 *       the stored item; otherwise the item is stored.</li>
 *   <li>Bounds ({@link ScardLimits}): an item larger than {@code cacheItemBytes} or than the whole cache is
 *       {@code SCARD_W_CACHE_ITEM_TOO_BIG}. When the cache is full the least recently used entries are evicted
 *       rather than the write refused: the cache is an optimisation Windows refills by reading the card.</li>
 * </ul>
 * Thread-safe (synchronized; calls are short and never touch the backend).
 */
final class CardCache {
    private record Key(UUID cardId, String name) {
    }

    private record Entry(int freshness, byte[] data, int cost) {
    }

    private final int maxBytes;
    private final int maxEntries;
    private final int maxItemBytes;
    private final LinkedHashMap<Key, Entry> entries = new LinkedHashMap<>(16, 0.75f, true);
    private int bytes;

    CardCache(ScardLimits limits) {
        this.maxBytes = limits.cacheBytes();
        this.maxEntries = limits.cacheEntries();
        this.maxItemBytes = limits.cacheItemBytes();
    }

    synchronized byte[] read(UUID cardId, int freshness, String name) throws ScardException {
        Entry e = entries.get(new Key(Objects.requireNonNull(cardId), Objects.requireNonNull(name)));
        if (e == null) {
            throw new ScardException(ScardError.W_CACHE_ITEM_NOT_FOUND, name);
        }
        if (e.freshness != freshness) {
            throw new ScardException(ScardError.W_CACHE_ITEM_STALE,
                    name + ": stored freshness " + Integer.toUnsignedString(e.freshness)
                            + ", asked " + Integer.toUnsignedString(freshness));
        }
        return e.data.clone();
    }

    synchronized void write(UUID cardId, int freshness, String name, byte[] data) throws ScardException {
        Key key = new Key(Objects.requireNonNull(cardId), Objects.requireNonNull(name));
        int cost = cost(name, data);
        if (data.length > maxItemBytes || cost > maxBytes) {
            throw new ScardException(ScardError.W_CACHE_ITEM_TOO_BIG,
                    name + ": " + data.length + " bytes (max " + Math.min(maxItemBytes, maxBytes) + ")");
        }
        Entry old = entries.get(key);
        if (old != null && Integer.compareUnsigned(freshness, old.freshness) < 0) {
            throw new ScardException(ScardError.W_CACHE_ITEM_STALE, name + ": a newer item is stored");
        }
        if (old != null) {
            entries.remove(key);
            bytes -= old.cost;
        }
        Iterator<Map.Entry<Key, Entry>> oldest = entries.entrySet().iterator();
        while (oldest.hasNext() && (bytes + cost > maxBytes || entries.size() >= maxEntries)) {
            bytes -= oldest.next().getValue().cost;
            oldest.remove();
        }
        entries.put(key, new Entry(freshness, data.clone(), cost));
        bytes += cost;
    }

    synchronized int size() {
        return entries.size();
    }

    synchronized int bytes() {
        return bytes;
    }

    synchronized void clear() {
        entries.clear();
        bytes = 0;
    }

    /** What an entry counts against the byte bound: its data and its name as UTF-16. */
    private static int cost(String name, byte[] data) {
        return data.length + 2 * name.length();
    }
}
