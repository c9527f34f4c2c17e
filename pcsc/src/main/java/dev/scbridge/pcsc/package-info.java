/**
 * One PC/SC model mirroring WinSCard / pcsc-lite, with backends for in-process virtual readers, the
 * native PC/SC library (JNA) and the vsmartcard vpcd link. Filled by a later issue (design.md).
 */
package dev.scbridge.pcsc;
