/**
 * Host-side PIV client: typed SP 800-73-4 Part 2 operations and the YubiKey PIV extensions over any
 * {@link dev.scbridge.apdu.ApduTransport}, with command chaining and 61xx from the apdu module. Entry point:
 * {@link dev.scbridge.pcsc.piv.PivClient}. Secrets ({@link dev.scbridge.pcsc.piv.Pin},
 * {@link dev.scbridge.pcsc.piv.ManagementKey}) never print.
 */
package dev.scbridge.pcsc.piv;
