package org.ganxun.security;

import org.ganxun.platform.security.Requires;
import org.ganxun.platform.security.Permission;
import org.ganxun.platform.security.Unscoped;
import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.ganxun.archive.ArchiveEntries;
import org.ganxun.partyedu.internal.message.Broadcasts;
import org.ganxun.partyedu.Members;
import org.ganxun.partyedu.internal.mobileclassroom.MobileClassroom;
import org.ganxun.partyedu.internal.site.RemoteSites;
import org.ganxun.partyedu.StudyActivities;
import org.ganxun.people.Roster;
import org.ganxun.platform.security.CurrentUser;
import org.ganxun.secondment.Programmes;
import org.ganxun.support.Fixture;
import org.ganxun.support.IntegrationTest;
import org.ganxun.survey.Forums;
import org.ganxun.survey.Surveys;
import org.ganxun.training.Enrollments;
import org.ganxun.training.Instructors;
import org.ganxun.training.Providers;
import org.ganxun.training.TrainingClasses;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Every endpoint of the running application, called as each A-side user of two townships with B's ids in
 * every id-like slot, and as an anonymous caller. Fails on a read leak (a 2xx whose body names a B object),
 * a write leak (a 2xx after which the database changed though the request pointed at B, or a changed row
 * names a B object), an anonymous answer from a non-public endpoint, and any 500; prints a table of findings.
 * A new endpoint is covered without touching this test.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EndpointSweepTest {

    static final String ANONYMOUS = "anonymous";

    @Autowired Fixture fixture;
    @Autowired JdbcClient jdbc;
    @Autowired @Qualifier("requestMappingHandlerMapping") RequestMappingHandlerMapping mapping;
    @Autowired Roster roster;
    @Autowired Providers providers;
    @Autowired Instructors instructors;
    @Autowired TrainingClasses classes;
    @Autowired Enrollments enrollments;
    @Autowired Members members;
    @Autowired StudyActivities activities;
    @Autowired Broadcasts broadcasts;
    @Autowired RemoteSites sites;
    @Autowired MobileClassroom classroom;
    @Autowired Surveys surveys;
    @Autowired Forums forums;
    @Autowired ArchiveEntries archive;
    @Autowired Programmes programmes;
    @Autowired org.ganxun.classroom.Completion completion;
    @LocalServerPort int port;

    SweepWorld world;
    Sweep sweep;
    ChangeLog changeLog;
    final Map<String, SweepClient> clients = new LinkedHashMap<>();

    @BeforeAll
    void buildWorldAndSignIn() {
        world = new SweepWorld(fixture, jdbc);
        world.build(new SweepWorld.Services(roster, providers, instructors, classes, enrollments, members, activities, broadcasts,
                sites, classroom, surveys, forums, archive, programmes, completion));
        if (!world.problems.isEmpty()) {
            System.out.println("[sweep] object kinds not built (their endpoints are swept with B's other ids):");
            world.problems.forEach(p -> System.out.println("  - " + p));
        }
        sweep = new Sweep(world);
        for (Map.Entry<String, CurrentUser> u : world.users.entrySet()) {
            clients.put(u.getKey(), new SweepClient(port).login(u.getValue().username(), Fixture.PASSWORD));
        }
        clients.put(ANONYMOUS, new SweepClient(port).anonymous());
        changeLog = new ChangeLog(jdbc);
        changeLog.install();
    }

    @AfterAll
    void removeTriggers() {
        if (changeLog != null) {
            changeLog.remove();
        }
    }

    @Test
    void noEndpointLeaksAcrossTheTownshipBoundaryOrAnswersAnonymousCallersOrFails() {
        // /error is Spring Boot's error page: it renders a failed request forwarded to it, and called directly it
        // answers 500 for want of one; it reads no data
        List<Sweep.Endpoint> endpoints = Sweep.discover(mapping, p -> !p.startsWith("/api/sweep-planted") && !p.equals("/error"));
        assertThat(endpoints).hasSizeGreaterThan(200);
        long started = System.nanoTime();
        Stats stats = new Stats();
        List<Sweep.Finding> findings = run(endpoints, clients.keySet().stream().toList(), stats);
        System.out.printf("[sweep] %d endpoints × %d callers: %d requests in %.1f s, triggers on %d tables, B marker %s%n",
                endpoints.size(), clients.size(), stats.requests, (System.nanoTime() - started) / 1e9, changeLog.tableCount(),
                world.marker);
        System.out.println("[sweep] public endpoints (anonymous callers allowed): " + Sweep.PUBLIC);
        System.out.println("[sweep] answers by caller and status: " + stats.byStatus);
        print(findings);
        assertThat(findings).as("leaks, anonymous answers and 500s (table above)").isEmpty();
    }

    /**
     * A test of the test, and of the ScopeGuard behind it. Two endpoints are planted: one whose read forgot its
     * scope (the ScopeGuard refuses it: the sweep reports a server error, not a leak) and one whose read claims an
     * exemption it does not deserve (the guard lets it through: the sweep reports the read leak).
     */
    @Test
    void theSweepCatchesAPlantedUnscopedEndpoint() throws Exception {
        RequestMappingInfo forgot = RequestMappingInfo.paths("/api/sweep-planted/cadres/{id}/name").methods(RequestMethod.GET)
                .options(mapping.getBuilderConfiguration()).build();
        RequestMappingInfo lies = RequestMappingInfo.paths("/api/sweep-planted/cadres/{id}/alias").methods(RequestMethod.GET)
                .options(mapping.getBuilderConfiguration()).build();
        mapping.registerMapping(forgot, new Planted(jdbc), Planted.class.getDeclaredMethod("name", long.class));
        mapping.registerMapping(lies, new Planted(jdbc), Planted.class.getDeclaredMethod("alias", long.class));
        try {
            List<Sweep.Endpoint> planted = Sweep.discover(mapping, p -> p.startsWith("/api/sweep-planted"));
            assertThat(planted).hasSize(2);
            List<Sweep.Finding> findings = run(planted, List.of("UNIT_LIAISON(A村)", ANONYMOUS), new Stats());
            print(findings);
            assertThat(findings).anySatisfy(f -> {
                assertThat(f.path()).endsWith("/name");
                assertThat(f.role()).isEqualTo("UNIT_LIAISON(A村)");
                assertThat(f.status()).isEqualTo(500); // refused at the database's door: fails closed
            });
            assertThat(findings).noneMatch(f -> f.path().endsWith("/name") && f.why().startsWith("read leak"));
            assertThat(findings).anySatisfy(f -> {
                assertThat(f.path()).endsWith("/alias");
                assertThat(f.role()).isEqualTo("UNIT_LIAISON(A村)");
                assertThat(f.why()).startsWith("read leak");
            });
            // anonymous callers are turned away by the filter chain before the handler
            assertThat(findings).noneMatch(f -> f.role().equals(ANONYMOUS));
        } finally {
            mapping.unregisterMapping(forgot);
            mapping.unregisterMapping(lies);
        }
        assertThat(Sweep.discover(mapping, p -> p.startsWith("/api/sweep-planted"))).isEmpty();
    }

    /** The planted endpoints: a cadre's name by id, with no scope check at all. */
    static final class Planted {
        private final JdbcClient jdbc;

        Planted(JdbcClient jdbc) {
            this.jdbc = jdbc;
        }

        // declared like any endpoint, so EndpointAccess lets the permitted roles through: only the missing data
        // scope is wrong, which is what the sweep (and the ScopeGuard) must find
        @ResponseBody
        @Requires(Permission.ROSTER_VIEW)
        public String name(@PathVariable("id") long id) {
            return jdbc.sql("select name from cadre where id = ?").param(id).query(String.class).optional().orElse("");
        }

        @ResponseBody
        @Requires(Permission.ROSTER_VIEW)
        public String alias(@PathVariable("id") long id) {
            return jdbc.sql(Unscoped.rowChecked("nothing: a planted lie") + "select name from cadre where id = ?").param(id)
                    .query(String.class).optional().orElse("");
        }
    }

    static final class Stats {
        int requests;
        final Map<String, Map<Integer, Integer>> byStatus = new LinkedHashMap<>();
    }

    private List<Sweep.Finding> run(List<Sweep.Endpoint> endpoints, List<String> callers, Stats stats) {
        List<Sweep.Finding> findings = new ArrayList<>();
        for (Sweep.Endpoint e : endpoints) {
            List<Sweep.Call> calls = sweep.plan(e);
            for (String caller : callers) {
                SweepClient client = clients.get(caller);
                for (Sweep.Call call : calls) {
                    changeLog.clear();
                    SweepClient.Result r = client.call(e.method(), call.path(), call.json(), call.file());
                    stats.requests++;
                    if (r.status() == 401 && !caller.equals(ANONYMOUS)) {
                        // the session may have been ended by an earlier call: sign in again and retry once
                        CurrentUser u = world.users.get(caller);
                        client.login(u.username(), Fixture.PASSWORD);
                        changeLog.clear();
                        r = client.call(e.method(), call.path(), call.json(), call.file());
                        stats.requests++;
                    }
                    stats.byStatus.computeIfAbsent(caller, k -> new java.util.TreeMap<>()).merge(r.status(), 1, Integer::sum);
                    List<ChangeLog.Change> changes = changeLog.changes();
                    String why = judge(e, caller, call, r, changes);
                    if (why != null) {
                        findings.add(new Sweep.Finding(e.method(), call.path(), caller, r.status(), why + call.describe()));
                    }
                }
            }
        }
        return findings;
    }

    private String judge(Sweep.Endpoint e, String caller, Sweep.Call call, SweepClient.Result r, List<ChangeLog.Change> changes) {
        int s = r.status();
        if (s >= 500 || s < 0) {
            return "server error: " + abbreviate(Sweep.text(r), 160);
        }
        boolean ok = s >= 200 && s < 300;
        boolean publicEndpoint = Sweep.isPublic(e.pattern());
        if (caller.equals(ANONYMOUS) && !publicEndpoint && s != 401 && s != 403) {
            return "anonymous caller answered " + s;
        }
        if (!ok) {
            // a refusal must not name what it refuses either
            String text = Sweep.text(r);
            int at = text.indexOf(world.marker);
            return at < 0 ? null
                    : "read leak in a refusal: …" + abbreviate(text.substring(Math.max(0, at - 60), Math.min(text.length(), at + 20)), 90) + "…";
        }
        List<ChangeLog.Change> named = changes.stream().filter(c -> c.row() != null && (c.row().contains(world.marker)
                || call.rowRefersToB(c.row()))).toList();
        // a call pointing at B by its path may change nothing at all; one with a single B field may change A's
        // own rows, but none that refers to the B id it was given
        boolean pathB = call.referencesB() && call.bField() == null;
        if (!changes.isEmpty() && (pathB || !named.isEmpty())) {
            return "write leak: changed " + (named.isEmpty() ? changes : named).stream()
                    .map(c -> c.op().toLowerCase() + " " + c.table()).distinct().collect(Collectors.joining(", "));
        }
        if (!publicEndpoint) {
            String text = Sweep.text(r);
            int at = text.indexOf(world.marker);
            if (at >= 0) {
                return "read leak: body names B: …" + abbreviate(text.substring(Math.max(0, at - 60), Math.min(text.length(), at + 20)), 90) + "…";
            }
        }
        return null;
    }

    private static String abbreviate(String s, int max) {
        String one = s.replaceAll("\\s+", " ");
        return one.length() <= max ? one : one.substring(0, max);
    }

    private static void print(List<Sweep.Finding> findings) {
        System.out.println("[sweep] findings: " + findings.size());
        if (findings.isEmpty()) {
            return;
        }
        System.out.printf("%-7s | %-60s | %-24s | %-6s | %s%n", "method", "path", "caller", "status", "why");
        for (Sweep.Finding f : findings) {
            System.out.printf("%-7s | %-60s | %-24s | %-6d | %s%n", f.method(), f.path(), f.role(), f.status(), f.why());
        }
    }
}
