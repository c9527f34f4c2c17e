/**
 * MS-RDPBCGR static virtual channel framing (CHANNEL_PDU_HEADER, chunking and reassembly) for the RDPDR channel.
 * No I/O, no compression.
 */
package dev.scbridge.rdp.svc;
