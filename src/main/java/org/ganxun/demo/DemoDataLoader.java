package org.ganxun.demo;

import org.ganxun.audit.AuditLog;
import org.ganxun.identity.GeneratedAccounts;
import org.ganxun.org.GeneratedTrees;
import org.ganxun.people.GeneratedCadres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Loads the demo county ({@link DemoGenerator}) on first start: when {@code ganxun.demo.enabled} is true
 * and there is no organisation yet. One transaction, JDBC batches through each owner's bulk load (org's
 * {@link GeneratedTrees}, people's {@link GeneratedCadres}, identity's {@link GeneratedAccounts}), which store citizen
 * IDs exactly as the roster stores them (encrypted, blind index, masked) and passwords with the application's encoder.
 * <p>
 * After the county, on the same first start, the demo activity ({@link DemoActivity}: classes, a survey) in a
 * second transaction through the modules' services. It is skipped when SMS go out through a real gateway
 * (calling trainees up texts them), and a failure there is logged without undoing the county.
 */
@Component
public class DemoDataLoader implements ApplicationRunner {

    /** The password of every demo account. */
    public static final String PASSWORD = "Ganxun@2026";

    private static final Logger log = LoggerFactory.getLogger(DemoDataLoader.class);
    private static final long LOCK_KEY = 0x6761_6e78_756eL; // "ganxun": one loader at a time across nodes

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final GeneratedTrees trees;
    private final GeneratedCadres cadres;
    private final GeneratedAccounts accounts;
    private final AuditLog audit;
    private final DemoActivity activity;
    private final DemoPlanning planning;
    private final boolean enabled;
    private final String smsGateway;

    DemoDataLoader(JdbcTemplate jdbc, TransactionTemplate tx, GeneratedTrees trees, GeneratedCadres cadres,
                   GeneratedAccounts accounts, AuditLog audit,
                   DemoActivity activity, DemoPlanning planning, @Value("${ganxun.demo.enabled:false}") boolean enabled,
                   @Value("${ganxun.sms.gateway:logging}") String smsGateway) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.trees = trees;
        this.cadres = cadres;
        this.accounts = accounts;
        this.audit = audit;
        this.activity = activity;
        this.planning = planning;
        this.enabled = enabled;
        this.smsGateway = smsGateway;
    }

    /** What was loaded, with the database ids of the units the accounts and tests refer to. */
    public record Summary(int organizations, int partyOrganizations, int cadres, int posts, int accounts, long millis,
                          long countyId, long[] orgIds, long[] partyOrgIds, long[] cadreIds) {
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!enabled) {
            return;
        }
        Summary s = tx.execute(status -> {
            jdbc.queryForObject("select pg_advisory_xact_lock(?)", Object.class, LOCK_KEY);
            Boolean empty = jdbc.queryForObject("select not exists (select 1 from org_unit)", Boolean.class);
            return Boolean.TRUE.equals(empty) ? write() : null;
        });
        if (s != null) {
            logLoaded(s);
            if (!"logging".equalsIgnoreCase(smsGateway.strip())) {
                // calling trainees up sends them SMS: never to the generated (possibly real) numbers of the demo cadres
                log.info("Demo activity not loaded: SMS go out through the '{}' gateway, and calling demo trainees up would"
                        + " text the demo cadres' generated phone numbers", smsGateway);
                return;
            }
            try {
                loadActivity(s);
            } catch (RuntimeException e) {
                // the county stays: it is useful without the activity, and the next start does not load it again
                log.error("Could not load the demo activity (classes, survey) on top of the demo county", e);
            }
        }
    }

    /** Loads the demo county whatever is already there (for tests); the usernames must still be free. */
    public Summary load() {
        Summary s = tx.execute(status -> write());
        logLoaded(s);
        return s;
    }

    /**
     * Loads the demo activity ({@link DemoActivity}) on top of a county just loaded: a provider and its
     * instructors, a finished class the demo cadre completed, a running class with sessions today, an open
     * training-needs survey with paper returns entered; party-branch study; secondment programmes. One transaction through the modules' services, signed in as the demo accounts.
     * The archive credits the finished class's hours asynchronously, after the commit.
     */
    public DemoActivity.Loaded loadActivity(Summary county) {
        DemoActivity.Loaded a = tx.execute(status -> activity.load(county));
        DemoPlanning.Loaded p = tx.execute(status -> planning.load(county.countyId(), a.providerId()));
        DemoPlanning.Spending sp = tx.execute(status -> planning.spending(p.planId(), a.finishedClassId(), a.currentClassId()));
        log.info("Loaded demo planning: “{}” with {} indicators; {} draft classes of {} for the scheduler; {} expenses of the demo"
                + " classes ({} over a cap); the {} evaluation report's words", p.planTitle(), p.indicators(), p.draftClasses(), p.draftYear(),
                sp.expenses(), sp.warnings(), sp.reportYear());
        log.info("Loaded demo activity in {} ms: class “{}” in progress with {} trainees ({} sessions today); class “{}”"
                        + " ({} 学时, {} trainees) completed, its hours credited to the archive; survey “{}” open with {} questions"
                        + " and {} paper returns entered; {} online courses credited to {} cadres;"
                        + " {} branch study activities with {} attendances; secondment “{}” with {} cadres posted (ganbu with {} logs)"
                        + " and “{}” ended with {} final evaluations (sign in as ganbu to see them)", a.millis(), a.currentClassName(), a.currentTrainees(), a.sessionsToday(),
                a.finishedClassName(), a.finishedHours().stripTrailingZeros().toPlainString(), a.finishedTrainees(),
                a.surveyTitle(), a.surveyQuestions(), a.surveyPaperReturns(), a.onlineCourses(), a.onlineLearners(),
                a.partyActivities(), a.partyAttendances(), a.secondment().currentProgrammeName(), a.secondment().currentPostings(),
                a.secondment().ganbuLogs(), a.secondment().endedProgrammeName(), a.secondment().endedEvaluations());
        // the county was written in a few transactions: until autovacuum gets to the tables (a minute or more) the
        // planner still sees them empty, and its plans for a whole county (admin's planning pages: the indicator
        // dashboard, the evaluation report, the annual plans' counts) took over 30 s in PageSpeedBenchmark run 3
        jdbc.execute("analyze");
        return a;
    }

    private static void logLoaded(Summary s) {
        log.info("Loaded the demo county {}: {} units, {} party organisations, {} cadres, {} post periods, {} accounts in {} ms"
                            + " (accounts admin, anquan, shenji, zzb, dangxiao, fuyi, zhibu, ganbu; password {})",
                    DemoGenerator.COUNTY, s.organizations(), s.partyOrganizations(), s.cadres(), s.posts(), s.accounts(),
                    s.millis(), PASSWORD);
    }

    private Summary write() {
        long started = System.nanoTime();
        DemoJurisdiction d = DemoGenerator.generate();
        // each owner stores its own rows: the org module the trees, people the cadres, identity the accounts
        long[] orgIds = trees.loadUnits(d.orgs().stream()
                .map(o -> new GeneratedTrees.NewUnit(o.parent(), o.name(), o.kind(), o.code(), o.sortOrder())).toList());
        long[] partyIds = trees.loadPartyUnits(d.partyOrgs().stream()
                .map(p -> new GeneratedTrees.NewPartyUnit(p.parent(), p.name(), p.kind(), orgIds[p.org()], p.sortOrder(),
                        p.secretaryName(), p.contactPhone())).toList());
        long[] cadreIds = cadres.loadCadres(d.cadres().stream()
                .map(c -> new GeneratedCadres.NewCadre(c.name(), c.gender(), c.ethnicity(), c.birthDate(), c.citizenId(),
                        c.education(), c.politicalStatus(), c.joinedPartyOn(), orgIds[c.org()], c.post(), c.rankLevel(),
                        c.rankGrade(), c.leadership(), c.staffCategory(), c.enteredWorkOn(), c.phone(), c.reserveCadre(),
                        c.partyOrg() == null ? null : partyIds[c.partyOrg()], c.mobileMember())).toList());
        cadres.loadPostHistory(d.posts().stream()
                .map(p -> new GeneratedCadres.NewPost(cadreIds[p.cadre()], orgIds[p.org()], p.post(), p.rankLevel(),
                        p.rankGrade(), p.leadership(), p.startedOn(), p.endedOn(), p.note())).toList());
        accounts.loadAccounts(d.accounts().stream()
                .map(a -> new GeneratedAccounts.NewAccount(a.username(), a.displayName(), PASSWORD, a.role(),
                        a.scopeOrg() == null ? null : orgIds[a.scopeOrg()],
                        a.scopePartyOrg() == null ? null : partyIds[a.scopePartyOrg()],
                        a.cadre() == null ? null : cadreIds[a.cadre()])).toList());

        long millis = (System.nanoTime() - started) / 1_000_000;
        String summary = "载入演示数据“" + DemoGenerator.COUNTY + "”：单位" + d.orgs().size() + "个，党组织" + d.partyOrgs().size()
                + "个，干部" + d.cadres().size() + "人，演示账号" + d.accounts().size() + "个";
        audit.recordAs(null, "system", "DEMO_LOAD", "DemoData", orgIds[0], summary, null, null);
        return new Summary(d.orgs().size(), d.partyOrgs().size(), d.cadres().size(), d.posts().size(), d.accounts().size(),
                millis, orgIds[0], orgIds, partyIds, cadreIds);
    }
}
