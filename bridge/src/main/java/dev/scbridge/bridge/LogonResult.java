package dev.scbridge.bridge;

import java.security.cert.X509Certificate;

/**
 * What a successful logon exchange established.
 *
 * @param certificate        the 9A certificate read from the card, chained to the CA
 * @param upn                the UPN it carries
 * @param cardGuid           the CHUID GUID, hex (Windows' identity for the card)
 * @param signatureAlgorithm the JCA algorithm the card's signature verified under
 * @param apdus              APDUs exchanged
 * @param cardNanos          time spent inside the card's transmit, summed
 */
public record LogonResult(X509Certificate certificate, String upn, String cardGuid, String signatureAlgorithm,
                          int apdus, long cardNanos) {
}
