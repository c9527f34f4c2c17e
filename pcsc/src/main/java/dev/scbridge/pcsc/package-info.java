/**
 * One PC/SC model mirroring WinSCard / pcsc-lite, because MS-RDPESC is WinSCard over the wire (design.md):
 * {@link dev.scbridge.pcsc.Pcsc} establishes {@link dev.scbridge.pcsc.PcscContext}s (list readers and groups,
 * asynchronous get-status-change with timeout and cancel, connect), which give
 * {@link dev.scbridge.pcsc.CardHandle}s (raw transmit with no hidden GET RESPONSE, control, get/set attribute,
 * status, transactions, reconnect and disconnect with dispositions). Failures are
 * {@link dev.scbridge.pcsc.ScardException}s carrying the exact {@code SCARD_*} code in Windows' numbering
 * ({@link dev.scbridge.pcsc.ScardError}); numbers and flags are in {@link dev.scbridge.pcsc.Scard}.
 *
 * <p>Backends: {@code virtual} (in-process readers holding {@code CardEdge} cards), {@code nativ} (JNA over
 * libpcsclite.so.1 / winscard.dll / PCSC.framework), {@code smartcardio} (any javax.smartcardio provider, lossy).
 * The vsmartcard vpcd link lives in {@code vpcd}, the host-side PIV client in {@code piv}.
 */
package dev.scbridge.pcsc;
