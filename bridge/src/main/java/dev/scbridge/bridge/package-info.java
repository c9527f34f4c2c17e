/**
 * The gateway embedding API: sessions, credentials and the RDP channel per session (design.md). Today: a session's
 * PIN ({@link dev.scbridge.bridge.SessionPin}), its card ({@link dev.scbridge.bridge.SessionCard}) and the player
 * of a Windows logon's APDU exchange ({@link dev.scbridge.bridge.WindowsLogonExchange}) that the demo, the RDP
 * replay and the benchmarks share.
 */
package dev.scbridge.bridge;
