package dev.scbridge.pcsc.piv;

import dev.scbridge.apdu.piv.TouchPolicy;

import dev.scbridge.apdu.piv.PinPolicy;

import dev.scbridge.apdu.piv.PivAlgorithm;

import java.security.PublicKey;

/**
 * YubiKey GET METADATA for a key slot: {@code 01} algorithm, {@code 02} PIN and touch policy, {@code 03} origin
 * (1 generated, 2 imported), {@code 04} public key (Yubico .NET SDK "metadata"; yubikit SlotMetadata).
 */
public record KeyMetadata(PivAlgorithm algorithm, PinPolicy pinPolicy, TouchPolicy touchPolicy, boolean generated,
                          PublicKey publicKey) {
}
