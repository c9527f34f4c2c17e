/** The gateway embedding API: sessions, credentials and the RDP channel per session (design.md). */
package dev.scbridge.bridge;
