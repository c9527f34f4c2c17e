/**
 * MS-RDPEFS codec for the client side of an RDPDR channel that redirects one smart card: records per PDU, a
 * sealed {@link dev.scbridge.rdp.efs.RdpdrPdu} with encode/decode/size/name, and the wire constants. No I/O.
 * Decoding is strict: truncation, over-long lengths, unknown Component/PacketId, PRN PDUs and trailing bytes all
 * throw {@link dev.scbridge.apdu.DecodeException}.
 */
package dev.scbridge.rdp.efs;
