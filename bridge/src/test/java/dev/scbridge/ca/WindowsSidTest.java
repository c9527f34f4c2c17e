package dev.scbridge.ca;

import dev.scbridge.ca.InvalidIdentityException.Field;
import dev.scbridge.ca.InvalidIdentityException.Problem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

class WindowsSidTest {
    @ParameterizedTest
    @ValueSource(strings = {"S-1-5-21-1004336348-1177238915-682003330-1104",
        "S-1-5-21-1004336348-1177238915-682003330-500", "S-1-5-21-0-0-0-0", "S-1-5-21-4294967295-1-2-3"})
    void domainAccountSids_areAccepted(String sid) {
        assertThat(WindowsSid.parse(sid).value()).isEqualTo(sid);
    }

    @Test
    void rid_isTheLastSubAuthority() {
        assertThat(WindowsSid.parse("S-1-5-21-1-2-3-1104").rid()).isEqualTo(1104);
    }

    static Stream<Arguments> badSids() {
        return Stream.of(
                arguments(null, Problem.MISSING),
                arguments("", Problem.EMPTY),
                arguments("S-1-5-21-" + "1-".repeat(90) + "1", Problem.TOO_LONG),
                arguments("S-1-5-21-1-2-3-4\u0000", Problem.CONTROL_CHARACTER),
                arguments("S-1-5-21-1-2-3-4\u202E", Problem.FORMAT_CHARACTER),
                arguments("s-1-5-21-1-2-3-4", Problem.SYNTAX),
                arguments("S-1-5-21-1-2-3-4 ", Problem.SYNTAX),
                arguments("S-1-5-21-1-2-3-x", Problem.SYNTAX),
                arguments("S-1-5-0x15-1-2-3", Problem.SYNTAX),
                arguments("1-5-21-1-2-3-4", Problem.SYNTAX),
                arguments("S-1-5-21--2-3-4", Problem.SYNTAX),
                arguments("S-1-5-21-1-2-3-", Problem.SYNTAX),
                arguments("S-1", Problem.SYNTAX),
                arguments("S-01-5-21-1-2-3-4", Problem.LEADING_ZERO),
                arguments("S-1-5-21-01-2-3-4", Problem.LEADING_ZERO),
                arguments("S-2-5-21-1-2-3-4", Problem.REVISION),
                arguments("S-1-5", Problem.SUB_AUTHORITY_COUNT),
                arguments("S-1-5-21-1-2-3-4-5-6-7-8-9-10-11-12-13-14-15", Problem.SUB_AUTHORITY_COUNT),
                arguments("S-1-281474976710656-21-1-2-3-4", Problem.NUMBER_OUT_OF_RANGE),
                arguments("S-1-5-21-4294967296-2-3-4", Problem.NUMBER_OUT_OF_RANGE),
                arguments("S-1-5-21-1-2-3-9999999999999999", Problem.NUMBER_OUT_OF_RANGE),
                arguments("S-1-5-18", Problem.NOT_A_DOMAIN_ACCOUNT),
                arguments("S-1-5-32-544", Problem.NOT_A_DOMAIN_ACCOUNT),
                arguments("S-1-1-0", Problem.NOT_A_DOMAIN_ACCOUNT),
                arguments("S-1-5-21-1-2-3", Problem.NOT_A_DOMAIN_ACCOUNT),
                arguments("S-1-5-21-1-2-3-4-5", Problem.NOT_A_DOMAIN_ACCOUNT),
                arguments("S-1-16-21-1-2-3-4", Problem.NOT_A_DOMAIN_ACCOUNT));
    }

    @ParameterizedTest
    @MethodSource("badSids")
    void badSid_isRejectedWithItsProblem(String sid, Problem problem) {
        assertThatThrownBy(() -> WindowsSid.parse(sid))
                .isInstanceOfSatisfying(InvalidIdentityException.class, e -> {
                    assertThat(e.field()).isEqualTo(Field.SID);
                    assertThat(e.problem()).isEqualTo(problem);
                });
    }

    @Test
    void maximalCanonicalSid_fitsTheLengthLimit() {
        String max = "S-1-281474976710655" + "-4294967295".repeat(15);
        assertThat(max.length()).isLessThanOrEqualTo(WindowsSid.MAX_LENGTH);
    }
}
