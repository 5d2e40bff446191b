package org.ganxun.compliance;

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
import org.ganxun.compliance.PersonFacts.Period;
import org.ganxun.compliance.RuleSet.SourceCap;

/**
 * Computes a person's standing against a rule set as of a date. Pure: no database, so the same code
 * serves one person's page and the recomputation of a whole province.
 *
 * <p>Decisions where the regulations leave room (also in docs/compliance.md):
 * <ul>
 *   <li>The rule set in force on the as-of date decides which requirements apply and how many hours
 *       they ask; hours already credited keep the conversion used when they were recorded.</li>
 *   <li>The rank held on the as-of date decides which requirements apply (a rank change mid-year
 *       switches the yearly requirement for the whole year; hours of the whole year count).</li>
 *   <li>Caps per source are applied per calendar year, to the hours eligible for the requirement,
 *       before they are totalled.</li>
 *   <li>Cycle requirements (e.g. 550 学时 in 5 years) use fixed cycles from the rule's start year. A
 *       person promoted into the group inside a cycle gets until one year after promotion if that is
 *       later than the cycle end (条例第十四条: complete within one year after promotion).</li>
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
        return standing(r, rules, c, carried, required, start, end, end, asOf, window);
    }

    private Standing cycle(Requirement r, PersonFacts person, List<Credit> credits, RuleSet rules, LocalDate asOf) {
        int years = r.cycleYears() == null ? 5 : r.cycleYears();
        int first = r.cycleStartYear() == null ? asOf.getYear() - years + 1 : r.cycleStartYear();
        int offset = Math.floorDiv(asOf.getYear() - first, years) * years;
        LocalDate start = LocalDate.of(first + offset, 1, 1);
        LocalDate end = start.plusYears(years).minusDays(1);
        LocalDate deadline = end;
        Optional<LocalDate> promoted = lastEntryInto(r, person, asOf);
        if (promoted.isPresent() && !promoted.get().isBefore(start) && r.graceMonths() != null) {
            LocalDate grace = promoted.get().plusMonths(r.graceMonths());
            if (grace.isAfter(deadline)) {
                deadline = grace;
            }
        }
        Counted c = count(r, credits, rules.caps(), start, asOf);
        BigDecimal required = r.requiredHours(rules.conversions().hoursPerDay());
        String window = start.getYear() + "-" + end.getYear() + "年周期";
        return standing(r, rules, c, ZERO, required, start, end, deadline, asOf, window);
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
        return standing(r, rules, c, ZERO, required, start, deadline, deadline, asOf, event.format(D) + what + "后");
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

    private record Counted(BigDecimal hours, BigDecimal capped) {
    }

    /** Eligible hours between two dates inclusive, with caps per source applied per calendar year. */
    private static Counted count(Requirement r, List<Credit> credits, List<SourceCap> caps, LocalDate from, LocalDate to) {
        Map<Integer, Map<CreditSource, BigDecimal>> byYear = new HashMap<>();
        for (Credit c : credits) {
            if (c.creditedOn().isBefore(from) || c.creditedOn().isAfter(to) || !r.count().counts(c)) {
                continue;
            }
            byYear.computeIfAbsent(c.creditedOn().getYear(), y -> new EnumMap<>(CreditSource.class))
                    .merge(c.source(), c.hours(), BigDecimal::add);
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
        for (Map<CreditSource, BigDecimal> year : byYear.values()) {
            for (Map.Entry<CreditSource, BigDecimal> e : year.entrySet()) {
                BigDecimal h = e.getValue();
                BigDecimal cap = capBySource.get(e.getKey());
                if (cap != null && h.compareTo(cap) > 0) {
                    cut = cut.add(h.subtract(cap));
                    h = cap;
                }
                total = total.add(h);
            }
        }
        return new Counted(total.setScale(2, RoundingMode.HALF_UP), cut.setScale(2, RoundingMode.HALF_UP));
    }

    private Standing standing(Requirement r, RuleSet rules, Counted c, BigDecimal carried, BigDecimal required,
                                     LocalDate start, LocalDate end, LocalDate deadline, LocalDate asOf, String window) {
        BigDecimal counted = c.hours.add(carried);
        BigDecimal missing = required.subtract(counted).max(BigDecimal.ZERO).setScale(2, RoundingMode.HALF_UP);
        StandingStatus status = missing.signum() == 0 ? StandingStatus.MET
                : asOf.isAfter(deadline) ? StandingStatus.OVERDUE : StandingStatus.SHORT;
        if (!explain) {
            return new Standing(r.code(), r.title(), r.kind(), status, status.label(), required.setScale(2, RoundingMode.HALF_UP),
                    counted.setScale(2, RoundingMode.HALF_UP), missing, c.capped, carried.setScale(2, RoundingMode.HALF_UP),
                    start, end, deadline, r.source(), r.sourceText(), r.sourceStatus(), rules.name(), rules.version(), null);
        }
        StringBuilder why = new StringBuilder(window).append("计入").append(plain(counted)).append("学时");
        if (carried.signum() > 0) {
            why.append("（含上年结转").append(plain(carried)).append("学时）");
        }
        if (c.capped.signum() > 0) {
            why.append("（另有").append(plain(c.capped)).append("学时超出单项上限未计入）");
        }
        why.append("，要求").append(plain(required)).append("学时");
        switch (status) {
            case MET -> why.append("，已达标");
            case SHORT -> why.append("，尚差").append(plain(missing)).append("学时，须于").append(deadline.format(D)).append("前完成");
            case OVERDUE -> why.append("，差").append(plain(missing)).append("学时，已于").append(deadline.format(D)).append("逾期");
        }
        why.append("。依据：").append(r.source());
        return new Standing(r.code(), r.title(), r.kind(), status, status.label(), required.setScale(2, RoundingMode.HALF_UP),
                counted.setScale(2, RoundingMode.HALF_UP), missing, c.capped, carried.setScale(2, RoundingMode.HALF_UP),
                start, end, deadline, r.source(), r.sourceText(), r.sourceStatus(), rules.name(), rules.version(), why.toString());
    }

    private static String plain(BigDecimal b) {
        return b.stripTrailingZeros().toPlainString();
    }
}
