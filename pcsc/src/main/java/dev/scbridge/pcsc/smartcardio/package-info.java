/**
 * {@link dev.scbridge.pcsc.smartcardio.SmartcardioPcsc}: the PC/SC model over any javax.smartcardio
 * {@code TerminalFactory} (SunPCSC, jnasmartcardio); lossy where javax.smartcardio is (documented on the class).
 */
package dev.scbridge.pcsc.smartcardio;
