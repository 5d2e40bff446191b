package org.ganxun.platform.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

class DecisionTest {

    @Test
    void allowedExactlyWhenNoReasonRefuses() {
        Decision yes = Decision.builder().explain("COMPLETED", "结业", "出勤48学时：准予结业", "本班结业规则").build();
        assertThat(yes.allowed()).isTrue();
        assertThat(yes.refusals()).isEmpty();
        assertThat(yes.refusalText()).isEmpty();
        assertThat(yes.texts()).containsExactly("出勤48学时：准予结业");

        Decision no = Decision.builder()
                .refuse("LEAVE_SHARE", "请假比例", "请假8.5学时，超过总学时的1/7", "《干部教育培训工作条例》（2023）第十五条")
                .explain("NOTE", "说明", "迟到1次", "本班考勤规则")
                .refuse("ASSESSMENT_FAILED", "考核", "理论考试50分，低于合格线60分", "本地规定")
                .build();
        assertThat(no.allowed()).isFalse();
        assertThat(no.refusals()).extracting(Decision.Reason::code).containsExactly("LEAVE_SHARE", "ASSESSMENT_FAILED");
        assertThat(no.refusalText()).isEqualTo("请假8.5学时，超过总学时的1/7；理论考试50分，低于合格线60分");
        assertThat(no.reason("LEAVE_SHARE")).get().extracting(Decision.Reason::source).isEqualTo("《干部教育培训工作条例》（2023）第十五条");
        assertThat(Decision.yes().allowed()).isTrue();
    }

    @Test
    void aDecisionCannotSayYesWithARefusalOrNoWithout() {
        Decision.Reason refusal = new Decision.Reason("X", "x", "不符合", "来源", true);
        assertThatThrownBy(() -> new Decision(true, List.of(refusal))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Decision(false, List.of())).isInstanceOf(IllegalArgumentException.class);
    }
}
