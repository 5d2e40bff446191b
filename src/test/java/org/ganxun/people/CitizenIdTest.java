package org.ganxun.people;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;

/** GB 11643-1999: check character by ISO 7064 MOD 11-2; sequence parity gives the gender. */
class CitizenIdTest {

    /** The users' day the numbers are checked on. */
    static final LocalDate TODAY = LocalDate.of(2026, 12, 7);

    @Test
    void acceptsTheStandardsExampleAndReadsBirthAndGender() {
        // the worked example of GB 11643-1999 annex: 11010519491231002X
        CitizenId.Result r = CitizenId.parse("11010519491231002X", TODAY);
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
        CitizenId.Result r = CitizenId.parse("110105194912310021", TODAY);
        assertThat(r.ok()).isFalse();
        assertThat(r.error()).contains("校验位错误").contains("X");
    }

    @Test
    void refusesWrongLengthNonDigitsAndImpossibleDates() {
        assertThat(CitizenId.parse("1101051949123100", TODAY).error()).contains("18位");
        assertThat(CitizenId.parse("11010519491231A02X", TODAY).error()).contains("前17位");
        String feb30 = "11010519490230002";
        assertThat(CitizenId.parse(feb30 + CitizenId.checkChar(feb30), TODAY).error()).contains("出生日期");
        assertThat(CitizenId.parse("", TODAY).error()).contains("不能为空");
    }

    @Test
    void refusesABirthDateAfterTheUsersDayAndTakesOneOnIt() {
        String today = "110105" + "20261207" + "001";
        String tomorrow = "110105" + "20261208" + "001";
        assertThat(CitizenId.parse(today + CitizenId.checkChar(today), TODAY).ok()).isTrue();
        assertThat(CitizenId.parse(tomorrow + CitizenId.checkChar(tomorrow), TODAY).error()).isEqualTo("公民身份号码中的出生日期无效");
        // the same number is valid once its day has come
        assertThat(CitizenId.parse(tomorrow + CitizenId.checkChar(tomorrow), TODAY.plusDays(1)).ok()).isTrue();
    }

    @Test
    void acceptsLowerCaseAndFullWidthX() {
        assertThat(CitizenId.parse("11010519491231002x", TODAY).ok()).isTrue();
        assertThat(CitizenId.parse("11010519491231002ｘ", TODAY).ok()).isTrue();
        assertThat(CitizenId.parse(" 11010519491231002X ", TODAY).id().get().value()).isEqualTo("11010519491231002X");
    }

    @Test
    void masksTheBirthDate() {
        assertThat(CitizenId.mask("11010519491231002X")).isEqualTo("110105********002X");
    }
}
