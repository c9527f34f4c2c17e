package dev.scbridge.apdu.piv;

/**
 * A PIV data object of SP 800-73-4 Part 1 Appendix A, as it travels in GET DATA / PUT DATA (Part 2, 3.1.2 and 3.3.2).
 * {@link #encode()} gives the object's content: what goes inside the {@code 53} wrapper, except for the Discovery
 * Object, which is its own {@code 7E} template. Each type has a matching static {@code decode(byte[])}.
 */
public sealed interface PivDataObject
        permits Ccc, Chuid, DiscoveryObject, KeyHistory, CertificateContainer, PrintedInformation, SecurityObject {
    byte[] encode();
}
