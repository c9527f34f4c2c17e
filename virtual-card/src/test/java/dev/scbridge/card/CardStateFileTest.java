package dev.scbridge.card;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scbridge.apdu.CommandApdu;
import dev.scbridge.apdu.ResponseApdu;
import dev.scbridge.apdu.Tlv;
import dev.scbridge.apdu.piv.PivAlgorithm;
import dev.scbridge.apdu.piv.PivKeyRef;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The admin's long-lived card on disk: everything comes back, nothing secret is readable in the file. */
class CardStateFileTest {
    private static final char[] PASSPHRASE = "correct horse battery staple".toCharArray();

    @TempDir
    Path dir;

    @Test
    void saveAndLoad_keepsKeysObjectsCredentialsAndCounters() throws Exception {
        CardSession s = new CardSession(PivCard.builder().serial(424242).pin("24681357")
                .key(PivKeyRef.AUTHENTICATION, TestKeys.RSA2048).build());
        s.authenticateDefault();
        assertThat(s.send(new CommandApdu(0, 0x47, 0, 0x9C, dev.scbridge.apdu.Hex.decode("AC 03 80 01 11"), 256))
                .sw()).isEqualTo(0x9000);
        s.raw("00 20 00 80 08 39 39 39 39 39 39 FF FF"); // one wrong PIN: 2 tries left
        byte[] chuid = s.raw("00 CB 3F FF 05 5C 03 5F C1 02 00").data();
        Path file = dir.resolve("card.scb");
        s.card.save(file, PASSPHRASE);

        CardSession loaded = new CardSession(PivCard.load(file, PASSPHRASE));
        assertThat(loaded.card.serial()).isEqualTo(424242);
        assertThat(loaded.sw("00 20 00 80")).isEqualTo(0x63C2);
        assertThat(loaded.raw("00 CB 3F FF 05 5C 03 5F C1 02 00").data()).isEqualTo(chuid);
        loaded.verifyPin("24681357");
        byte[] block = new byte[256];
        block[255] = 3;
        ResponseApdu r = loaded.send(new CommandApdu(0, 0x87, 0x07, 0x9A,
                Tlv.of(0x7C, new Tlv(0x82, null), new Tlv(0x81, block)).encode(), 256));
        assertThat(r.sw()).isEqualTo(0x9000);
        assertThat(loaded.raw("00 F7 00 9C").sw()).isEqualTo(0x9000);
        loaded.authenticate(PivAlgorithm.TDES, CardSession.DEFAULT_MGMT);
    }

    @Test
    void fileHoldsNoPlaintextSecretsAndIsOwnerOnly() throws Exception {
        PivCard card = PivCard.builder().pin("86427531").key(PivKeyRef.AUTHENTICATION, TestKeys.P256).build();
        Path file = dir.resolve("card.scb");
        card.save(file, PASSPHRASE);
        byte[] bytes = Files.readAllBytes(file);
        String latin = new String(bytes, StandardCharsets.ISO_8859_1);
        assertThat(latin).doesNotContain("86427531").doesNotContain("12345678");
        byte[] pkcs8 = TestKeys.P256.getPrivate().getEncoded();
        assertThat(latin).doesNotContain(new String(pkcs8, StandardCharsets.ISO_8859_1).substring(pkcs8.length - 40));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }

    @Test
    void wrongPassphrase_isAClearError() throws Exception {
        Path file = dir.resolve("card.scb");
        PivCard.builder().build().save(file, PASSPHRASE);
        assertThatThrownBy(() -> PivCard.load(file, "nope".toCharArray()))
                .isInstanceOf(IOException.class).hasMessageContaining("wrong passphrase");
    }

    @Test
    void alteredFile_isRejected() throws Exception {
        Path file = dir.resolve("card.scb");
        PivCard.builder().build().save(file, PASSPHRASE);
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length - 20] ^= 1;
        Files.write(file, bytes);
        assertThatThrownBy(() -> PivCard.load(file, PASSPHRASE)).isInstanceOf(IOException.class);
    }

    @Test
    void notACardFile_isRejected() throws Exception {
        Path file = dir.resolve("other");
        Files.writeString(file, "hello, this is not a card file at all, but it is long enough");
        assertThatThrownBy(() -> PivCard.load(file, PASSPHRASE))
                .isInstanceOf(IOException.class).hasMessageContaining("not a scbridge card file");
    }
}
