package org.ganxun.compliance.internal.standing;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import org.ganxun.archive.ArchiveChanged;
import org.ganxun.archive.ArchiveEntries;
import org.ganxun.archive.Credit;
import org.ganxun.compliance.internal.ruleset.RuleSet;
import org.ganxun.compliance.internal.ruleset.RuleSetStore;
import org.ganxun.people.PeopleFacts;
import org.ganxun.people.Roster;
import org.ganxun.platform.web.BusinessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A person's standing as of any date (computed on demand), and the materialised standing as of today
 * that dashboards read. A change to one person's archive recomputes that person only.
 */
@Service
public class StandingService {

    private final JdbcClient jdbc;
    private final Roster roster;
    private final PeopleFacts people;
    private final ArchiveEntries archive;
    private final RuleSetStore rules;
    private final Clock clock;

    StandingService(JdbcClient jdbc, Roster roster, PeopleFacts people, ArchiveEntries archive, RuleSetStore rules, Clock clock) {
        this.clock = clock;
        this.jdbc = jdbc;
        this.roster = roster;
        this.people = people;
        this.archive = archive;
        this.rules = rules;
    }

    /** The standing of a person the current user may see, as of a date. */
    @Transactional(readOnly = true)
    public PersonStanding of(long cadreId, LocalDate asOf) {
        roster.get(cadreId); // data scope
        return compute(cadreId, asOf);
    }

    /** The same, for a hypothetical rank from a date (used by the promotion check). */
    PersonStanding compute(long cadreId, LocalDate asOf) {
        PeopleFacts.Person p = people.person(cadreId).orElseThrow(() -> BusinessException.notFound("干部"));
        return compute(p, toFacts(p), asOf);
    }

    PersonStanding compute(PeopleFacts.Person p, PersonFacts facts, LocalDate asOf) {
        Optional<RuleSet> governing = rules.governing(orgPathOn(p, asOf), asOf);
        if (governing.isEmpty()) {
            return new PersonStanding(p.id(), asOf, null, 0, List.of());
        }
        List<Credit> credits = archive.approvedCredits(p.id());
        List<Standing> standings = StandingCalculator.compute(facts, credits, governing.get(), asOf);
        return new PersonStanding(p.id(), asOf, governing.get().name(), governing.get().version(), standings);
    }

    /** The rule set that governs the person on a date (the rules of the day, of the unit they were in then). */
    Optional<RuleSet> governing(PeopleFacts.Person p, LocalDate on) {
        return rules.governing(orgPathOn(p, on), on);
    }

    /**
     * The unit whose rules govern the person on a date (issue 15 item 3): the unit of the post they held on that
     * date (post history), else, before the history begins or after it ends, the unit they are in now.
     */
    static String orgPathOn(PeopleFacts.Person p, LocalDate on) {
        PeopleFacts.RankPeriod held = null;
        for (PeopleFacts.RankPeriod r : p.periods()) {
            boolean covers = !r.startedOn().isAfter(on) && (r.endedOn() == null || on.isBefore(r.endedOn()));
            if (covers && r.orgPath() != null && (held == null || !r.startedOn().isBefore(held.startedOn()))) {
                held = r;
            }
        }
        return held == null ? p.orgPath() : held.orgPath();
    }

    static PersonFacts toFacts(PeopleFacts.Person p) {
        return new PersonFacts(p.id(), p.staffCategory(), p.partyMember(), p.enteredWorkOn(),
                p.periods().stream().map(r -> new PersonFacts.Period(r.startedOn(), r.endedOn(), r.rankLevel(), r.rankGrade(), r.leadership())).toList());
    }

    /** Recomputes the stored standing of one person as of today. */
    @Transactional
    public void refresh(long cadreId) {
        LocalDate today = LocalDate.now(clock);
        // one refresh of a person at a time (two events for one person may arrive together)
        jdbc.sql("select pg_advisory_xact_lock(?)").param(cadreId).query().singleRow();
        Optional<PeopleFacts.Person> p = people.person(cadreId);
        jdbc.sql("delete from cadre_standing where cadre_id = ?").param(cadreId).update();
        if (p.isEmpty()) {
            return;
        }
        Optional<RuleSet> governing = rules.governing(orgPathOn(p.get(), today), today);
        PersonStanding s = compute(p.get(), toFacts(p.get()), today);
        for (Standing st : s.standings()) {
            jdbc.sql("""
                    insert into cadre_standing (cadre_id, code, title, status, required_hours, counted_hours, missing_hours,
                        deadline, rule_set_id, as_of, required_days, counted_days, missing_days)
                    values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                    .params(cadreId, st.code(), st.title(), st.status().name(), st.requiredHours(), st.countedHours(),
                            st.missingHours(), st.deadline(), governing.map(RuleSet::id).orElse(null), today,
                            st.requiredDays(), st.countedDays(), st.missingDays())
                    .update();
        }
    }

    /** Only the person whose archive changed is recomputed, after the change commits. */
    @ApplicationModuleListener
    void on(ArchiveChanged event) {
        refresh(event.cadreId());
    }

    /** A person's standings as of a date, with the rule set that governed them. */
    public record PersonStanding(long cadreId, LocalDate asOf, String ruleSetName, int ruleSetVersion, List<Standing> standings) {

        public boolean allMet() {
            return standings.stream().allMatch(Standing::met);
        }
    }
}
