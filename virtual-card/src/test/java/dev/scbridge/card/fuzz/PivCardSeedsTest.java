package dev.scbridge.card.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scbridge.apdu.Hex;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.interfaces.ECPublicKey;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The seed inputs of {@link PivCardFuzzTest#apduSequences} are these recipes, written with {@link SeedBuilder}: this
 * test checks that each file under src/test/resources/.../PivCardFuzzTestInputs/apduSequences/ is its recipe's bytes
 * and that, replayed, it reaches the deep path it is named for. After changing {@link CardScript}, rewrite them with
 * {@code mvn -pl virtual-card test -Dtest=PivCardSeedsTest -Dscbridge.fuzz.writeSeeds=true}.
 */
class PivCardSeedsTest {
    private static final String DIR = "PivCardFuzzTestInputs/apduSequences/";

    private record Recipe(SeedBuilder seed, Predicate<CardScript> reached, String what) {
    }

    private static Map<String, Recipe> recipes() {
        Map<String, Recipe> r = new LinkedHashMap<>();
        // The Windows logon (windows-logon-trace.txt): SELECT, CHUID, absent certificate, VERIFY, a signature
        // chained in 240-byte pieces, 256 bytes + 6108, GET RESPONSE 08.
        byte[] block = pkcs1Sha1Block();
        byte[] template = CardScript.concat(Hex.decode("7C 82 01 06 82 00 81 82 01 00"), block);
        r.put("windows-logon", new Recipe(SeedBuilder.start(false, false, 7)
                .session(4).getData(0x5FC102).getData(0x5FC105)
                .raw("00 20 00 80 08 31 32 33 34 35 36 FF FF")
                .chained(0x87, 0x07, 0x9A, template, 240, false)
                .getResponse(8), s -> s.successes(0xC0) == 1, "the signature's last 8 bytes by GET RESPONSE"));
        // yubico-piv-tool style provisioning: 9B, GENERATE, a large object read back by 61xx, an AES-128 management
        // key, re-authentication with it, metadata, attestation.
        byte[] object = new byte[800];
        Arrays.fill(object, (byte) 0x42);
        r.put("provisioning", new Recipe(SeedBuilder.start(true, false, 12)
                .generate(0x9D, true).putData(0x5FC10A, object).getData(0x5FC10A).getResponse(0).getResponse(0)
                .getResponse(0).setManagementKey(0x08, Hex.decode("000102030405060708090A0B0C0D0E0F")).session(0)
                .session(2).putData(0x5FC107, new byte[] {(byte) 0xF0, 0x00}).raw("00 F7 00 9D 00")
                .raw("00 F9 9D 00 00"),
                s -> s.successes(0x47) == 1 && s.successes(0xDB) == 5 && s.successes(0xF9) == 1
                        && s.successes(0xFF) == 1, "GENERATE, PUT DATA after a new AES key, ATTEST"));
        // PIN life cycle: block the PIN, unblock with the PUK, SET PIN RETRIES, block both, RESET.
        SeedBuilder pins = SeedBuilder.start(false, false, 26).verify("000000").verify("000000").verify("000000")
                .verify("123456").unblock("12345678", "654321").verify("654321").session(2).setPinRetries(2, 2);
        for (int i = 0; i < 3; i++) {
            pins.verify("");
        }
        for (int i = 0; i < 3; i++) {
            pins.unblock("", "");
        }
        r.put("pin-lifecycle", new Recipe(pins.resetApplication().session(2).verify("123456"),
                s -> s.successes(0x2C) == 1 && s.successes(0xFA) == 1 && s.successes(0xFB) == 1,
                "unblock, SET PIN RETRIES and RESET"));
        // Private keys: ECDSA with the PIN-always 9C right after VERIFY, ECDH with 9E, raw RSA with 9A.
        byte[] point = point((ECPublicKey) FuzzCards.P256_9C.getPublic());
        r.put("key-operations", new Recipe(SeedBuilder.start(false, true, 5)
                .authenticate(0x11, 0x9C, 0x82, new byte[0], 0x81, new byte[32])
                .authenticate(0x11, 0x9E, 0x82, new byte[0], 0x85, point)
                .authenticate(0x07, 0x9A, 0x82, new byte[0], 0x81, block)
                .getResponse(0), s -> s.successes(0x87) >= 4 && s.successes(0xC0) == 1,
                "ECDSA, ECDH and raw RSA"));
        // Malformed input: garbage, a bad class, an orphan chain piece, an interrupted chain, an extended read.
        r.put("malformed", new Recipe(SeedBuilder.start(false, false, 7)
                .raw("00").raw("80 CB 3F FF 05 5C 03 5F C1 02").raw("10 DB 3F FF 03 5C 03 5F")
                .chained(0xDB, 0x3F, 0xFF, new byte[600], 100, true).getResponse(0)
                .extended(0xCB, 0x3F, 0xFF, Hex.decode("5C 03 5F C1 02"), 65_536).raw("00 C0 00 00 00"),
                s -> s.transmits() >= 12 && s.successes(0xCB) == 1, "every malformed input answered"));
        return r;
    }

    static Stream<Arguments> seeds() {
        return recipes().entrySet().stream().map(e -> Arguments.of(e.getKey(), e.getValue()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("seeds")
    void seedFile_isItsRecipe_andReachesItsPath(String name, Recipe recipe) throws IOException {
        byte[] bytes = recipe.seed().build();
        if (Boolean.getBoolean("scbridge.fuzz.writeSeeds")) {
            Path dir = Path.of("src/test/resources/dev/scbridge/card/fuzz", DIR);
            Files.createDirectories(dir);
            Files.write(dir.resolve(name), bytes);
        }
        try (InputStream in = PivCardSeedsTest.class.getResourceAsStream(DIR + name)) {
            assertThat(in).as("seed file %s (see the class comment to rewrite it)", name).isNotNull();
            assertThat(in.readAllBytes()).as("seed file %s is its recipe", name).isEqualTo(bytes);
        }
        CardScript script = new CardScript(FuzzCards.newCard(), new ByteChoices(bytes));
        script.run();
        assertThat(recipe.reached().test(script)).as("%s reaches %s", name, recipe.what()).isTrue();
    }

    /** EMSA-PKCS1-v1_5 of a SHA-1 DigestInfo, 256 bytes (the digest of windows-logon-trace.txt step 332). */
    private static byte[] pkcs1Sha1Block() {
        byte[] digestInfo = Hex.decode("30 21 30 09 06 05 2B 0E 03 02 1A 05 00 04 14"
                + " EE 6D 4B 51 32 30 B8 5B 5C 01 55 1E 1E 72 50 CF 4E C4 72 8F");
        byte[] block = new byte[256];
        Arrays.fill(block, 2, 256 - digestInfo.length - 1, (byte) 0xFF);
        block[1] = 0x01;
        System.arraycopy(digestInfo, 0, block, 256 - digestInfo.length, digestInfo.length);
        return block;
    }

    private static byte[] point(ECPublicKey key) {
        byte[] out = new byte[65];
        out[0] = 0x04;
        byte[] x = key.getW().getAffineX().toByteArray();
        byte[] y = key.getW().getAffineY().toByteArray();
        System.arraycopy(x, Math.max(0, x.length - 32), out, 1 + 32 - Math.min(32, x.length), Math.min(32, x.length));
        System.arraycopy(y, Math.max(0, y.length - 32), out, 33 + 32 - Math.min(32, y.length), Math.min(32, y.length));
        return out;
    }
}
