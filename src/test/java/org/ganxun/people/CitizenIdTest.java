package org.ganxun.people;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;

/** GB 11643-1999: check character by ISO 7064 MOD 11-2; sequence parity gives the gender. */
class CitizenIdTest {

    @Test
    void acceptsTheStandardsExampleAndReadsBirthAndGender() {
        // the worked example of GB 11643-1999 annex: 11010519491231002X
        CitizenId.Result r = CitizenId.parse("11010519491231002X");
        assertThat(r.ok()).isTrue();
        assertThat(r.id().get().birthDate()).isEqualTo(LocalDate.of(1949, 12, 31));
        assertThat(r.id().get().gender()).isEqualTo(Gender.FEMALE);
    }

    @Test
    void computesTheCheckCharacter() {
        assertThat(CitizenId.checkChar("11010519491231002")).isEqualTo('X');
        assertThat(CitizenId.checkChar("44052418800101001")).isEqualTo('4');
    }

    @Test
    void refusesAWrongCheckCharacterAndSaysWhatItShouldBe() {
        CitizenId.Result r = CitizenId.parse("110105194912310021");
        assertThat(r.ok()).isFalse();
        assertThat(r.error()).contains("校验位错误").contains("X");
    }

    @Test
    void refusesWrongLengthNonDigitsAndImpossibleDates() {
        assertThat(CitizenId.parse("1101051949123100").error()).contains("18位");
        assertThat(CitizenId.parse("11010519491231A02X").error()).contains("前17位");
        String feb30 = "11010519490230002";
        assertThat(CitizenId.parse(feb30 + CitizenId.checkChar(feb30)).error()).contains("出生日期");
        assertThat(CitizenId.parse("").error()).contains("不能为空");
    }

    @Test
    void acceptsLowerCaseAndFullWidthX() {
        assertThat(CitizenId.parse("11010519491231002x").ok()).isTrue();
        assertThat(CitizenId.parse("11010519491231002ｘ").ok()).isTrue();
        assertThat(CitizenId.parse(" 11010519491231002X ").id().get().value()).isEqualTo("11010519491231002X");
    }

    @Test
    void masksTheBirthDate() {
        assertThat(CitizenId.mask("11010519491231002X")).isEqualTo("110105********002X");
    }
}
