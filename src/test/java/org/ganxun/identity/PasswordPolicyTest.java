package org.ganxun.identity;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PasswordPolicyTest {

    private final PasswordPolicy policy = new PasswordPolicy(false);
    private final PasswordPolicy demo = new PasswordPolicy(true);

    @Test
    void acceptsEightCharactersOfThreeClasses() {
        assertThat(policy.problems("zhangsan", "张三", "Ganxun@26")).isEmpty();
        assertThat(policy.problems("zhangsan", "张三", "abcd1234X")).isEmpty();
        assertThat(policy.problems("zhangsan", "张三", "Test@2026pw")).isEmpty();
        assertThat(policy.problems("zhangsan", "张三", "Lan-Ting!Xu8")).isEmpty();
    }

    @Test
    void refusesShortOrSimplePasswordsWithReasons() {
        assertThat(policy.problems("zhangsan", null, "Ab1@")).anyMatch(p -> p.contains("至少8位"));
        assertThat(policy.problems("zhangsan", null, "abcdefgh1")).anyMatch(p -> p.contains("至少三类"));
        assertThat(policy.problems("zhangsan", null, "Zhangsan@1")).anyMatch(p -> p.contains("用户名"));
        assertThat(policy.problems("zhangsan", null, null)).isNotEmpty();
    }

    @Test
    void refusesTheCommonestPasswordsWhateverTheirDressing() {
        for (String pw : new String[] {"Password1", "Passw0rd", "P@ssw0rd!", "PASSWORD@2026", "Qwerty@123", "Admin@123",
                "1qaz@WSX", "Woaini1314!", "Abc123456!", "Iloveyou1", "Welcome@1", "Zxcvbnm#1"}) {
            assertThat(policy.problems("zhangsan", "张三", pw)).as(pw).anyMatch(p -> p.contains("过于常见"));
        }
    }

    @Test
    void refusesTheUsersOwnName() {
        assertThat(policy.problems("zs01", "张三丰", "张三丰@Ab2026")).anyMatch(p -> p.contains("姓名"));
        assertThat(policy.problems("zs01", "Wang Fang", "Wang Fang2026")).anyMatch(p -> p.contains("姓名"));
        assertThat(policy.problems("liming", "李明", "L1m1ng@2026")).anyMatch(p -> p.contains("用户名"));
    }

    @Test
    void theDemoPasswordOnlyOnTheDemo() {
        assertThat(policy.problems("zhangsan", null, "Ganxun@2026")).anyMatch(p -> p.contains("演示"));
        assertThat(policy.problems("zhangsan", null, "ganxun@2026")).anyMatch(p -> p.contains("演示"));
        assertThat(demo.problems("zhangsan", null, "Ganxun@2026")).isEmpty();
        assertThat(policy.rules()).anyMatch(r -> r.contains("演示"));
        assertThat(demo.rules()).noneMatch(r -> r.contains("演示"));
    }
}
