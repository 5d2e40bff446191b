package org.ganxun.people;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Political status as personnel offices write it (GB/T 4762 政治面貌代码: 13 民革党员 … 20 台盟盟员). A roster of
 * township leaders was refused whole over 九三学社社员 and 民盟盟员 (issue 15).
 */
class PoliticalStatusTest {

    @ParameterizedTest
    @ValueSource(strings = {"民革党员", "民革会员", "民盟盟员", "民建会员", "民进会员", "农工党党员", "致公党党员", "九三学社社员",
            "台盟盟员", "中国民主同盟盟员", "九三学社 社员"})
    void theEightDemocraticPartiesMembersAsWritten(String written) {
        assertThat(Labeled.parse(PoliticalStatus.class, written)).isEqualTo(PoliticalStatus.DEMOCRATIC_PARTY);
    }

    @Test
    void theOtherStatusesInTheirLongForms() {
        assertThat(Labeled.parse(PoliticalStatus.class, "中国共产党预备党员")).isEqualTo(PoliticalStatus.CPC_PROBATIONARY);
        assertThat(Labeled.parse(PoliticalStatus.class, "中国共产主义青年团团员")).isEqualTo(PoliticalStatus.CYL_MEMBER);
        assertThat(Labeled.parse(PoliticalStatus.class, "无党派民主人士")).isEqualTo(PoliticalStatus.NON_PARTY);
        assertThat(Labeled.parse(PoliticalStatus.class, "群众")).isEqualTo(PoliticalStatus.MASSES);
        assertThat(Labeled.parse(PoliticalStatus.class, "九三")).isNull();
    }

    /** 《公务员职务与职级并行规定》(2019) 第十九条: each grade stands at a level; 一级科员 raised an error on every row. */
    @Test
    void theGradesOf2019ReadAsTheLevelTheyStandAt() {
        assertThat(Labeled.parse(RankLevel.class, "一级科员")).isEqualTo(RankLevel.STAFF);
        assertThat(Labeled.parse(RankLevel.class, "二级科员")).isEqualTo(RankLevel.STAFF);
        assertThat(Labeled.parse(RankLevel.class, "四级主任科员")).isEqualTo(RankLevel.TOWNSHIP);
        assertThat(Labeled.parse(RankLevel.class, "一级主任科员")).isEqualTo(RankLevel.TOWNSHIP);
        assertThat(Labeled.parse(RankLevel.class, "四级调研员")).isEqualTo(RankLevel.COUNTY);
        assertThat(Labeled.parse(RankLevel.class, "二级巡视员")).isEqualTo(RankLevel.BUREAU);
    }
}
