package org.ganxun.planning.internal.budget;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.ganxun.planning.ExpenseCategory;
import org.ganxun.planning.LecturerTitle;

/**
 * Checks a class's actual expenses against a training-fee standard. Pure: no database, so the hand-worked test is the
 * specification. The default standard is 《中央和国家机关培训费管理办法》（财行〔2016〕540号）:
 * <ul>
 *   <li>第十条: 除师资费外，培训费实行分类综合定额标准，分项核定、总额控制 — per person-day by class tier (一类 500/150/80/30 = 760,
 *       二类 400/150/70/30 = 650, 三类 340/130/50/30 = 550 元 for 住宿费/伙食费/场地资料交通费/其他费用). The 综合定额 is the ceiling
 *       of the class's total (items may be shifted among each other), but 住宿费 and 伙食费 each may not exceed their own item
 *       × person-days. "30天以内的培训按照综合定额标准控制；超过30天的培训，超过天数按照综合定额标准的70%控制" — the days
 *       beyond {@code longAfterDays} count at {@code longRate}.</li>
 *   <li>第十一条: 师资费在综合定额标准外单独核算; 讲课费（税后）副高级技术职称每学时最高不超过500元，正高级最高不超过1000元，院士、
 *       全国知名专家一般不超过1500元 — checked per payment: amount ÷ 学时 against the lecturer's title. 其他人员参照执行: a
 *       lecturer of another title has no cap of their own here; the warning list says so.</li>
 * </ul>
 * Person-days: (trainees + staff) × the class's calendar days (报到、撤离 included, as the rule counts days).
 */
public final class FeeCaps {

    private FeeCaps() {
    }

    /** The items of the 综合定额 (第十条) a class tier has a cap for. */
    public enum Item {
        ACCOMMODATION("住宿费"), MEALS("伙食费"), VENUE_MATERIALS_TRANSPORT("场地、资料、交通费"), OTHER("其他费用");

        private final String label;

        Item(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** The standard: per-day caps by item for the class's tier, lecture caps by title, the long-class rule, its source. */
    public record Standard(String name, String source, Map<Item, BigDecimal> daily, Map<LecturerTitle, BigDecimal> lecture,
                           int longAfterDays, BigDecimal longRate) {
    }

    /** One lecture-fee payment. */
    public record Lecture(long expenseId, String lecturer, LecturerTitle title, BigDecimal hours, BigDecimal amount) {
    }

    /** What was spent, by category, and the lecture payments among them. */
    public record Spending(Map<ExpenseCategory, BigDecimal> byCategory, List<Lecture> lectures) {
    }

    public record Warning(String code, String message, String rule, BigDecimal cap, BigDecimal actual, Long expenseId) {
    }

    public record Result(long personDays, BigDecimal equivalentPersonDays, BigDecimal dailyCapPerPersonDay, BigDecimal comprehensiveCap,
                         BigDecimal comprehensiveSpent, List<Warning> warnings) {
    }

    /**
     * Checks {@code s} for a class of {@code days} calendar days with {@code people} trainees and staff under {@code std}.
     */
    public static Result check(Standard std, int days, int people, Spending s) {
        long personDays = (long) days * people;
        // 第十条: days beyond longAfterDays at longRate of the standard
        int full = Math.min(days, std.longAfterDays());
        int beyond = Math.max(0, days - std.longAfterDays());
        BigDecimal eqDays = BigDecimal.valueOf(full).add(std.longRate().multiply(BigDecimal.valueOf(beyond)));
        BigDecimal eqPersonDays = eqDays.multiply(BigDecimal.valueOf(people));
        BigDecimal perDay = std.daily().values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal cap = money(perDay.multiply(eqPersonDays));
        BigDecimal spent = comprehensive(s.byCategory());
        List<Warning> out = new ArrayList<>();
        String rule = std.source();
        if (spent.compareTo(cap) > 0) {
            out.add(new Warning("COMPREHENSIVE", "综合定额超标：住宿、伙食、场地、资料、交通和其他费用合计" + plain(spent) + "元，超过上限" + plain(cap)
                    + "元（" + plain(perDay) + "元/人天 × " + plain(eqPersonDays) + "人天）", rule + "：综合定额标准是相关费用开支的上限", cap, spent, null));
        }
        for (Item item : List.of(Item.ACCOMMODATION, Item.MEALS)) {
            BigDecimal per = std.daily().get(item);
            if (per == null) {
                continue;
            }
            BigDecimal itemCap = money(per.multiply(eqPersonDays));
            BigDecimal actual = s.byCategory().getOrDefault(item == Item.ACCOMMODATION ? ExpenseCategory.ACCOMMODATION : ExpenseCategory.MEALS,
                    BigDecimal.ZERO);
            if (actual.compareTo(itemCap) > 0) {
                out.add(new Warning(item.name(), item.label() + "超标：实际" + plain(actual) + "元，超过单项定额" + plain(itemCap) + "元（" + plain(per)
                        + "元/人天 × " + plain(eqPersonDays) + "人天）", rule + "：住宿费、伙食费实际发生数分别不得超过该单项定额按培训天数计算的总数",
                        itemCap, actual, null));
            }
        }
        for (Lecture l : s.lectures()) {
            BigDecimal perHour = std.lecture().get(l.title());
            BigDecimal actualPerHour = l.amount().divide(l.hours(), 2, RoundingMode.HALF_UP);
            if (perHour == null) {
                continue;
            }
            BigDecimal lectureCap = money(perHour.multiply(l.hours()));
            if (l.amount().compareTo(lectureCap) > 0) {
                out.add(new Warning("LECTURE", "讲课费超标：" + l.lecturer() + "（" + l.title().label() + "）" + plain(l.hours()) + "学时支付"
                        + plain(l.amount()) + "元，合每学时" + plain(actualPerHour) + "元，超过每学时" + plain(perHour) + "元的上限",
                        rule + "：讲课费（税后）" + l.title().label() + "每学时" + (l.title() == LecturerTitle.ACADEMICIAN ? "一般" : "最高")
                                + "不超过" + plain(perHour) + "元", lectureCap, l.amount(), l.expenseId()));
            }
        }
        return new Result(personDays, eqPersonDays, perDay, cap, spent, out);
    }

    /** The categories the 综合定额 covers: all but 讲课费 (师资费在综合定额标准外单独核算). */
    static BigDecimal comprehensive(Map<ExpenseCategory, BigDecimal> byCategory) {
        BigDecimal t = BigDecimal.ZERO;
        for (Map.Entry<ExpenseCategory, BigDecimal> e : byCategory.entrySet()) {
            if (e.getKey() != ExpenseCategory.LECTURE) {
                t = t.add(e.getValue());
            }
        }
        return t;
    }

    /** Cost per head and per 学时, 元 rounded half-up to the fen; null when there is nobody or no hour. */
    public static BigDecimal per(BigDecimal total, BigDecimal divisor) {
        if (divisor == null || divisor.signum() <= 0) {
            return null;
        }
        return total.divide(divisor, 2, RoundingMode.HALF_UP);
    }

    static BigDecimal money(BigDecimal b) {
        return b.setScale(2, RoundingMode.HALF_UP);
    }

    public static String plain(BigDecimal b) {
        return b == null ? "—" : b.stripTrailingZeros().toPlainString();
    }

    public static Map<ExpenseCategory, BigDecimal> emptyTotals() {
        Map<ExpenseCategory, BigDecimal> m = new EnumMap<>(ExpenseCategory.class);
        for (ExpenseCategory c : ExpenseCategory.values()) {
            m.put(c, BigDecimal.ZERO);
        }
        return m;
    }
}
