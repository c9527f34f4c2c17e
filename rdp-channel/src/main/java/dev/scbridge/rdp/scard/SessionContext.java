package dev.scbridge.rdp.scard;

import dev.scbridge.pcsc.CardHandle;
import dev.scbridge.pcsc.PcscContext;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** One context of a {@link ScardService}: its backend context, card handles and parked status-change calls. */
final class SessionContext {
    /** A card handle: the name the caller connected with, the backend reader it resolved to. */
    record Handle(ScardId id, SessionContext context, CardHandle backend, String name, String device) {
    }

    final ScardId id;
    final PcscContext backend;
    final Map<ScardId, Handle> handles = new ConcurrentHashMap<>();
    final Set<StatusChangeCall> pending = ConcurrentHashMap.newKeySet();
    /** Bumped by every Cancel: a call that started before and parks after is cancelled too. */
    final AtomicInteger cancelEpoch = new AtomicInteger();
    /** Connects under way, counted against the handle limit (guarded by the service lock). */
    int reservedHandles;
    volatile boolean released;

    SessionContext(ScardId id, PcscContext backend) {
        this.id = id;
        this.backend = backend;
    }
}
