package dev.scbridge.pcsc.piv;

/**
 * YubiKey GET METADATA for the PIN (80) or PUK (81): tags {@code 05} default flag and {@code 06} total / remaining
 * tries (Yubico .NET SDK "metadata"; yubikit PinMetadata).
 */
public record PinMetadata(boolean isDefault, int totalAttempts, int attemptsRemaining) {
}
