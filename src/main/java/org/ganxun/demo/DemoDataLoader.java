package org.ganxun.demo;

import java.sql.Types;
import java.util.ArrayList;
import java.util.List;

import org.ganxun.audit.AuditLog;
import org.ganxun.people.CitizenId;
import org.ganxun.platform.crypto.FieldCipher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Loads the demo county ({@link DemoGenerator}) on first start: when {@code ganxun.demo.enabled} is true
 * and there is no organisation yet. One transaction, JDBC batches; ids are taken from the tables' sequences
 * up front so that paths and references can be written in the same pass. Citizen IDs are stored exactly as
 * the roster stores them (encrypted, blind index, masked); passwords with the application's encoder.
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
    private final FieldCipher cipher;
    private final PasswordEncoder encoder;
    private final AuditLog audit;
    private final DemoActivity activity;
    private final DemoPlanning planning;
    private final boolean enabled;
    private final String smsGateway;

    DemoDataLoader(JdbcTemplate jdbc, TransactionTemplate tx, FieldCipher cipher, PasswordEncoder encoder, AuditLog audit,
                   DemoActivity activity, DemoPlanning planning, @Value("${ganxun.demo.enabled:false}") boolean enabled,
                   @Value("${ganxun.sms.gateway:logging}") String smsGateway) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.cipher = cipher;
        this.encoder = encoder;
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
        long[] orgIds = ids("organization", d.orgs().size());
        String[] orgPaths = new String[orgIds.length];
        List<Object[]> rows = new ArrayList<>();
        for (DemoJurisdiction.Org o : d.orgs()) {
            long id = orgIds[o.index()];
            String path = (o.parent() == null ? "/" : orgPaths[o.parent()]) + id + "/";
            orgPaths[o.index()] = path;
            rows.add(new Object[]{id, o.parent() == null ? null : orgIds[o.parent()], o.name(), o.kind().name(), o.code(),
                    path, depth(path), o.sortOrder()});
        }
        jdbc.batchUpdate("insert into organization (id, parent_id, name, kind, code, path, depth, sort_order)"
                        + " values (?, ?, ?, ?, ?, ?, ?, ?)", rows,
                new int[]{Types.BIGINT, Types.BIGINT, Types.VARCHAR, Types.VARCHAR, Types.VARCHAR, Types.VARCHAR, Types.INTEGER,
                        Types.INTEGER});

        long[] partyIds = ids("party_organization", d.partyOrgs().size());
        String[] partyPaths = new String[partyIds.length];
        rows.clear();
        for (DemoJurisdiction.PartyOrg p : d.partyOrgs()) {
            long id = partyIds[p.index()];
            String path = (p.parent() == null ? "/" : partyPaths[p.parent()]) + id + "/";
            partyPaths[p.index()] = path;
            rows.add(new Object[]{id, p.parent() == null ? null : partyIds[p.parent()], p.name(), p.kind().name(),
                    orgIds[p.org()], path, depth(path), p.sortOrder(), p.secretaryName(), p.contactPhone()});
        }
        jdbc.batchUpdate("insert into party_organization (id, parent_id, name, kind, org_id, path, depth, sort_order,"
                        + " secretary_name, contact_phone) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows,
                new int[]{Types.BIGINT, Types.BIGINT, Types.VARCHAR, Types.VARCHAR, Types.BIGINT, Types.VARCHAR, Types.INTEGER,
                        Types.INTEGER, Types.VARCHAR, Types.VARCHAR});

        long[] cadreIds = ids("cadre", d.cadres().size());
        rows.clear();
        for (DemoJurisdiction.Cadre c : d.cadres()) {
            rows.add(new Object[]{cadreIds[c.index()], c.name(), c.gender().name(), c.ethnicity(), c.birthDate(),
                    cipher.encrypt(c.citizenId()), cipher.blindIndex(c.citizenId()), CitizenId.mask(c.citizenId()),
                    name(c.education()), c.politicalStatus().name(), c.joinedPartyOn(), orgIds[c.org()], c.post(),
                    name(c.rankLevel()), name(c.rankGrade()), c.leadership(), c.staffCategory().name(), c.enteredWorkOn(),
                    c.phone(), c.reserveCadre(), c.partyOrg() == null ? null : partyIds[c.partyOrg()], c.mobileMember()});
        }
        jdbc.batchUpdate("""
                        insert into cadre (id, name, gender, ethnicity, birth_date, citizen_id_enc, citizen_id_hash,
                            citizen_id_masked, education, political_status, joined_party_on, org_id, post, rank_level,
                            rank_grade, leadership, staff_category, entered_work_on, phone, reserve_cadre, party_org_id,
                            mobile_member, status)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'ACTIVE')""", rows,
                new int[]{Types.BIGINT, Types.VARCHAR, Types.VARCHAR, Types.VARCHAR, Types.DATE, Types.VARCHAR, Types.CHAR,
                        Types.VARCHAR, Types.VARCHAR, Types.VARCHAR, Types.DATE, Types.BIGINT, Types.VARCHAR, Types.VARCHAR,
                        Types.VARCHAR, Types.BOOLEAN, Types.VARCHAR, Types.DATE, Types.VARCHAR, Types.BOOLEAN, Types.BIGINT,
                        Types.BOOLEAN});

        rows.clear();
        for (DemoJurisdiction.Post p : d.posts()) {
            rows.add(new Object[]{cadreIds[p.cadre()], orgIds[p.org()], p.post(), name(p.rankLevel()), name(p.rankGrade()),
                    p.leadership(), p.startedOn(), p.endedOn(), p.note()});
        }
        jdbc.batchUpdate("""
                        insert into cadre_post_history (cadre_id, org_id, post, rank_level, rank_grade, leadership,
                            started_on, ended_on, note) values (?, ?, ?, ?, ?, ?, ?, ?, ?)""", rows,
                new int[]{Types.BIGINT, Types.BIGINT, Types.VARCHAR, Types.VARCHAR, Types.VARCHAR, Types.BOOLEAN, Types.DATE,
                        Types.DATE, Types.VARCHAR});

        rows.clear();
        for (DemoJurisdiction.Account a : d.accounts()) {
            rows.add(new Object[]{a.username(), a.displayName(), encoder.encode(PASSWORD), a.role().name(),
                    a.scopeOrg() == null ? null : orgIds[a.scopeOrg()],
                    a.scopePartyOrg() == null ? null : partyIds[a.scopePartyOrg()],
                    a.cadre() == null ? null : cadreIds[a.cadre()]});
        }
        jdbc.batchUpdate("insert into app_user (username, display_name, password_hash, role, scope_org_id, scope_party_org_id,"
                        + " cadre_id) values (?, ?, ?, ?, ?, ?, ?)", rows,
                new int[]{Types.VARCHAR, Types.VARCHAR, Types.VARCHAR, Types.VARCHAR, Types.BIGINT, Types.BIGINT, Types.BIGINT});

        long millis = (System.nanoTime() - started) / 1_000_000;
        String summary = "载入演示数据“" + DemoGenerator.COUNTY + "”：单位" + d.orgs().size() + "个，党组织" + d.partyOrgs().size()
                + "个，干部" + d.cadres().size() + "人，演示账号" + d.accounts().size() + "个";
        audit.recordAs(null, "system", "DEMO_LOAD", "DemoData", orgIds[0], summary, null, null);
        return new Summary(d.orgs().size(), d.partyOrgs().size(), d.cadres().size(), d.posts().size(), d.accounts().size(),
                millis, orgIds[0], orgIds, partyIds, cadreIds);
    }

    /** Takes n ids from the table's id sequence. */
    private long[] ids(String table, int n) {
        List<Long> list = jdbc.queryForList("select nextval(pg_get_serial_sequence(?, 'id')) from generate_series(1, ?)",
                Long.class, table, n);
        return list.stream().mapToLong(Long::longValue).toArray();
    }

    private static int depth(String path) {
        return (int) path.chars().filter(ch -> ch == '/').count() - 2;
    }

    private static String name(Enum<?> e) {
        return e == null ? null : e.name();
    }
}
