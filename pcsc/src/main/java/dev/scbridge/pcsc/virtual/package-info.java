/**
 * {@link dev.scbridge.pcsc.virtual.VirtualPcsc}: in-process readers holding {@code CardEdge} cards, with
 * WinSCard semantics (share modes, transactions, dispositions, event counters, PnP notification, attributes),
 * bounded contexts, handles and pending calls, and no thread per context or call.
 */
package dev.scbridge.pcsc.virtual;
