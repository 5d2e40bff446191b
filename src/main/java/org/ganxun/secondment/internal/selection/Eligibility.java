package org.ganxun.secondment.internal.selection;

import java.time.LocalDate;
import java.time.Period;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

import org.ganxun.people.CadreStatus;
import org.ganxun.people.RankLevel;
import org.ganxun.platform.rules.Decision;

/**
 * Who may be a candidate of a programme: the programme's bounds (each optional) judged on the programme's
 * start date. Age and years of service are whole years completed on that date (years of service from
 * 参加工作时间); the rank level must be one of those allowed; and the cadre must be on the roster and not
 * in another posting whose period overlaps the programme's. Each failed bound gives a reason a clerk can read.
 */
public final class Eligibility {

    private Eligibility() {
    }

    public record Bounds(Integer maxAge, Integer minServiceYears, Set<RankLevel> rankLevels) {

        public Bounds {
            rankLevels = rankLevels == null || rankLevels.isEmpty() ? Set.of() : EnumSet.copyOf(rankLevels);
        }
    }

    /** {@code otherPosting}: a description of an overlapping posting elsewhere, or null. */
    public record Facts(LocalDate birthDate, RankLevel rankLevel, LocalDate enteredWorkOn, CadreStatus status,
                        String otherPosting) {
    }

    /** Where the bounds come from: the programme's own selection conditions, set by its organiser. */
    static final String SOURCE = "本批次选派条件（主办组织部门设定）";

    public static Decision decide(Bounds b, Facts f, LocalDate on) {
        Decision.Builder d = Decision.builder();
        if (f.status() != null && f.status() != CadreStatus.ACTIVE) {
            d.refuse("NOT_ACTIVE", "在职", "人员状态为“" + f.status().label() + "”，不在职", SOURCE);
        }
        if (b.maxAge() != null) {
            int age = Period.between(f.birthDate(), on).getYears();
            if (age > b.maxAge()) {
                d.refuse("MAX_AGE", "年龄上限", "年龄" + age + "岁（按" + on + "计），超过本批次上限" + b.maxAge() + "岁", SOURCE);
            }
        }
        if (b.minServiceYears() != null) {
            if (f.enteredWorkOn() == null) {
                d.refuse("SERVICE_UNKNOWN", "工作年限", "未填写参加工作时间，无法核对工作年限", SOURCE);
            } else {
                int years = f.enteredWorkOn().isAfter(on) ? 0 : Period.between(f.enteredWorkOn(), on).getYears();
                if (years < b.minServiceYears()) {
                    d.refuse("MIN_SERVICE", "工作年限", "工作年限" + years + "年，不足本批次要求的" + b.minServiceYears() + "年", SOURCE);
                }
            }
        }
        if (!b.rankLevels().isEmpty() && (f.rankLevel() == null || !b.rankLevels().contains(f.rankLevel()))) {
            d.refuse("RANK_LEVEL", "职级层次", "职级层次为" + (f.rankLevel() == null ? "“未填写”" : "“" + f.rankLevel().label() + "”")
                    + "，不在本批次范围（" + b.rankLevels().stream().map(RankLevel::label).collect(Collectors.joining("、")) + "）内", SOURCE);
        }
        if (f.otherPosting() != null) {
            // one person, one posting at a time
            d.refuse("OVERLAPPING_POSTING", "挂职时间", "正在挂职或已安排挂职（" + f.otherPosting() + "），与本批次时间重叠", SOURCE);
        }
        return d.build();
    }
}
