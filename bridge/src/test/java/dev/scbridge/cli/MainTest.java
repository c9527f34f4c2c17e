package dev.scbridge.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.assertj.core.api.Assertions.assertThat;

/** The command-line contract, run in-process: bad command line = one stderr line + exit 2, never a stack trace. */
class MainTest {
    /** What one run printed and returned. */
    record Run(int code, String out, String err) {
        String errLine() {
            assertThat(err).as("stderr").endsWith(System.lineSeparator());
            assertThat(err.lines().count()).as("stderr lines in: " + err).isEqualTo(1);
            return err.strip();
        }
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(code, out.toString(), err.toString());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--x                  | scbridge: unknown option '--x' (see 'scbridge --help')",
        "frobnicate           | scbridge: unknown command 'frobnicate' (see 'scbridge --help')",
        "demo --nope          | scbridge: unknown option '--nope' (see 'scbridge demo --help')",
        "demo extra           | scbridge: unexpected argument 'extra' (see 'scbridge demo --help')",
        "demo --user          | scbridge: missing required parameter for option '--user' (NAME) (see 'scbridge demo --help')",
        "demo --key rsa1024   | scbridge: invalid value for option '--key': unknown key type 'rsa1024' (expected rsa2048, rsa3072, p256 or p384) (see 'scbridge demo --help')",
        "demo --validity 10y  | scbridge: invalid value for option '--validity': '10y' is not a duration (e.g. 90s, 5m, 2h, 1d or PT5M) (see 'scbridge demo --help')",
        "demo --validity 8d   | scbridge: invalid value for option '--validity': 192h (expected 1s..168h) (see 'scbridge demo --help')",
        "demo --crl-url ftp://x | scbridge: invalid value for option '--crl-url': CRL URL must start with http://, https:// or ldap:// (see 'scbridge demo --help')",
        "demo --domain local  | scbridge: invalid domain: a single label; an Active Directory DNS domain has at least two (e.g. corp.example.com) (see 'scbridge demo --help')",
        "demo --sid S-1-5-18  | scbridge: invalid SID: not a domain account SID (expected S-1-5-21-<a>-<b>-<c>-<rid>) (see 'scbridge demo --help')"})
    void badCommandLine_isOneStderrLineAndExit2(String args, String line) {
        Run r = run(args.split(" "));
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.errLine()).isEqualTo(line);
        assertThat(r.out()).isEmpty();
    }

    @Test
    void forbiddenCharacterInUser_isAUsageError() {
        Run r = run("demo", "--user", "a/b");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.errLine()).isEqualTo("scbridge: invalid user: '/' at index 1 is not allowed in a Windows logon "
                + "name (none of \"/\\[]:;|=,+*?<>@) (see 'scbridge demo --help')");
    }

    @Test
    void noCommand_isAUsageError() {
        Run r = run();
        assertThat(r.code()).isEqualTo(2);
        // Subcommands join as their issues land; the list is checked by shape, not by name.
        assertThat(r.errLine()).matches("scbridge: missing command \\(one of: demo, [a-z, -]*help[a-z, -]*\\) "
                + "\\(see 'scbridge --help'\\)");
    }

    @Test
    void hostileArgument_isEscapedNotEchoed() {
        Run r = run("--x\u202E\u0007\nrm");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.errLine())
                .isEqualTo("scbridge: unknown option '--x\\u202E\\u0007\\u000Arm' (see 'scbridge --help')");
    }

    @Test
    void hostileUserName_isNamedByCodePoint() {
        Run r = run("demo", "--user", "adm\u202Enimda");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.errLine()).isEqualTo("scbridge: invalid user: format character U+202E (bidi or invisible) at "
                + "index 3 (see 'scbridge demo --help')");
    }

    @Test
    void version_printsTheProjectVersion() {
        Run r = run("--version");
        assertThat(r.code()).isZero();
        assertThat(r.out().strip()).matches("scbridge \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?");
        assertThat(r.err()).isEmpty();
    }

    @Test
    void help_listsTheDemo() {
        Run r = run("--help");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("Usage: scbridge").contains("demo");
        Run demo = run("help", "demo");
        assertThat(demo.code()).isZero();
        assertThat(demo.out()).contains("--mismatched-key").contains("--user");
    }

    @Test
    void unexpectedException_isOneLineExit1() {
        StringWriter err = new StringWriter();
        CommandLine cmd = Main.commandLine(new PrintWriter(new StringWriter()), new PrintWriter(err, true));
        int code = ErrorHandlers.failure(new NullPointerException("boom\nsecond line"), cmd, null);
        assertThat(code).isEqualTo(1);
        assertThat(err.toString()).isEqualTo("scbridge: internal error: NullPointerException: boom"
                + System.lineSeparator());
    }

    @Test
    void clean_keepsOneShortPrintableLine() {
        assertThat(ErrorHandlers.clean("first\nsecond")).isEqualTo("first\\u000Asecond");
        assertThat(ErrorHandlers.clean("a\tb\u2028c\uFEFF")).isEqualTo("a\\u0009b\\u2028c\\uFEFF");
        assertThat(ErrorHandlers.clean("x".repeat(500))).hasSize(ErrorHandlers.MAX_MESSAGE + 3).endsWith("...");
    }

    @Test
    void generateCompletion_printsABashScript() {
        Run r = run("generate-completion");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("complete -F").contains("session").contains("rdp");
    }
}
