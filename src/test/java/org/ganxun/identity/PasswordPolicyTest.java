package org.ganxun.identity;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PasswordPolicyTest {

    @Test
    void acceptsEightCharactersOfThreeClasses() {
        assertThat(PasswordPolicy.problems("zhangsan", "Ganxun@26")).isEmpty();
        assertThat(PasswordPolicy.problems("zhangsan", "abcd1234X")).isEmpty();
    }

    @Test
    void refusesShortOrSimplePasswordsWithReasons() {
        assertThat(PasswordPolicy.problems("zhangsan", "Ab1@")).anyMatch(p -> p.contains("至少8位"));
        assertThat(PasswordPolicy.problems("zhangsan", "abcdefgh1")).anyMatch(p -> p.contains("至少三类"));
        assertThat(PasswordPolicy.problems("zhangsan", "Zhangsan@1")).anyMatch(p -> p.contains("用户名"));
        assertThat(PasswordPolicy.problems("zhangsan", null)).isNotEmpty();
    }
}
