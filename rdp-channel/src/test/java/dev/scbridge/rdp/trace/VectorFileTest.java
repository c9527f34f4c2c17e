package dev.scbridge.rdp.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class VectorFileTest {

    /** Block counts from the table in shared/vectors/README.md. */
    @Test
    void everyVectorFile_parses_withTheBlockCountsOfTheReadme() throws IOException {
        Map<String, Integer> expected = Map.of("rdpesc-ioctls.txt", 34, "rdpefs-device.txt", 8, "ndr.txt", 7,
                "piv-apdus.txt", 51, "windows-logon-trace.txt", 353);
        List<Path> files;
        try (Stream<Path> s = Files.list(Vectors.dir().orElseThrow())) {
            files = s.filter(p -> p.toString().endsWith(".txt")).sorted().toList();
        }
        assertThat(files).hasSizeGreaterThanOrEqualTo(expected.size());
        for (Path f : files) {
            List<VectorBlock> blocks = VectorFile.parse(f);
            Integer count = expected.get(f.getFileName().toString());
            if (count != null) {
                assertThat(blocks).as(f.toString()).hasSize(count);
            }
            assertThat(blocks).allSatisfy(b -> {
                assertThat(b.name()).isNotBlank();
                assertThat(b.source()).isNotBlank();
            });
        }
    }

    @Test
    void block_allParts() {
        String text = """
                # file: x.txt
                # a header paragraph

                # name: one
                # source: spec 1.2
                # direction: host->card
                # note: first
                # note: second
                fields: a=1
                # length: 3
                hex: 00 A4 0F
                """;
        List<VectorBlock> blocks = VectorFile.parse(text, "x.txt");
        assertThat(blocks).hasSize(1);
        VectorBlock b = blocks.get(0);
        assertThat(b.name()).isEqualTo("one");
        assertThat(b.source()).isEqualTo("spec 1.2");
        assertThat(b.direction()).contains("host->card");
        assertThat(b.notes()).containsExactly("first", "second");
        assertThat(b.fields()).containsExactly("a=1");
        assertThat(b.bytes()).containsExactly(0x00, 0xA4, 0x0F);
        assertThat(b.lineNumber()).isEqualTo(4);
    }

    @Test
    void lengthMismatch_namesTheLine() {
        String text = "# name: n\n# source: s\n# length: 4\nhex: 01 02 03\n";
        assertThatThrownBy(() -> VectorFile.parse(text, "t.txt")).isInstanceOfSatisfying(VectorFormatException.class,
                e -> {
                    assertThat(e.lineNumber()).isEqualTo(3);
                    assertThat(e.getMessage()).startsWith("t.txt:3:").contains("# length: 4").contains("3 bytes");
                });
    }

    @Test
    void hexWithoutLength_rejected() {
        assertThatThrownBy(() -> VectorFile.parse("# name: n\nhex: 01\n", "t")).isInstanceOf(
                VectorFormatException.class);
    }

    @Test
    void badHex_rejected() {
        assertThatThrownBy(() -> VectorFile.parse("# name: n\n# length: 1\nhex: 0G\n", "t"))
                .isInstanceOfSatisfying(VectorFormatException.class, e -> assertThat(e.lineNumber()).isEqualTo(3));
    }

    @Test
    void unknownLine_rejected() {
        assertThatThrownBy(() -> VectorFile.parse("# name: n\nbogus: 1\n", "t")).isInstanceOfSatisfying(
                VectorFormatException.class, e -> assertThat(e.lineNumber()).isEqualTo(2));
    }

    @Test
    void unnamedBlockAfterFirst_rejected() {
        assertThatThrownBy(() -> VectorFile.parse("# name: n\n\nfields: x=1\n", "t")).isInstanceOf(
                VectorFormatException.class);
    }

    @Test
    void bareHexFile_oneBlockPerLine() {
        List<VectorBlock> blocks = VectorFile.parse("# captured pdus\n72 44 4C 55\n\n72444C55\n", "bare.hex");
        assertThat(blocks).extracting(VectorBlock::name).containsExactly("bare.hex:2", "bare.hex:4");
        assertThat(blocks).allSatisfy(b -> assertThat(b.bytes()).containsExactly(0x72, 0x44, 0x4C, 0x55));
    }

    @Test
    void vectors_locatesTheSharedDirectory() {
        assertThat(Vectors.dir()).isPresent();
        assertThat(Vectors.file("README.md")).exists();
        assertThatThrownBy(() -> Vectors.file("no-such-file.txt")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void vectors_systemPropertyComesFirst(@org.junit.jupiter.api.io.TempDir Path tmp) {
        String old = System.getProperty(Vectors.PROPERTY);
        System.setProperty(Vectors.PROPERTY, tmp.toString());
        try {
            assertThat(Vectors.dir()).contains(tmp);
        } finally {
            if (old == null) {
                System.clearProperty(Vectors.PROPERTY);
            } else {
                System.setProperty(Vectors.PROPERTY, old);
            }
        }
    }

    @Test
    void repoRoot_isTheDirectoryWithGit_elseTheTopPom(@org.junit.jupiter.api.io.TempDir Path tmp)
            throws IOException {
        Path repo = Files.createDirectories(tmp.resolve("repo/module/src"));
        Files.writeString(tmp.resolve("repo/pom.xml"), "");
        Files.writeString(tmp.resolve("repo/module/pom.xml"), "");
        assertThat(Vectors.repoRoot(repo)).contains(tmp.resolve("repo"));
        Files.createDirectory(tmp.resolve("repo/module/.git"));
        assertThat(Vectors.repoRoot(repo)).contains(tmp.resolve("repo/module"));
    }
}
