package org.ganxun.people;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** 人员编号: "GX", the id in eight digits or more, a Luhn check digit (issue 15 item 7). */
class PersonNoTest {

    @Test
    void theNumberOfAnId() {
        // 00001234: from the right, doubled 4→8, 3, 2→4, 1, 0 …: 8+3+4+1 = 16; check = (10 - 6) % 10 = 4
        assertThat(PersonNo.of(1234)).isEqualTo("GX000012344");
        // 00000001: 1 doubled = 2; check 8
        assertThat(PersonNo.of(1)).isEqualTo("GX000000018");
        // nine digits when the id needs them: 123456789 → doubled from the right 9→18→9, 8, 7→14→5, 6, 5→10→1, 4, 3→6, 2,
        // 1→2: 9+8+5+6+1+4+6+2+2 = 43; check 7
        assertThat(PersonNo.of(123_456_789)).isEqualTo("GX1234567897");
    }

    @Test
    void readsItBackAsWrittenInCells() {
        assertThat(PersonNo.parse("GX000012344")).isEqualTo(1234L);
        assertThat(PersonNo.parse(" gx00001234 4 ")).isEqualTo(1234L);
        assertThat(PersonNo.parse("ＧＸ０００００１２３４４")).isEqualTo(1234L);
        assertThat(PersonNo.parse(PersonNo.of(987_654_321_012L))).isEqualTo(987_654_321_012L);
    }

    @Test
    void aMistypedNumberIsNobody() {
        assertThat(PersonNo.parse("GX000012345")).isNull();  // wrong check digit
        assertThat(PersonNo.parse("GX000021344")).isNull();  // two digits swapped
        assertThat(PersonNo.parse("000012344")).isNull();    // no prefix
        assertThat(PersonNo.parse("GX00001234")).isNull();   // too short
        assertThat(PersonNo.parse("GX0000000000")).isNull(); // id 0
        assertThat(PersonNo.parse("GX99999999999999999999")).isNull();
        assertThat(PersonNo.parse("GX0000'1234")).isNull();
        assertThat(PersonNo.parse(null)).isNull();
    }
}
