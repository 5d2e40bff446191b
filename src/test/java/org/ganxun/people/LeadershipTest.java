package org.ganxun.people;

import static org.assertj.core.api.Assertions.assertThat;

import org.ganxun.people.internal.cadre.Leadership;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * 是否领导职务 derived from the post when nobody stated it (issue 15 item 6). The cases are the posts of a township's
 * roster; the expected values are what its organisation office would tick, by the rule in {@link Leadership}: a title
 * that heads a body or deputises for its head, or a member of the leading group, is a leading post; a grade of
 * 《公务员职务与职级并行规定》 (主任科员, 调研员, 巡视员), a professional title (主任医师) or 书记员 is not.
 */
class LeadershipTest {

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource({
            "镇党委书记, true, 书记",
            "党委副书记、镇长, true, 书记",       // the first title in the post is named
            "副镇长, true, 镇长",
            "乡长, true, 乡长",
            "县财政局局长, true, 局长",
            "党政办公室主任, true, 主任",
            "镇人大主席, true, 主席",
            "党委委员、武装部部长, true, 党委委员",
            "纪委委员, true, 纪委委员",
            "农业服务中心站长, true, 站长",
            "县委组织部副部长, true, 部长",
            "一级主任科员, false, ",           // a grade, though it contains 主任
            "四级调研员, false, ",
            "二级巡视员, false, ",
            "科员, false, ",
            "主任医师, false, ",               // a professional title
            "法院书记员, false, ",             // a court clerk, though it contains 书记
            "办事员, false, ",
            "驾驶员, false, "})
    void derivesFromThePostsTitle(String post, boolean leading, String title) {
        Leadership.Derived d = Leadership.derive(post);
        assertThat(d.leading()).isEqualTo(leading);
        if (leading) {
            assertThat(d.basis()).isEqualTo("按职务“" + post + "”中的“" + title + "”推定为领导职务");
        } else {
            assertThat(d.basis()).isEqualTo("职务“" + post + "”中没有领导职务的称谓，推定为非领导职务");
        }
    }

    @Test
    void aPostThatHoldsAGradeAndALeadingTitleIsLeading() {
        // 主任科员 is taken out before looking, the 主任 of 办公室主任 remains
        assertThat(Leadership.derive("办公室主任（一级主任科员）").leading()).isTrue();
        assertThat(Leadership.derive("副主任科员").leading()).isFalse();
    }

    @Test
    void noPostIsNotLeadingAndSaysSo() {
        assertThat(Leadership.derive(null)).isEqualTo(new Leadership.Derived(false, "未填写职务，推定为非领导职务"));
        assertThat(Leadership.derive("  ")).isEqualTo(new Leadership.Derived(false, "未填写职务，推定为非领导职务"));
    }

    @Test
    void statedWinsAndCarriesNoBasis() {
        // a clerk ticks 否 for a 镇长 (say, the post is vacant and held in name only): stored as stated
        assertThat(Leadership.resolve(false, null, "镇长")).isEqualTo(new Leadership.Derived(false, null));
        assertThat(Leadership.resolve(true, null, "科员")).isEqualTo(new Leadership.Derived(true, null));
    }

    @Test
    void notStatedIsDerived() {
        assertThat(Leadership.resolve(null, null, "镇长"))
                .isEqualTo(new Leadership.Derived(true, "按职务“镇长”中的“镇长”推定为领导职务"));
    }

    @Test
    void aStatedValueThatOnlyRepeatsTheShownDerivationKeepsIt() {
        String basis = "按职务“镇长”中的“镇长”推定为领导职务";
        // an exported file brings back 是 beside the derivation it showed: still derived
        assertThat(Leadership.resolve(true, basis, "镇长")).isEqualTo(new Leadership.Derived(true, basis));
        // the clerk corrected the value: stated from now on
        assertThat(Leadership.resolve(false, basis, "镇长")).isEqualTo(new Leadership.Derived(false, null));
        // the post changed under a kept basis: the old basis no longer explains the value; stated
        assertThat(Leadership.resolve(true, basis, "党委书记")).isEqualTo(new Leadership.Derived(true, null));
    }
}
