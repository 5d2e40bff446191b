package org.ganxun.compliance.internal.standing;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.ganxun.archive.Credit;
import org.ganxun.archive.CreditSource;
import org.ganxun.compliance.internal.ruleset.Requirement;
import org.ganxun.compliance.internal.ruleset.RuleSet;
import org.ganxun.compliance.internal.standing.PersonFacts.Period;
import org.ganxun.compliance.internal.ruleset.RuleSet.SourceCap;

/**
 * Computes a person's standing against a rule set as of a date. Pure: no database, so the same code
 * serves one person's page and the recomputation of a whole province.
 *
 * <p>Decisions where the regulations leave room (also in docs/compliance.md):
 * <ul>
 *   <li>The rule set in force on the as-of date decides which requirements apply and how many hours
 *       they ask; hours already credited keep the conversion used when they were recorded. (Which
 *       jurisdiction's rule set: the unit the person belonged to on that date, chosen by the caller.)</li>
 *   <li>The rank held on the as-of date decides which requirements apply (a rank change mid-year
 *       switches the yearly requirement for the whole year; hours of the whole year count).</li>
 *   <li>Days or hours (条例第十四条: "3个月或者550学时", "12天或者90学时"): a requirement with days is met by
 *       the days of concentrated training counted or by the hours counted, whichever is reached; a
 *       shortfall names both. A requirement in days only (任职培训 30天) is also met by its days at the rule
 *       set's hours per day.</li>
 *   <li>Caps per source are applied per calendar year, to the hours eligible for the requirement,
 *       before they are totalled; a capped source's days are cut in the same proportion.</li>
 *   <li>What counts toward what: each requirement's filter names the sources that count; the explanation
 *       says how many hours of each source were counted and which sources this requirement does not
 *       count (party study toward a cadre's concentrated training, unless the rule set lists it).</li>
 *   <li>Cycle requirements (e.g. 550 学时 in 5 years) use fixed cycles from the rule's start year. A
 *       person promoted into the group (or within it) who had not met the requirement over the cycle's
 *       length before the promotion must complete it within one year after it (条例第十四条:
 *       提拔前未达到该要求的，应当在提拔后1年内完成): that date is the deadline, earlier or later than the
 *       cycle's end.</li>
 *   <li>A requirement is OVERDUE only after its deadline has passed; on the deadline day it is SHORT.</li>
 * </ul>
 */
public final class StandingCalculator {

    private static final DateTimeFormatter D = DateTimeFormatter.ofPattern("yyyy年M月d日");
    private static final BigDecimal ZERO = BigDecimal.ZERO.setScale(2);

    /** Whether to write the sentence explaining each standing (bulk recomputation stores figures only). */
    private final boolean explain;

    private StandingCalculator(boolean explain) {
        this.explain = explain;
    }

    public static List<Standing> compute(PersonFacts person, List<Credit> credits, RuleSet rules, LocalDate asOf) {
        return compute(person, credits, rules, asOf, true);
    }

    /**
     * @param explain whether to write the sentence that explains each standing (the bulk recomputation
     *                stores figures only and skips it)
     */
    public static List<Standing> compute(PersonFacts person, List<Credit> credits, RuleSet rules, LocalDate asOf, boolean explain) {
        return new StandingCalculator(explain).run(person, credits, rules, asOf);
    }

    private List<Standing> run(PersonFacts person, List<Credit> credits, RuleSet rules, LocalDate asOf) {
        List<Standing> out = new ArrayList<>();
        Optional<Period> current = person.periodOn(asOf);
        for (Requirement r : rules.requirements()) {
            Standing s = switch (r.kind()) {
                case YEARLY -> current.filter(p -> appliesTo(r, person, p)).map(p -> yearly(r, credits, rules, asOf)).orElse(null);
                case CYCLE -> current.filter(p -> appliesTo(r, person, p)).map(p -> cycle(r, person, credits, rules, asOf)).orElse(null);
                case AFTER_PROMOTION -> afterPromotion(r, person, credits, rules, asOf);
                case AFTER_ENTRY -> current.filter(p -> appliesTo(r, person, p)).map(p -> afterEntry(r, person, credits, rules, asOf)).orElse(null);
            };
            if (s != null) {
                out.add(s);
            }
        }
        return out;
    }

    static boolean appliesTo(Requirement r, PersonFacts person, Period p) {
        return (r.rankLevels() == null || r.rankLevels().isEmpty() || r.rankLevels().contains(p.rankLevel()))
                && (r.rankGrades() == null || r.rankGrades().isEmpty() || r.rankGrades().contains(p.rankGrade()))
                && (r.staffCategories() == null || r.staffCategories().isEmpty() || r.staffCategories().contains(person.staffCategory()))
                && (!r.leadersOnly() || p.leadership())
                && (!r.partyMembersOnly() || person.partyMember());
    }

    private Standing yearly(Requirement r, List<Credit> credits, RuleSet rules, LocalDate asOf) {
        LocalDate start = LocalDate.of(asOf.getYear(), 1, 1);
        LocalDate end = LocalDate.of(asOf.getYear(), 12, 31);
        BigDecimal required = r.requiredHours(rules.conversions().hoursPerDay());
        Counted c = count(r, credits, rules.caps(), start, asOf);
        BigDecimal carried = ZERO;
        if (rules.carryOver() != null && rules.carryOver().enabled()) {
            Counted last = count(r, credits, rules.caps(), start.minusYears(1), end.minusYears(1));
            BigDecimal surplus = last.hours.subtract(required);
            if (surplus.signum() > 0) {
                carried = rules.carryOver().maxHours() == null ? surplus : surplus.min(rules.carryOver().maxHours());
            }
        }
        String window = asOf.getYear() + "年度";
        return standing(r, rules, c, carried, required, start, end, end, asOf, window, null);
    }

    private Standing cycle(Requirement r, PersonFacts person, List<Credit> credits, RuleSet rules, LocalDate asOf) {
        int years = r.cycleYears() == null ? 5 : r.cycleYears();
        int first = r.cycleStartYear() == null ? asOf.getYear() - years + 1 : r.cycleStartYear();
        int offset = Math.floorDiv(asOf.getYear() - first, years) * years;
        LocalDate start = LocalDate.of(first + offset, 1, 1);
        LocalDate end = start.plusYears(years).minusDays(1);
        LocalDate deadline = end;
        String window = start.getYear() + "-" + end.getYear() + "年周期";
        String promotion = null;
        BigDecimal required = r.requiredHours(rules.conversions().hoursPerDay());
        Optional<LocalDate> promoted = lastEntryInto(r, person, asOf);
        if (promoted.isPresent() && r.graceMonths() != null) {
            LocalDate on = promoted.get();
            LocalDate grace = on.plusMonths(r.graceMonths());
            // promoted in this cycle; or in the one before, with the year after the promotion not yet over
            boolean thisCycle = !on.isBefore(start);
            boolean spills = on.isBefore(start) && !asOf.isAfter(grace);
            if (thisCycle || spills) {
                // 提拔前未达到该要求: the requirement over its own length (e.g. 5 years) before the promotion
                Counted before = count(r, credits, rules.caps(), on.minusYears(years), on.minusDays(1));
                if (!meets(r, before.hours, before.days, required)) {
                    deadline = grace;
                    if (spills) {
                        // the cycle of the promotion goes on counting until the year after it is over
                        start = LocalDate.of(first + Math.floorDiv(on.getYear() - first, years) * years, 1, 1);
                        end = grace;
                        window = start.format(D) + "以来";
                    }
                    promotion = "；" + on.format(D) + "提任，提任前" + years + "年内计入" + plain(before.hours) + "学时"
                            + (r.requiredDays() == null ? "" : "、" + plain(before.days) + "天")
                            + "，未达到要求，应当在提任后" + monthsText(r.graceMonths()) + "内完成";
                }
            }
        }
        Counted c = count(r, credits, rules.caps(), start, asOf);
        return standing(r, rules, c, ZERO, required, start, end, deadline, asOf, window, promotion);
    }

    private static String monthsText(int months) {
        return months % 12 == 0 ? months / 12 + "年" : months + "个月";
    }

    private Standing afterPromotion(Requirement r, PersonFacts person, List<Credit> credits, RuleSet rules, LocalDate asOf) {
        Optional<LocalDate> promoted = lastEntryInto(r, person, asOf);
        if (promoted.isEmpty() || (r.triggersFrom() != null && promoted.get().isBefore(r.triggersFrom()))) {
            return null;
        }
        return aroundEvent(r, credits, rules, asOf, promoted.get(), "提任");
    }

    private Standing afterEntry(Requirement r, PersonFacts person, List<Credit> credits, RuleSet rules, LocalDate asOf) {
        LocalDate entered = person.enteredServiceOn();
        if (entered == null || entered.isAfter(asOf) || (r.triggersFrom() != null && entered.isBefore(r.triggersFrom()))) {
            return null;
        }
        return aroundEvent(r, credits, rules, asOf, entered, "入职");
    }

    private Standing aroundEvent(Requirement r, List<Credit> credits, RuleSet rules, LocalDate asOf, LocalDate event, String what) {
        LocalDate start = event.minusMonths(r.leadMonths() == null ? 0 : r.leadMonths());
        LocalDate deadline = event.plusMonths(r.graceMonths() == null ? 12 : r.graceMonths());
        LocalDate until = asOf.isBefore(deadline) ? asOf : deadline;
        Counted c = count(r, credits, rules.caps(), start, until);
        BigDecimal required = r.requiredHours(rules.conversions().hoursPerDay());
        return standing(r, rules, c, ZERO, required, start, deadline, deadline, asOf, event.format(D) + what + "后", null);
    }

    /**
     * The start of the most recent period in which the requirement began to apply to the person, or in
     * which they were promoted while it applied. The first period on record is not a promotion: it only
     * says where the person stood when the record began.
     */
    static Optional<LocalDate> lastEntryInto(Requirement r, PersonFacts person, LocalDate asOf) {
        LocalDate found = null;
        Period before = null;
        for (Period p : person.chronological()) {
            if (p.startedOn().isAfter(asOf)) {
                break;
            }
            boolean applies = appliesTo(r, person, p);
            boolean appliedBefore = before != null && appliesTo(r, person, before);
            if (applies && before != null && (!appliedBefore || p.above(before))) {
                found = p.startedOn();
            }
            before = p;
        }
        // the period in force must still be one the requirement applies to
        Optional<Period> now = person.periodOn(asOf);
        if (now.isEmpty() || !appliesTo(r, person, now.get())) {
            return Optional.empty();
        }
        return Optional.ofNullable(found);
    }

    /**
     * Hours and days counted (after caps), hours cut by caps, and per source the hours counted and the hours
     * of sources this requirement does not count (for the explanation).
     */
    private record Counted(BigDecimal hours, BigDecimal capped, BigDecimal days, Map<CreditSource, BigDecimal> bySource,
                           Map<CreditSource, BigDecimal> notCounted) {
    }

    private static boolean meets(Requirement r, BigDecimal hours, BigDecimal days, BigDecimal requiredHours) {
        return hours.compareTo(requiredHours) >= 0 || (r.requiredDays() != null && days.compareTo(r.requiredDays()) >= 0);
    }

    /** Eligible hours and days between two dates inclusive, with caps per source applied per calendar year. */
    private static Counted count(Requirement r, List<Credit> credits, List<SourceCap> caps, LocalDate from, LocalDate to) {
        Map<Integer, Map<CreditSource, BigDecimal[]>> byYear = new HashMap<>();
        Map<CreditSource, BigDecimal> notCounted = new EnumMap<>(CreditSource.class);
        for (Credit c : credits) {
            if (c.creditedOn().isBefore(from) || c.creditedOn().isAfter(to) || !r.count().countsApartFromSource(c)) {
                continue;
            }
            if (!r.count().countsSource(c.source())) {
                notCounted.merge(c.source(), c.hours(), BigDecimal::add);
                continue;
            }
            BigDecimal[] sum = byYear.computeIfAbsent(c.creditedOn().getYear(), y -> new EnumMap<>(CreditSource.class))
                    .computeIfAbsent(c.source(), s -> new BigDecimal[]{BigDecimal.ZERO, BigDecimal.ZERO});
            sum[0] = sum[0].add(c.hours());
            if (c.days() != null) {
                sum[1] = sum[1].add(c.days());
            }
        }
        Map<CreditSource, BigDecimal> capBySource = new EnumMap<>(CreditSource.class);
        if (caps != null) {
            for (SourceCap cap : caps) {
                if (cap == null || cap.source() == null || cap.maxHoursPerYear() == null) {
                    continue; // incomplete (stored before the editor refused it): one clerk's slip must not stop every standing
                }
                capBySource.put(cap.source(), cap.maxHoursPerYear());
            }
        }
        BigDecimal total = ZERO;
        BigDecimal cut = ZERO;
        BigDecimal days = ZERO;
        Map<CreditSource, BigDecimal> bySource = new EnumMap<>(CreditSource.class);
        for (Map<CreditSource, BigDecimal[]> year : byYear.values()) {
            for (Map.Entry<CreditSource, BigDecimal[]> e : year.entrySet()) {
                BigDecimal h = e.getValue()[0];
                BigDecimal d = e.getValue()[1];
                BigDecimal cap = capBySource.get(e.getKey());
                if (cap != null && h.compareTo(cap) > 0) {
                    cut = cut.add(h.subtract(cap));
                    // the cap limits what the source contributes in either measure
                    d = d.multiply(cap).divide(h, 2, RoundingMode.DOWN);
                    h = cap;
                }
                total = total.add(h);
                days = days.add(d);
                bySource.merge(e.getKey(), h, BigDecimal::add);
            }
        }
        return new Counted(total.setScale(2, RoundingMode.HALF_UP), cut.setScale(2, RoundingMode.HALF_UP),
                days.setScale(2, RoundingMode.HALF_UP), bySource, notCounted);
    }

    private Standing standing(Requirement r, RuleSet rules, Counted c, BigDecimal carried, BigDecimal required,
                              LocalDate start, LocalDate end, LocalDate deadline, LocalDate asOf, String window, String promotion) {
        BigDecimal counted = c.hours.add(carried).setScale(2, RoundingMode.HALF_UP);
        BigDecimal requiredDays = r.requiredDays() == null ? null : r.requiredDays().setScale(2, RoundingMode.HALF_UP);
        boolean met = meets(r, counted, c.days, required);
        BigDecimal missing = met ? ZERO : required.subtract(counted).setScale(2, RoundingMode.HALF_UP);
        BigDecimal countedDays = requiredDays == null ? null : c.days;
        BigDecimal missingDays = requiredDays == null ? null : met ? ZERO : requiredDays.subtract(c.days).setScale(2, RoundingMode.HALF_UP);
        StandingStatus status = met ? StandingStatus.MET
                : asOf.isAfter(deadline) ? StandingStatus.OVERDUE : StandingStatus.SHORT;
        String shortfall = Standing.shortfall(missing, missingDays);
        String why = explain ? explanation(r, c, carried, counted, required, requiredDays, status, shortfall, deadline, window, promotion)
                : null;
        return new Standing(r.code(), r.title(), r.kind(), status, status.label(), required.setScale(2, RoundingMode.HALF_UP),
                counted, missing, c.capped, carried.setScale(2, RoundingMode.HALF_UP),
                start, end, deadline, r.source(), r.sourceText(), r.sourceStatus(), rules.name(), rules.version(), why,
                requiredDays, countedDays, missingDays, shortfall);
    }

    private static String explanation(Requirement r, Counted c, BigDecimal carried, BigDecimal counted, BigDecimal required,
                                      BigDecimal requiredDays, StandingStatus status, String shortfall, LocalDate deadline,
                                      String window, String promotion) {
        StringBuilder why = new StringBuilder(window).append("计入").append(plain(counted)).append("学时");
        if (requiredDays != null) {
            why.append("、").append(plain(c.days)).append("天");
        }
        if (carried.signum() > 0) {
            why.append("（含上年结转").append(plain(carried)).append("学时）");
        }
        if (c.capped.signum() > 0) {
            why.append("（另有").append(plain(c.capped)).append("学时超出单项上限未计入）");
        }
        why.append("，要求").append(Standing.amount(required, requiredDays));
        if (promotion != null) {
            why.append(promotion);
        }
        switch (status) {
            case MET -> why.append("，已达标");
            case SHORT -> why.append("，尚差").append(shortfall).append("，须于").append(deadline.format(D)).append("前完成");
            case OVERDUE -> why.append("，差").append(shortfall).append("，已于").append(deadline.format(D)).append("逾期");
        }
        if (!c.bySource.isEmpty()) {
            why.append("。计入来源：").append(sources(c.bySource));
        }
        if (!c.notCounted.isEmpty()) {
            why.append("。本要求不计入：").append(sources(c.notCounted));
        }
        why.append("。依据：").append(r.source());
        return why.toString();
    }

    private static String sources(Map<CreditSource, BigDecimal> hours) {
        StringBuilder s = new StringBuilder();
        for (Map.Entry<CreditSource, BigDecimal> e : hours.entrySet()) {
            if (!s.isEmpty()) {
                s.append("、");
            }
            s.append(e.getKey().label()).append(plain(e.getValue())).append("学时");
        }
        return s.toString();
    }

    private static String plain(BigDecimal b) {
        return b.stripTrailingZeros().toPlainString();
    }
}
