package dev.scbridge.pcsc;

/**
 * A PC/SC resource manager (WinSCard / pcsc-lite): the entry point that establishes contexts. Backends:
 * {@code virtual.VirtualPcsc} (in-process readers holding cards), {@code nativ.NativePcsc} (libpcsclite,
 * winscard.dll, PCSC.framework through JNA) and {@code smartcardio.SmartcardioPcsc} (any
 * javax.smartcardio TerminalFactory, lossy).
 */
public interface Pcsc {
    /**
     * SCardEstablishContext (MS-RDPESC 2.2.2.1 EstablishContext_Call).
     *
     * @param scope {@link Scard#SCOPE_USER}, {@link Scard#SCOPE_TERMINAL} or {@link Scard#SCOPE_SYSTEM}
     * @throws ScardException {@code SCARD_E_INVALID_VALUE} for another scope, {@code SCARD_E_NO_MEMORY} when the
     *                        backend's context limit is reached, {@code SCARD_E_NO_SERVICE} when the service is down
     */
    PcscContext establishContext(int scope) throws ScardException;

    /** SCardEstablishContext with {@link Scard#SCOPE_SYSTEM}. */
    default PcscContext establishContext() throws ScardException {
        return establishContext(Scard.SCOPE_SYSTEM);
    }
}
