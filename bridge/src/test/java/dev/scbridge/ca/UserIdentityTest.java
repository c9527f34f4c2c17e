package dev.scbridge.ca;

import dev.scbridge.ca.InvalidIdentityException.Field;
import dev.scbridge.ca.InvalidIdentityException.Problem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Optional;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

class UserIdentityTest {
    private static final String SID = "S-1-5-21-1004336348-1177238915-682003330-1104";

    @Test
    void validIdentity_composesUpn() {
        UserIdentity id = UserIdentity.of("alice", "corp.example.com", SID);
        assertThat(id.upn()).isEqualTo("alice@corp.example.com");
        assertThat(id.sid()).contains(new WindowsSid(SID));
        assertThat(id).hasToString("UserIdentity[alice@corp.example.com, " + SID + "]");
    }

    @ParameterizedTest
    @ValueSource(strings = {"a", "alice", "Alice.Smith", "j_doe-2", "o'brien", "zoë", "Müller", "用户", "a b",
        "a$", "svc.backup#1", "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"})
    void validUserNames_areAccepted(String user) {
        assertThat(UserIdentity.of(user, "example.test").user()).isEqualTo(user);
    }

    @ParameterizedTest
    @ValueSource(strings = {"example.test", "corp.example.com", "a.b", "xn--bcher-kva.example", "a-b.c-d.e",
        "EXAMPLE.TEST", "1corp.example9"})
    void validDomains_areAccepted(String domain) {
        assertThat(UserIdentity.of("alice", domain).domain()).isEqualTo(domain);
    }

    @Test
    void domainOfMaximumLength_isAccepted() {
        String label = "a".repeat(63);
        String domain = label + "." + label + "." + label + "." + "a".repeat(61);
        assertThat(domain).hasSize(253);
        assertThat(UserIdentity.of("alice", domain).domain()).isEqualTo(domain);
    }

    static Stream<Arguments> badUsers() {
        return Stream.of(
                arguments(null, Problem.MISSING),
                arguments("", Problem.EMPTY),
                arguments("x".repeat(65), Problem.TOO_LONG),
                arguments("al\u0000ice", Problem.CONTROL_CHARACTER),
                arguments("alice\n", Problem.CONTROL_CHARACTER),
                arguments("al\tice", Problem.CONTROL_CHARACTER),
                arguments("ali\u007Fce", Problem.CONTROL_CHARACTER),
                arguments("ali\u0085ce", Problem.CONTROL_CHARACTER),
                arguments("adm\u202Enimda", Problem.FORMAT_CHARACTER),
                arguments("ad\u2066min\u2069", Problem.FORMAT_CHARACTER),
                arguments("ad\u200Bmin", Problem.FORMAT_CHARACTER),
                arguments("ad\u200Fmin", Problem.FORMAT_CHARACTER),
                arguments("ad\u00ADmin", Problem.FORMAT_CHARACTER),
                arguments("ad\uFEFFmin", Problem.FORMAT_CHARACTER),
                arguments("ad\u2028min", Problem.LINE_OR_PARAGRAPH_SEPARATOR),
                arguments("ad\u2029min", Problem.LINE_OR_PARAGRAPH_SEPARATOR),
                arguments("ad\uD800min", Problem.INVALID_CODE_POINT),
                arguments("ad\u0378min", Problem.INVALID_CODE_POINT),
                arguments("a\"b", Problem.FORBIDDEN_CHARACTER),
                arguments("a/b", Problem.FORBIDDEN_CHARACTER),
                arguments("a\\b", Problem.FORBIDDEN_CHARACTER),
                arguments("a[b", Problem.FORBIDDEN_CHARACTER),
                arguments("a]b", Problem.FORBIDDEN_CHARACTER),
                arguments("a:b", Problem.FORBIDDEN_CHARACTER),
                arguments("a;b", Problem.FORBIDDEN_CHARACTER),
                arguments("a|b", Problem.FORBIDDEN_CHARACTER),
                arguments("a=b", Problem.FORBIDDEN_CHARACTER),
                arguments("a,b", Problem.FORBIDDEN_CHARACTER),
                arguments("a+b", Problem.FORBIDDEN_CHARACTER),
                arguments("a*b", Problem.FORBIDDEN_CHARACTER),
                arguments("a?b", Problem.FORBIDDEN_CHARACTER),
                arguments("a<b", Problem.FORBIDDEN_CHARACTER),
                arguments("a>b", Problem.FORBIDDEN_CHARACTER),
                arguments("admin@evil.example", Problem.FORBIDDEN_CHARACTER),
                arguments("...", Problem.ONLY_DOTS_OR_SPACES),
                arguments(". .", Problem.ONLY_DOTS_OR_SPACES),
                arguments(" alice", Problem.LEADING_OR_TRAILING_SPACE),
                arguments("alice\u00A0", Problem.LEADING_OR_TRAILING_SPACE));
    }

    @ParameterizedTest
    @MethodSource("badUsers")
    void badUser_isRejectedNamingUserAndProblem(String user, Problem problem) {
        assertThatThrownBy(() -> UserIdentity.of(user, "example.test"))
                .isInstanceOfSatisfying(InvalidIdentityException.class, e -> {
                    assertThat(e.field()).isEqualTo(Field.USER);
                    assertThat(e.problem()).isEqualTo(problem);
                    assertThat(e.getMessage()).startsWith("invalid user: ");
                })
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rejectionMessage_namesCodePointWithoutEchoingIt() {
        assertThatThrownBy(() -> UserIdentity.of("adm\u202Enimda", "example.test"))
                .hasMessage("invalid user: format character U+202E (bidi or invisible) at index 3")
                .hasMessageNotContaining("\u202E");
    }

    static Stream<Arguments> badDomains() {
        return Stream.of(
                arguments(null, Problem.MISSING),
                arguments("", Problem.EMPTY),
                arguments("a".repeat(250) + ".com", Problem.TOO_LONG),
                arguments("exa\u0000mple.test", Problem.CONTROL_CHARACTER),
                arguments("example.test\u202E", Problem.FORMAT_CHARACTER),
                arguments("exam\u2028ple.test", Problem.LINE_OR_PARAGRAPH_SEPARATOR),
                arguments("bücher.example", Problem.NOT_LETTER_DIGIT_HYPHEN),
                arguments("exa_mple.test", Problem.NOT_LETTER_DIGIT_HYPHEN),
                arguments("exa mple.test", Problem.NOT_LETTER_DIGIT_HYPHEN),
                arguments("example.test/evil", Problem.NOT_LETTER_DIGIT_HYPHEN),
                arguments("example..test", Problem.EMPTY_LABEL),
                arguments(".example.test", Problem.EMPTY_LABEL),
                arguments("example.test.", Problem.EMPTY_LABEL),
                arguments("a".repeat(64) + ".test", Problem.LABEL_TOO_LONG),
                arguments("-corp.example", Problem.LABEL_STARTS_OR_ENDS_WITH_HYPHEN),
                arguments("corp-.example", Problem.LABEL_STARTS_OR_ENDS_WITH_HYPHEN),
                arguments("localhost", Problem.SINGLE_LABEL),
                arguments("10.0.0.1", Problem.NUMERIC_TOP_LEVEL_LABEL));
    }

    @ParameterizedTest
    @MethodSource("badDomains")
    void badDomain_isRejectedNamingDomainAndProblem(String domain, Problem problem) {
        assertThatThrownBy(() -> UserIdentity.of("alice", domain))
                .isInstanceOfSatisfying(InvalidIdentityException.class, e -> {
                    assertThat(e.field()).isEqualTo(Field.DOMAIN);
                    assertThat(e.problem()).isEqualTo(problem);
                });
    }

    @Test
    void badSid_isRejectedNamingSid() {
        assertThatThrownBy(() -> UserIdentity.of("alice", "example.test", "S-1-5-18"))
                .isInstanceOfSatisfying(InvalidIdentityException.class, e -> {
                    assertThat(e.field()).isEqualTo(Field.SID);
                    assertThat(e.problem()).isEqualTo(Problem.NOT_A_DOMAIN_ACCOUNT);
                });
    }

    @Test
    void canonicalConstructor_validatesToo() {
        assertThatThrownBy(() -> new UserIdentity("a/b", "example.test", Optional.empty()))
                .isInstanceOf(InvalidIdentityException.class);
        assertThatThrownBy(() -> new UserIdentity("alice", "example.test", null))
                .isInstanceOf(NullPointerException.class);
    }

    @Test
    void parseUpn_splitsAtLastAt_andValidatesBothParts() {
        assertThat(UserIdentity.parseUpn("alice@example.test")).isEqualTo(UserIdentity.of("alice", "example.test"));
        assertThatThrownBy(() -> UserIdentity.parseUpn("alice")).isInstanceOfSatisfying(
                InvalidIdentityException.class, e -> {
                    assertThat(e.field()).isEqualTo(Field.UPN);
                    assertThat(e.problem()).isEqualTo(Problem.SYNTAX);
                });
        assertThatThrownBy(() -> UserIdentity.parseUpn("a@b@example.test")).isInstanceOfSatisfying(
                InvalidIdentityException.class, e -> assertThat(e.field()).isEqualTo(Field.USER));
        assertThatThrownBy(() -> UserIdentity.parseUpn(null)).isInstanceOfSatisfying(
                InvalidIdentityException.class, e -> assertThat(e.problem()).isEqualTo(Problem.MISSING));
    }

    @Test
    void upnLimit_isAboveWhatUserAndDomainLimitsAllow() {
        // 64 + 1 + 253 < 1024: the UPN check is a guard for future relaxations of the part limits.
        assertThat(IdentityRules.MAX_USER_LENGTH + 1 + IdentityRules.MAX_DOMAIN_LENGTH)
                .isLessThan(IdentityRules.MAX_UPN_LENGTH);
        assertThatThrownBy(() -> IdentityRules.checkUpn("a".repeat(1025)))
                .isInstanceOfSatisfying(InvalidIdentityException.class, e -> {
                    assertThat(e.field()).isEqualTo(Field.UPN);
                    assertThat(e.problem()).isEqualTo(Problem.TOO_LONG);
                });
    }
}
