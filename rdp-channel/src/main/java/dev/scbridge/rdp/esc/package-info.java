/**
 * MS-RDPESC: the smart-card IOCTLs carried in MS-RDPEFS device-control requests. Each {@code *_Call} and
 * {@code *_Return} of MS-RDPESC 2.2.2 / 2.2.3 is a record that encodes, decodes and names its spec section side by
 * side; {@link dev.scbridge.rdp.esc.Ioctl} lists every IOCTL of MS-RDPESC 3.1.4 with its code and A/W variant. No I/O.
 */
package dev.scbridge.rdp.esc;
