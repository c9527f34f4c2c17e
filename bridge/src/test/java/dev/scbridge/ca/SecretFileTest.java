package dev.scbridge.ca;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SecretFileTest {
    @TempDir
    Path tmp;

    @Test
    void theFirstLineWithoutItsLineBreak() throws Exception {
        Path f = tmp.resolve("p");
        Files.writeString(f, "correct horse\r\nsecond line\n");
        assertThat(SecretFile.firstLine(f, "passphrase file")).containsExactly("correct horse".toCharArray());
    }

    @Test
    void anEmptyFirstLineIsRefused() throws Exception {
        Path f = tmp.resolve("p");
        Files.writeString(f, "\nsecret on the second line\n");
        assertThatThrownBy(() -> SecretFile.firstLine(f, "PIN file"))
                .isInstanceOf(IOException.class).hasMessage("PIN file " + f + " has an empty first line");
    }

    @Test
    void aLongFileIsRefusedUnread() throws Exception {
        Path f = tmp.resolve("p");
        Files.write(f, new byte[SecretFile.MAX_BYTES + 1]);
        assertThatThrownBy(() -> SecretFile.firstLine(f, "passphrase file"))
                .hasMessage("passphrase file " + f + " is longer than " + SecretFile.MAX_BYTES + " bytes");
    }

    @Test
    void notUtf8IsRefused() throws Exception {
        Path f = tmp.resolve("p");
        Files.write(f, new byte[] {(byte) 0xC3, 0x28});
        assertThatThrownBy(() -> SecretFile.firstLine(f, "passphrase file")).hasMessageEndingWith("is not UTF-8 text");
    }

    @Test
    void aMissingFileIsNamedWithoutTheSecret() {
        Path f = tmp.resolve("absent");
        assertThatThrownBy(() -> SecretFile.firstLine(f, "passphrase file"))
                .hasMessage("cannot read the passphrase file " + f + ": NoSuchFileException");
    }
}
