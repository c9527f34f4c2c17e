/**
 * The RDPDR smart-card device and the MS-RDPESC IOCTLs, NDR-encoded and mapped onto {@code dev.scbridge.pcsc}.
 * Filled by a later issue (design.md).
 */
package dev.scbridge.rdp;
