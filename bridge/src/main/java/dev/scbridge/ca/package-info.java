/**
 * The certificate authority that issues a session's Windows smart-card logon certificate, and the identities that
 * go into it. Every value is validated before it reaches a certificate ({@link dev.scbridge.ca.UserIdentity}); the
 * CA's private key stays behind {@link dev.scbridge.ca.CaSigner}.
 *
 * <p>Requirements followed: Microsoft, "Guidelines for enabling smart card logon with third-party certification
 * authorities" and "Certificate Requirements and Enumeration" (smart card logon); KB5014754 and MS-WCCE 2.2.2.7.7.4
 * (the SID extension for strong certificate mapping); RFC 5280 (X.509 profile).
 */
package dev.scbridge.ca;
