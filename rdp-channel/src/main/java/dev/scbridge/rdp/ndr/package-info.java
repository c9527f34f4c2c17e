/**
 * NDR 2.0 as MS-RDPESC uses it: MS-RPCE 2.2.6 type serialization version 1 (common and private headers, objects
 * padded to 8 bytes), little-endian scalars aligned on their size from the object's start, unique pointers as
 * referent IDs (0x00020000 upwards in steps of 4, as Windows writes them), conformant arrays and conformant varying
 * strings (C706 chapter 14). No I/O; every read is bounded by the input and by a caller-given maximum.
 */
package dev.scbridge.rdp.ndr;
