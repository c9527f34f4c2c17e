package dev.scbridge.rdp.scard;

import dev.scbridge.pcsc.Scard;

/**
 * Per-session bounds of {@link ScardService} (design.md, Limits). Exceeding one gives {@code SCARD_E_NO_MEMORY}
 * (WinSCard's answer for an exhausted resource), an over-long argument list {@code SCARD_E_INVALID_VALUE}, an
 * over-size cache item {@code SCARD_W_CACHE_ITEM_TOO_BIG}; memory never grows without bound.
 *
 * @param contextsPerSession    open contexts. The recorded Windows logon (vectors/windows-logon-trace.txt) opens 10
 *                              contexts over the logon and releases most again, with at most a handful open at once;
 *                              16 leaves room and stays below {@code VirtualPcsc.MAX_CONTEXTS} (32), since every
 *                              context holds one backend context
 * @param handlesPerContext     card handles per context: pcsc-lite's PCSCLITE_MAX_APPLICATION_CONTEXT_CHANNELS (16),
 *                              the same bound the virtual and native backends apply
 * @param pendingCalls          parked GetStatusChange plus waiting BeginTransaction calls per session. Windows parks
 *                              one INFINITE GetStatusChange per watching context (trace 024); 16 stays below the
 *                              backends' MAX_PENDING_CALLS (32) so a session never exhausts its backend
 * @param readerStatesPerCall   GetStatusChange_Call cReaders: the MS-RDPESC IDL (sec. 6) allows 0..11,
 *                              {@link Scard#MAX_READER_STATES}; more is {@code SCARD_E_INVALID_VALUE}, as the backends
 *                              answer
 * @param locateReaderStates    LocateCards(ByATR)_Call cReaders: the IDL allows 0..10
 * @param atrMasks              LocateCardsByATR_Call cAtrs: the IDL allows 0..1000
 * @param cacheBytes            cached data plus lookup names (2 bytes a character) per session. The recorded logon
 *                              writes about 15 entries, the biggest ~1.3 KB (a certificate's public key), about 4 KB in
 *                              all; 256 KiB holds that 60 times over (several cards, re-logons) while 1,000 idle
 *                              sessions stay under 256 MB in the worst case
 * @param cacheEntries          cache entries per session: about 15 per card in the trace; 128 covers several cards
 * @param cacheItemBytes        one item's data: WriteCache_Call cbDataLen is at most 65,536 in the IDL
 * @param readerGroups          introduced reader groups per session (the reader database is a courtesy; Windows'
 *                              logon never used it in the trace)
 * @param introducedReaders     introduced reader names per session, same reasoning
 * @param nameLength            longest reader or group name in characters: pcsc-lite's MAX_READERNAME (128)
 */
public record ScardLimits(int contextsPerSession, int handlesPerContext, int pendingCalls, int readerStatesPerCall,
                          int locateReaderStates, int atrMasks, int cacheBytes, int cacheEntries, int cacheItemBytes,
                          int readerGroups, int introducedReaders, int nameLength) {
    public static final int DEFAULT_CONTEXTS_PER_SESSION = 16;
    public static final int DEFAULT_HANDLES_PER_CONTEXT = 16;
    public static final int DEFAULT_PENDING_CALLS = 16;
    public static final int DEFAULT_READER_STATES_PER_CALL = Scard.MAX_READER_STATES;
    public static final int DEFAULT_LOCATE_READER_STATES = 10;
    public static final int DEFAULT_ATR_MASKS = 1000;
    public static final int DEFAULT_CACHE_BYTES = 256 * 1024;
    public static final int DEFAULT_CACHE_ENTRIES = 128;
    public static final int DEFAULT_CACHE_ITEM_BYTES = 65_536;
    public static final int DEFAULT_READER_GROUPS = 16;
    public static final int DEFAULT_INTRODUCED_READERS = 16;
    public static final int DEFAULT_NAME_LENGTH = 128;

    /** The documented defaults. */
    public static final ScardLimits DEFAULTS = new ScardLimits(DEFAULT_CONTEXTS_PER_SESSION,
            DEFAULT_HANDLES_PER_CONTEXT, DEFAULT_PENDING_CALLS, DEFAULT_READER_STATES_PER_CALL,
            DEFAULT_LOCATE_READER_STATES, DEFAULT_ATR_MASKS, DEFAULT_CACHE_BYTES, DEFAULT_CACHE_ENTRIES,
            DEFAULT_CACHE_ITEM_BYTES, DEFAULT_READER_GROUPS, DEFAULT_INTRODUCED_READERS, DEFAULT_NAME_LENGTH);

    public ScardLimits {
        int[] all = {contextsPerSession, handlesPerContext, pendingCalls, readerStatesPerCall, locateReaderStates,
                atrMasks, cacheBytes, cacheEntries, cacheItemBytes, readerGroups, introducedReaders, nameLength};
        for (int v : all) {
            if (v < 1) {
                throw new IllegalArgumentException("limits must be positive: " + v);
            }
        }
        if (readerStatesPerCall > Scard.MAX_READER_STATES) {
            throw new IllegalArgumentException("at most " + Scard.MAX_READER_STATES + " reader states per call");
        }
    }

    public ScardLimits withContextsPerSession(int n) {
        return new ScardLimits(n, handlesPerContext, pendingCalls, readerStatesPerCall, locateReaderStates, atrMasks,
                cacheBytes, cacheEntries, cacheItemBytes, readerGroups, introducedReaders, nameLength);
    }

    public ScardLimits withHandlesPerContext(int n) {
        return new ScardLimits(contextsPerSession, n, pendingCalls, readerStatesPerCall, locateReaderStates, atrMasks,
                cacheBytes, cacheEntries, cacheItemBytes, readerGroups, introducedReaders, nameLength);
    }

    public ScardLimits withPendingCalls(int n) {
        return new ScardLimits(contextsPerSession, handlesPerContext, n, readerStatesPerCall, locateReaderStates,
                atrMasks, cacheBytes, cacheEntries, cacheItemBytes, readerGroups, introducedReaders, nameLength);
    }

    public ScardLimits withCache(int bytes, int entries, int itemBytes) {
        return new ScardLimits(contextsPerSession, handlesPerContext, pendingCalls, readerStatesPerCall,
                locateReaderStates, atrMasks, bytes, entries, itemBytes, readerGroups, introducedReaders, nameLength);
    }

    public ScardLimits withReaderDatabase(int groups, int readers) {
        return new ScardLimits(contextsPerSession, handlesPerContext, pendingCalls, readerStatesPerCall,
                locateReaderStates, atrMasks, cacheBytes, cacheEntries, cacheItemBytes, groups, readers, nameLength);
    }
}
