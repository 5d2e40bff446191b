package org.ganxun.survey;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.ganxun.platform.desk.Todo;
import org.ganxun.platform.desk.TodoSource;
import org.ganxun.platform.security.CurrentUser;
import org.ganxun.platform.security.Permission;
import org.springframework.stereotype.Component;

/**
 * The workbench's survey lines: for the designer, open surveys closing within {@value #CLOSING_DAYS} days whose
 * return rate is below {@value #LOW_RATE}% (one line each, to the survey's page); for a cadre, the surveys still to
 * answer (我的问卷).
 */
@Component
class SurveyDesk implements TodoSource {

    static final int CLOSING_DAYS = 7;
    static final double LOW_RATE = 60.0;

    private final Surveys surveys;
    private final SurveyReturns returns;
    private final Clock clock;

    SurveyDesk(Surveys surveys, SurveyReturns returns, Clock clock) {
        this.clock = clock;
        this.surveys = surveys;
        this.returns = returns;
    }

    @Override
    public List<Todo> todos(CurrentUser me) {
        List<Todo> out = new ArrayList<>();
        LocalDate today = LocalDate.now(clock);
        if (me.can(Permission.SURVEY_MANAGE)) {
            for (Surveys.Survey s : surveys.list()) {
                if (s.status() != Surveys.Status.OPEN || s.endsOn() == null || s.endsOn().isBefore(today)
                        || s.endsOn().isAfter(today.plusDays(CLOSING_DAYS))) {
                    continue;
                }
                SurveyReturns.Progress p = returns.progress(s.id());
                Double rate = p.rate() != null ? p.rate() : p.addressedRate();
                if (rate != null && rate < LOW_RATE) {
                    out.add(new Todo("survey.low." + s.id(), "培训需求调研",
                            "回收率偏低（" + ClassProposals.fmt(rate) + "%，" + s.endsOn() + "截止）：" + s.title(), p.returned(),
                            "/surveys/" + s.id(), null, "warning"));
                }
            }
        }
        if (me.can(Permission.SELF_SERVICE) && me.cadreId() != null) {
            long open = returns.mine().stream().filter(m -> !m.answered()).count();
            out.add(Todo.of("survey.mine", "我的问卷", "待填写的调研问卷", open, "/me/surveys"));
        }
        return out;
    }
}
