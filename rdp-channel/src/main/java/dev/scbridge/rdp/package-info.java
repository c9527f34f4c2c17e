/**
 * The RDPDR smart-card device and the MS-RDPESC IOCTLs, NDR-encoded and mapped onto {@code dev.scbridge.pcsc}.
 * {@link dev.scbridge.rdp.RdpdrSmartCardChannel} is the entry point; docs/rdp-channel.md describes it.
 */
package dev.scbridge.rdp;
