/**
 * WinSCard semantics for one RDP session (MS-RDPESC 3.1.4) over a {@code dev.scbridge.pcsc} backend:
 * {@link dev.scbridge.rdp.scard.ScardService} and its ids, limits, options, cache and reader database. No NDR here;
 * the IOCTL dispatcher maps decoded calls onto the service.
 */
package dev.scbridge.rdp.scard;
