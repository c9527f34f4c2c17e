package dev.scbridge.pcsc.piv;

import dev.scbridge.apdu.piv.TouchPolicy;

import dev.scbridge.apdu.piv.PivAlgorithm;

/**
 * YubiKey GET METADATA for the management key (9B): tags {@code 01} algorithm, {@code 02} policies (touch in the
 * second byte) and {@code 05} default flag (Yubico .NET SDK "metadata"; yubikit ManagementKeyMetadata).
 */
public record ManagementKeyMetadata(PivAlgorithm algorithm, boolean isDefault, TouchPolicy touchPolicy) {
}
