/**
 * The vpcd link: serves a {@link dev.scbridge.card.CardEdge} to the operating system's PC/SC stack through
 * vsmartcard's vpcd reader driver (pcscd), over TCP with Netty.
 *
 * <p>Wire format (vsmartcard's vpcd, the protocol its {@code vicc} speaks):
 * <pre>
 * +--------+--------+-------------------------+
 * | length (2 bytes, |  payload (length bytes) |
 * |  big-endian)     |                         |
 * +--------+--------+-------------------------+
 * length 1:  a control byte from vpcd: 0 power off, 1 power on, 2 reset (no reply), 4 get ATR (reply: the ATR)
 * length 2+: a command APDU; the reply is the response APDU in the same framing
 * </pre>
 * Framing ({@link dev.scbridge.pcsc.vpcd.VpcdFrameDecoder}, {@link dev.scbridge.pcsc.vpcd.VpcdFrameEncoder}) is
 * apart from behaviour ({@link dev.scbridge.pcsc.vpcd.VpcdCardHandler}); {@link dev.scbridge.pcsc.vpcd.VpcdLink}
 * owns sockets, reconnection and the card's thread.
 */
package dev.scbridge.pcsc.vpcd;
