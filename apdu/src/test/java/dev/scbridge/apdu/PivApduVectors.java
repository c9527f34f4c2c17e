package dev.scbridge.apdu;

import java.util.List;

/**
 * The APDU pairs of {@code shared/vectors/piv-apdus.txt} (a real YubiKey via opensc-tool, Yubico .NET SDK docs
 * @ac9042afef9f; the Windows inbox minidriver via Teleport's scard.log @9fd53b338c72). Each vector names the line of
 * that file its hex comes from. Generated from the file; do not edit by hand.
 */
public final class PivApduVectors {
    /** One hex line of piv-apdus.txt. */
    public record Vector(int line, String name, String hex) {
        public byte[] bytes() {
            return Hex.decode(hex);
        }

        @Override
        public String toString() {
            return "piv-apdus.txt:" + line + " " + name;
        }
    }

    /** Every host->card C-APDU. */
    public static final List<Vector> COMMANDS = List.of(
            new Vector(9, "SELECT PIV application (AID A0 00 00 03 08 00 00 10 00, no Le) C-APDU",
                    "00 A4 04 00 09 A0 00 00 03 08 00 00 10 00"),
            new Vector(22, "GET DATA CHUID (5C 03 5F C1 02, no Le) C-APDU",
                    "00 CB 3F FF 05 5C 03 5F C1 02"),
            new Vector(35, "VERIFY application PIN (P2=80) \"123456\" padded with FF to 8 bytes C-APDU",
                    "00 20 00 80 08 31 32 33 34 35 36 FF FF"),
            new Vector(48, "YubiKey GET VERSION (INS FD) C-APDU",
                    "00 FD 00 00"),
            new Vector(61, "YubiKey GET SERIAL (INS F8) C-APDU",
                    "00 F8 00 00"),
            new Vector(74, "GENERAL AUTHENTICATE mgmt key 9B single auth step 1 (request witness 81 00, P1=00) C-APDU",
                    "00 87 00 9B 04 7C 02 81 00"),
            new Vector(87, "GENERAL AUTHENTICATE mgmt key 9B single auth step 2 (wrong response) C-APDU",
                    "00 87 00 9B 0C 7C 0A 82 08 83 50 D1 81 4C 72 BA 09"),
            new Vector(100, "GENERAL AUTHENTICATE mgmt key 9B mutual auth step 1 (80 00) C-APDU",
                    "00 87 00 9B 04 7C 02 80 00"),
            new Vector(113, "GENERAL AUTHENTICATE mgmt key 9B mutual auth step 2 (80 08 .. 81 08 .. 82 00, wrong key) C-APDU",
                    "00 87 00 9B 18 7C 16 80 08 83 50 D1 81 4C 72 BA 09 81 08 11 22 33 44 55 66 77 88 82 00"),
            new Vector(126, "GENERAL AUTHENTICATE sign RSA-2048 slot 9C part 1 (CLA 10 command chaining, Lc=D9) C-APDU",
                    "10 87 07 9C D9 7C 82 01 06 82 00 81 82 01 00 00 01 FF FF FF FF FF FF FF FF FF FF FF FF FF FF FF FF FF FF FF FF FF FF FF"
                    + " FF FF FF FF FF FF FF FF FF FF FF FF FF FF FF FF FF FF FF FF FF FF FF FF FF FF FF FF FF FF FF FF FF FF FF FF FF FF FF FF"
                    + " FF FF FF FF FF FF FF FF FF FF FF FF FF FF FF FF FF FF FF FF FF FF FF FF FF FF FF FF FF FF FF FF FF FF FF FF FF FF FF FF"
                    + " FF FF FF FF FF FF FF FF FF FF FF FF FF FF FF FF FF FF FF FF FF FF FF FF FF FF FF FF FF FF FF FF FF FF FF FF FF FF FF FF"
                    + " FF FF FF FF FF FF FF FF FF FF FF FF FF FF FF FF FF FF FF FF FF FF FF FF FF FF FF FF FF FF FF FF FF FF FF FF FF FF FF FF"
                    + " FF FF FF FF FF FF FF FF FF FF FF FF FF FF FF FF FF FF FF FF FF 00"),
            new Vector(138, "GENERAL AUTHENTICATE sign RSA-2048 slot 9C part 2 (CLA 00, SHA-256 DigestInfo of 00..1F) C-APDU",
                    "00 87 07 9C 31 30 2F 30 0B 06 09 60 86 48 01 65 03 04 02 01 04 20 00 01 02 03 04 05 06 07 08 09 0A 0B 0C 0D 0E 0F 10 11"
                    + " 12 13 14 15 16 17 18 19 1A 1B 1C 1D 1E 1F"),
            new Vector(152, "GET RESPONSE after sign (remaining 8 signature bytes) C-APDU",
                    "00 C0 00 00"),
            new Vector(164, "GET RESPONSE with nothing pending C-APDU",
                    "00 C0 00 00"),
            new Vector(177, "CHANGE REFERENCE DATA PIN (P2=80) 123456 -> 654321 C-APDU",
                    "00 24 00 80 10 31 32 33 34 35 36 FF FF 36 35 34 33 32 31 FF FF"),
            new Vector(189, "CHANGE REFERENCE DATA PUK (P2=81) 12345678 -> 87654321 C-APDU",
                    "00 24 00 81 10 31 32 33 34 35 36 37 38 38 37 36 35 34 33 32 31"),
            new Vector(201, "RESET RETRY COUNTER (PUK 12345678 + new PIN 1234567 padded FF) C-APDU",
                    "00 2C 00 80 10 31 32 33 34 35 36 37 38 31 32 33 34 35 36 37 FF"),
            new Vector(213, "YubiKey GET METADATA slot 9A (ECC P-256 key) C-APDU",
                    "00 F7 00 9A"),
            new Vector(226, "YubiKey GET METADATA slot 9B (management key) C-APDU",
                    "00 F7 00 9B"),
            new Vector(239, "YubiKey GET METADATA slot 80 (PIN) C-APDU",
                    "00 F7 00 80"),
            new Vector(253, "GENERATE ASYMMETRIC KEY PAIR slot 9C RSA-1024 with PIN/touch policy, mgmt key not authenticated C-APDU",
                    "00 47 00 9C 0B AC 09 80 01 06 AA 01 02 AB 01 02"),
            new Vector(267, "YubiKey SET MANAGEMENT KEY (INS FF, P1 FF P2 FF) without authentication C-APDU",
                    "00 FF FF FF 1B 03 9B 18 01 02 03 04 05 06 07 08 08 07 06 05 04 03 02 01 08 07 06 05 04 03 02 01"),
            new Vector(280, "YubiKey SET PIN RETRIES (INS FA, P1=PIN tries 5, P2=PUK tries 5) without mgmt auth C-APDU",
                    "00 FA 05 05"),
            new Vector(293, "YubiKey RESET PIV (INS FB; only allowed when PIN and PUK are blocked) C-APDU",
                    "00 FB 00 00"),
            new Vector(306, "Windows PIV minidriver: SELECT PIV C-APDU",
                    "00 A4 04 00 09 A0 00 00 03 08 00 00 10 00"),
            new Vector(319, "Windows PIV minidriver: GET DATA CHUID C-APDU (with Le=00)",
                    "00 CB 3F FF 05 5C 03 5F C1 02 00"));

    /** Every card->host R-APDU (data followed by SW1 SW2). */
    public static final List<Vector> RESPONSES = List.of(
            new Vector(16, "SELECT PIV application (AID A0 00 00 03 08 00 00 10 00, no Le) R-APDU",
                    "61 11 4F 06 00 00 10 00 01 00 79 07 4F 05 A0 00 00 03 08 90 00"),
            new Vector(29, "GET DATA CHUID (5C 03 5F C1 02, no Le) R-APDU",
                    "53 3B 30 19 D4 E7 39 DA 73 9C ED 39 CE 73 9D 83 68 58 21 08 42 10 84 21 38 42 10 C3 F5 34 10 AD 64 BE AC 16 11 4A 56 93"
                    + " A2 9D 58 3B 74 CB 44 35 08 32 30 33 30 30 31 30 31 3E 00 FE 00 90 00"),
            new Vector(42, "VERIFY application PIN (P2=80) \"123456\" padded with FF to 8 bytes R-APDU",
                    "90 00"),
            new Vector(55, "YubiKey GET VERSION (INS FD) R-APDU",
                    "05 02 04 90 00"),
            new Vector(68, "YubiKey GET SERIAL (INS F8) R-APDU",
                    "00 AE 17 CB 90 00"),
            new Vector(81, "GENERAL AUTHENTICATE mgmt key 9B single auth step 1 (request witness 81 00, P1=00) R-APDU",
                    "7C 0A 81 08 D4 BD 9B 1D A5 D2 6C DA 90 00"),
            new Vector(94, "GENERAL AUTHENTICATE mgmt key 9B single auth step 2 (wrong response) R-APDU",
                    "69 82"),
            new Vector(107, "GENERAL AUTHENTICATE mgmt key 9B mutual auth step 1 (80 00) R-APDU",
                    "7C 0A 80 08 61 E2 04 AE 33 5B 32 58 90 00"),
            new Vector(119, "GENERAL AUTHENTICATE mgmt key 9B mutual auth step 2 (80 08 .. 81 08 .. 82 00, wrong key) R-APDU",
                    "69 82"),
            new Vector(132, "GENERAL AUTHENTICATE sign RSA-2048 slot 9C part 1 (CLA 10 command chaining, Lc=D9) R-APDU",
                    "90 00"),
            new Vector(146, "GENERAL AUTHENTICATE sign RSA-2048 slot 9C part 2 (CLA 00, SHA-256 DigestInfo of 00..1F) R-APDU",
                    "7C 82 01 04 82 82 01 00 AF 71 DA 5B 16 AA 7D 15 50 8A 6A 57 3C 78 86 BB F7 53 29 E0 C4 9C F8 C8 D5 37 D4 D4 E5 3F 9D DE"
                    + " 11 17 B4 11 EE 45 D4 1E B9 75 92 55 34 E6 2B 1F 8A 49 20 48 AD E4 D0 F4 2C DC F5 80 B7 25 49 83 B3 43 14 0F 31 E7 E1 F0"
                    + " B4 F8 75 C1 B7 9E F9 6A 2D BC 3A F8 2F 84 4D FC 42 27 21 F1 23 13 50 EA 96 05 47 7C BF 0C 97 46 6B 1D A6 5F 80 B9 7B 89"
                    + " 8A F4 8C C3 4B 9F AB 91 29 BB C3 70 7A 9C 99 E6 48 33 90 B5 49 97 AD D0 6B 0B 36 10 A9 B2 FC CA D7 8C EC 30 6D 50 CB BE"
                    + " 57 D7 63 3E C1 A9 80 7F E6 37 FA 51 D8 8C 0B 22 70 95 1B 7A EA 5C E3 43 D7 09 77 54 C4 39 40 F5 B1 A5 BE D7 0C 96 FC 74"
                    + " 41 93 4A 27 C7 07 CE 2F 3A FD C1 FB F8 D3 06 B9 02 D0 16 C7 21 46 38 74 2F 50 1E CF 95 A9 B6 39 74 AC 15 7B E8 23 81 53"
                    + " F0 AC 15 9F 12 DE 6C DB C5 F2 F0 01 7E 42 31 0E 90 00"),
            new Vector(158, "GET RESPONSE after sign (remaining 8 signature bytes) R-APDU",
                    "67 13 97 38 84 CD A5 D1 90 00"),
            new Vector(171, "GET RESPONSE with nothing pending R-APDU",
                    "6A 80"),
            new Vector(183, "CHANGE REFERENCE DATA PIN (P2=80) 123456 -> 654321 R-APDU",
                    "90 00"),
            new Vector(195, "CHANGE REFERENCE DATA PUK (P2=81) 12345678 -> 87654321 R-APDU",
                    "90 00"),
            new Vector(207, "RESET RETRY COUNTER (PUK 12345678 + new PIN 1234567 padded FF) R-APDU",
                    "90 00"),
            new Vector(220, "YubiKey GET METADATA slot 9A (ECC P-256 key) R-APDU",
                    "01 01 11 02 02 02 01 03 01 01 04 43 86 41 04 C4 17 7F 2B 96 8F 9C 00 0C 4F 3D 2B 88 B0 AB 5B 0C 3B 19 42 63 20 8C A1 2F"
                    + " EE 1C B4 D8 81 96 9F D8 C8 D0 8D D1 BB 66 58 00 26 7D 05 34 A8 A3 30 D1 59 DE 66 01 0E 3F 21 13 29 C5 98 56 07 B5 26 90"
                    + " 00"),
            new Vector(233, "YubiKey GET METADATA slot 9B (management key) R-APDU",
                    "01 01 03 02 02 00 01 05 01 00 90 00"),
            new Vector(246, "YubiKey GET METADATA slot 80 (PIN) R-APDU",
                    "01 01 FF 05 01 01 06 02 05 05 90 00"),
            new Vector(260, "GENERATE ASYMMETRIC KEY PAIR slot 9C RSA-1024 with PIN/touch policy, mgmt key not authenticated R-APDU",
                    "69 82"),
            new Vector(274, "YubiKey SET MANAGEMENT KEY (INS FF, P1 FF P2 FF) without authentication R-APDU",
                    "69 82"),
            new Vector(287, "YubiKey SET PIN RETRIES (INS FA, P1=PIN tries 5, P2=PUK tries 5) without mgmt auth R-APDU",
                    "69 82"),
            new Vector(299, "YubiKey RESET PIV (INS FB; only allowed when PIN and PUK are blocked) R-APDU",
                    "90 00"),
            new Vector(312, "Windows PIV minidriver: SELECT PIV R-APDU (emulated card)",
                    "61 11 4F 06 00 00 10 00 01 00 79 07 4F 05 A0 00 00 03 08 90 00"),
            new Vector(327, "Windows PIV minidriver: GET DATA CHUID R-APDU (emulated card)",
                    "53 3B 30 19 D4 E7 39 DA 73 9C ED 39 CE 73 9D 83 68 58 21 08 42 10 84 21 C8 42 10 C3 EB 34 10 91 3B 78 AF E9 FF 47 01 AD"
                    + " 19 24 CE A5 82 89 6D 35 08 32 30 33 30 30 31 30 31 3E 00 FE 00 90 00"),
            new Vector(335, "Windows PIV minidriver: GET DATA for absent objects -> 6A 82",
                    "6A 82"));

    private PivApduVectors() {
    }

    /** For {@code @MethodSource}. */
    public static List<Vector> commands() {
        return COMMANDS;
    }

    /** For {@code @MethodSource}. */
    public static List<Vector> responses() {
        return RESPONSES;
    }

    /** The vector at {@code line} of piv-apdus.txt. */
    public static Vector at(int line) {
        for (Vector v : COMMANDS) {
            if (v.line() == line) {
                return v;
            }
        }
        for (Vector v : RESPONSES) {
            if (v.line() == line) {
                return v;
            }
        }
        throw new IllegalArgumentException("no vector at line " + line);
    }
}
