/**
 * {@link dev.scbridge.pcsc.nativ.NativePcsc}: the platform's PC/SC library through JNA, one code path for
 * Linux pcsc-lite, Windows winscard.dll and macOS PCSC.framework, with structure layouts per platform
 * ({@link dev.scbridge.pcsc.nativ.NativeLayout}) and pcsc-lite numbers translated to Windows'. ("nativ": "native"
 * is a Java keyword.)
 */
package dev.scbridge.pcsc.nativ;
