package org.ganxun.planning.internal.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import org.ganxun.platform.security.CurrentUser;
import org.ganxun.platform.security.Role;
import org.ganxun.platform.web.BusinessException;
import org.ganxun.support.Fixture;
import org.ganxun.support.IntegrationTest;
import org.ganxun.survey.DraftClassProposal;
import org.ganxun.survey.SurveyTopicsProposed;
import org.ganxun.training.ClassCalendar;
import org.ganxun.training.ClassStatus;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A survey's proposals (as {@code ClassProposals.draw} publishes them; the listener's work is called directly, since
 * the listener itself runs asynchronously after the survey's commit) land as the year's needs with their origin; a
 * planner turns one into a draft class, which the calendar and the scheduler then see; the other stays open; drawing
 * the proposals up again replaces the open ones and keeps the answered one.
 */
@IntegrationTest
class PlanNeedsTest {

    @Autowired Fixture fixture;
    @Autowired PlanNeeds needs;
    @Autowired ClassCalendar calendar;

    @Test
    void proposalsBecomeNeedsAndANeedBecomesADraftClassKeepingItsOrigin() {
        long county = fixture.org(null, Fixture.unique("需求县"), "COUNTY");
        long town = fixture.org(county, Fixture.unique("需求镇"), "TOWNSHIP");
        CurrentUser admin = fixture.user(Fixture.unique("pn"), Role.ORG_DEPT_ADMIN, county, null, null);
        CurrentUser liaison = fixture.user(Fixture.unique("pnl"), Role.UNIT_LIAISON, town, null, null);
        int year = LocalDate.now().getYear() + 1;
        long survey = 900_000 + (System.nanoTime() % 100_000);
        DraftClassProposal rural = new DraftClassProposal(1, survey, "TOPIC", "乡村振兴", "职级：乡科级", "rank", "TOWNSHIP", 48, 120,
                new BigDecimal("40.0"), "乡科级干部最想学乡村振兴", "PROPOSED", null, null);
        DraftClassProposal law = new DraftClassProposal(2, survey, "UNDERSERVED", "依法行政", "人员类别：村(社区)干部", "category",
                "VILLAGE_CADRE", 30, 120, new BigDecimal("25.0"), "村干部近三年少有培训", "PROPOSED", null, null);
        needs.record(new SurveyTopicsProposed(survey, "2027年度干部教育培训需求调研", county, year, List.of(rural, law)));

        List<PlanNeeds.Need> open = fixture.as(admin, () -> needs.list(year));
        assertThat(open).extracting(PlanNeeds.Need::topic).containsExactly("乡村振兴", "依法行政"); // most asked first
        assertThat(open).noneMatch(PlanNeeds.Need::answered);
        // a township sees the county's needs
        assertThat(fixture.as(liaison, () -> needs.list(year))).hasSize(2);

        PlanNeeds.Need answered = fixture.as(admin, () -> needs.draft(open.get(0).id()));
        assertThat(answered.answered()).isTrue();
        assertThat(answered.classStatus()).isEqualTo(ClassStatus.DRAFT.name());
        assertThat(answered.className()).isEqualTo("乡村振兴专题培训班");
        assertThatThrownBy(() -> fixture.as(admin, () -> needs.draft(open.get(0).id())))
                .isInstanceOf(BusinessException.class).hasMessageContaining("已生成班次");
        assertThatThrownBy(() -> fixture.as(liaison, () -> needs.draft(open.get(1).id()))).isInstanceOf(BusinessException.class);

        // the draft keeps its origin and is there for the calendar and the scheduler
        ClassCalendar.CalendarClass draft = fixture.as(admin, () -> calendar.between(LocalDate.of(year, 1, 1), LocalDate.of(year, 12, 31),
                new ClassCalendar.Filter(null, null, null, null, true))).stream().filter(c -> c.id() == answered.classId()).findFirst().orElseThrow();
        assertThat(draft.status()).isEqualTo(ClassStatus.DRAFT);
        assertThat(draft.startsOn().getMonthValue()).isEqualTo(9);

        // drawn up again: the open need is replaced, the answered one stays
        DraftClassProposal digital = new DraftClassProposal(3, survey, "TOPIC", "数字政府", null, null, null, 20, 120,
                new BigDecimal("16.7"), null, "PROPOSED", null, null);
        needs.record(new SurveyTopicsProposed(survey, "2027年度干部教育培训需求调研", county, year, List.of(digital)));
        List<PlanNeeds.Need> after = fixture.as(admin, () -> needs.list(year));
        assertThat(after).extracting(PlanNeeds.Need::topic).containsExactly("数字政府", "乡村振兴");
        assertThat(after.get(1).answered()).isTrue();
    }
}
