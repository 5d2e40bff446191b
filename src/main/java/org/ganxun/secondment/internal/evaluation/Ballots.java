package org.ganxun.secondment.internal.evaluation;

import java.math.BigDecimal;
import java.math.RoundingMode;

import org.ganxun.platform.web.BusinessException;

/**
 * A democratic appraisal (民主测评): how many ballots rated the cadre 优秀, 称职, 基本称职 and 不称职.
 * Shares are percentages of all ballots, computed from the exact fraction and rounded to two decimals
 * half-up. The appraisal score converts ballots at 优秀 = 100, 称职 = 80, 基本称职 = 60, 不称职 = 0 points
 * and averages them over all ballots (two decimals, half-up).
 */
public record Ballots(int excellent, int competent, int basic, int incompetent) {

    public static final String SCORE_RULE = "民主测评得分 =（优秀票×100 + 称职票×80 + 基本称职票×60 + 不称职票×0）÷ 总票数";

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    public Ballots {
        if (excellent < 0 || competent < 0 || basic < 0 || incompetent < 0) {
            throw new BusinessException("测评票数不能为负数");
        }
    }

    public int total() {
        return excellent + competent + basic + incompetent;
    }

    public BigDecimal share(int count) {
        return total() == 0 ? null : BigDecimal.valueOf(count).multiply(HUNDRED).divide(BigDecimal.valueOf(total()), 2, RoundingMode.HALF_UP);
    }

    public BigDecimal excellentShare() {
        return share(excellent);
    }

    public BigDecimal competentShare() {
        return share(competent);
    }

    public BigDecimal basicShare() {
        return share(basic);
    }

    public BigDecimal incompetentShare() {
        return share(incompetent);
    }

    /** 称职及以上 (优秀 + 称职) as a share of all ballots. */
    public BigDecimal favourableShare() {
        return share(excellent + competent);
    }

    public BigDecimal score() {
        if (total() == 0) {
            return null;
        }
        long points = 100L * excellent + 80L * competent + 60L * basic;
        return BigDecimal.valueOf(points).divide(BigDecimal.valueOf(total()), 2, RoundingMode.HALF_UP);
    }
}
