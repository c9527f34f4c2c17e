package dev.scbridge.cli;

import dev.scbridge.pcsc.piv.Pin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Path;

/** Options the {@code piv} subcommands share: the reader, and where each secret comes from ({@link PivSecrets}). */
final class PivOptions {
    private PivOptions() {
    }

    static final class Reader {
        @Option(names = {"-r", "--reader"}, paramLabel = "NAME",
                description = "Reader to use: its name or a unique part of it, case-insensitive "
                        + "(default: the only reader, or the only one holding a card).")
        String name;
    }

    static final class PinSource {
        @Spec(Spec.Target.MIXEE)
        CommandSpec spec;

        @Option(names = "--pin-file", paramLabel = "FILE", description = "Read the PIN from the first line of FILE.")
        Path file;

        @Option(names = "--pin-env", paramLabel = "NAME", description = "Read the PIN from environment variable NAME.")
        String env;

        @Option(names = {"-P", "--pin"}, paramLabel = "PIN",
                description = "The PIN itself (visible to other users; prefer --pin-file or --pin-env).")
        String value;

        /** The PIN (prompting on the terminal when no option names one); a malformed one is a usage error. */
        Pin read(String what) {
            return PivSecrets.toPin(spec, what, PivSecrets.read(spec, what, "pin", file, env, value, true));
        }
    }

    static final class NewPinSource {
        @Spec(Spec.Target.MIXEE)
        CommandSpec spec;

        @Option(names = "--new-pin-file", paramLabel = "FILE", description = "Read the new value from FILE.")
        Path file;

        @Option(names = "--new-pin-env", paramLabel = "NAME", description = "Read the new value from variable NAME.")
        String env;

        @Option(names = {"-n", "--new-pin"}, paramLabel = "VALUE",
                description = "The new value itself (visible to other users).")
        String value;

        /** The new value; typed on the terminal, it is asked twice. */
        Pin read(String what) {
            char[] first = PivSecrets.read(spec, what, "new-pin", file, env, value, true);
            if (file == null && env == null && value == null) {
                char[] again = PivSecrets.read(spec, what + " again", "new-pin", null, null, null, true);
                boolean same = java.security.MessageDigest.isEqual(
                        new String(first).getBytes(java.nio.charset.StandardCharsets.UTF_8),
                        new String(again).getBytes(java.nio.charset.StandardCharsets.UTF_8));
                java.util.Arrays.fill(again, '\0');
                if (!same) {
                    java.util.Arrays.fill(first, '\0');
                    throw PivSecrets.usage(spec, "the two " + what + "s differ");
                }
            }
            return PivSecrets.toPin(spec, what, first);
        }
    }

    static final class PukSource {
        @Spec(Spec.Target.MIXEE)
        CommandSpec spec;

        @Option(names = "--puk-file", paramLabel = "FILE", description = "Read the PUK from the first line of FILE.")
        Path file;

        @Option(names = "--puk-env", paramLabel = "NAME", description = "Read the PUK from environment variable NAME.")
        String env;

        @Option(names = {"-u", "--puk"}, paramLabel = "PUK",
                description = "The PUK itself (visible to other users; prefer --puk-file or --puk-env).")
        String value;

        Pin read(String what) {
            return PivSecrets.toPin(spec, what, PivSecrets.read(spec, what, "puk", file, env, value, true));
        }
    }

    static final class ManagementKeySource {
        @Spec(Spec.Target.MIXEE)
        CommandSpec spec;

        @Option(names = "--management-key-file", paramLabel = "FILE",
                description = "Read the management key (hex) from FILE.")
        Path file;

        @Option(names = "--management-key-env", paramLabel = "NAME",
                description = "Read the management key (hex) from environment variable NAME.")
        String env;

        @Option(names = {"-m", "--management-key"}, paramLabel = "HEX",
                description = "The management key itself (visible to other users). Default: the factory key.")
        String value;

        /**
         * The key's hex digits, or null for the factory default (ykman's behaviour). Anything but 32, 48 or 64 hex
         * digits (AES-128, 3DES or AES-192, AES-256) is a usage error; the message never repeats the key.
         */
        char[] readOrDefault() {
            char[] hex = PivSecrets.read(spec, "management key", "management-key", file, env, value, false);
            if (hex == null) {
                return null;
            }
            int digits = 0;
            boolean ok = true;
            for (char c : hex) {
                if (Character.digit(c, 16) >= 0) {
                    digits++;
                } else if (c != ' ' && c != ':') {
                    ok = false;
                }
            }
            if (!ok || (digits != 32 && digits != 48 && digits != 64)) {
                java.util.Arrays.fill(hex, '\0');
                throw PivSecrets.usage(spec, "the management key must be 32, 48 or 64 hex digits");
            }
            return hex;
        }
    }
}
