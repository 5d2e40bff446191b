package org.ganxun.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.ganxun.platform.security.CurrentUser;
import org.ganxun.platform.security.Role;
import org.ganxun.platform.security.Unscoped;
import org.ganxun.support.ApiSession;
import org.ganxun.support.Fixture;
import org.ganxun.support.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * The audit log's hash chain: intact after concurrent writers, and a change, deletion or insertion made with
 * SQL behind the application's back is named by the verification; retention removes old entries and the rest
 * still verifies. Tampering is undone at the end of each test (the database is shared by all tests), and
 * each test starts by purging everything written before, so a failed earlier run cannot leave a broken chain.
 */
@IntegrationTest
class AuditChainTest {

    @Autowired AuditLog audit;
    @Autowired AuditChain chain;
    @Autowired AuditRetention retention;
    @Autowired JdbcClient jdbc;
    @Autowired TransactionTemplate tx;
    @Autowired Fixture fixture;
    @LocalServerPort int port;

    final CurrentUser admin = Fixture.systemAdmin();

    @BeforeEach
    void startFromAnEmptyChain() {
        // a purge "ten years from now" removes everything so far; the chain then starts at its anchor
        retention.purge(Instant.now().plusSeconds(86400L * 366 * 11));
        assertThat(chain.verify().intact()).isTrue();
    }

    @Test
    void concurrentWritersOnOneDatabaseKeepTheChainIntact() throws Exception {
        long headBefore = jdbc.sql("select seq from audit_chain_head").query(Long.class).single();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            int thread = t;
            done.add(pool.submit(() -> {
                for (int i = 0; i < 15; i++) {
                    int n = i;
                    // two entries per transaction, as a change and its side effect would be
                    tx.executeWithoutResult(s -> fixture.as(admin, () -> {
                        audit.record("UPDATE", "Cadre", thread * 100 + n, "并发写入 " + thread + "-" + n, null, Map.of("n", n));
                        audit.record("CREATE", "ArchiveEntry", thread * 100 + n, "并发写入二 " + thread + "-" + n, null, null);
                        return null;
                    }));
                }
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        pool.shutdown();
        AuditChain.Verification v = chain.verify();
        assertThat(v.problem()).isNull();
        assertThat(v.intact()).isTrue();
        assertThat(v.entries()).isGreaterThanOrEqualTo(240);
        assertThat(jdbc.sql("select seq from audit_chain_head").query(Long.class).single()).isEqualTo(headBefore + 120);
        assertThat(jdbc.sql("select count(*) from audit_log where block_id is null or hash is null").query(Long.class).single())
                .isZero();
    }

    @Test
    void entriesWrittenByCopyForBulkImportsAreChainedToo() {
        List<AuditLog.Change> changes = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            changes.add(new AuditLog.Change("CREATE", "Cadre", i, "批量导入 " + i, null, Map.of("name", "干部" + i)));
        }
        tx.executeWithoutResult(s -> audit.recordAll(0L, "test-admin", "127.0.0.1", changes));
        assertThat(jdbc.sql("""
                select b.entries from audit_block b join audit_log a on a.block_id = b.id
                where a.summary = '批量导入 499' and b.seq is not null""").query(Integer.class).single()).isEqualTo(500);
        AuditChain.Verification v = chain.verify();
        assertThat(v.intact()).isTrue();
        assertThat(v.entries()).isGreaterThanOrEqualTo(500);
        long middle = jdbc.sql("select id from audit_log where summary = '批量导入 250'").query(Long.class).single();
        jdbc.sql("update audit_log set after_data = '{\"name\": \"别人\"}' where id = ?").param(middle).update();
        assertThat(chain.verify().problem()).extracting(AuditChain.Problem::kind, AuditChain.Problem::entryId)
                .containsExactly(AuditChain.Kind.ALTERED, middle);
        jdbc.sql("update audit_log set after_data = '{\"name\": \"干部250\"}' where id = ?").param(middle).update();
        assertThat(chain.verify().intact()).isTrue();
    }

    @Test
    void anEntryChangedWithSqlIsNamedAndTheVerificationIsAudited() {
        long id = write("修改前的摘要");
        write("之后的记录");
        jdbc.sql("update audit_log set summary = '修改后的摘要' where id = ?").param(id).update();
        try {
            // through the API, signed in, as the audit screen does it
            CurrentUser auditor = fixture.user(Fixture.unique("aud"), Role.AUDIT_ADMIN, null, null, null);
            ApiSession api = new ApiSession(port);
            api.login(auditor.username(), Fixture.PASSWORD);
            ApiSession.Response r = api.send("POST", "/api/audit/verify", "{}");
            assertThat(r.status()).isEqualTo(200);
            JsonNode body = api.parse(r);
            assertThat(body.path("intact").asBoolean()).isFalse();
            assertThat(body.path("problem").path("kind").asString()).isEqualTo("ALTERED");
            assertThat(body.path("problem").path("entryId").asLong()).isEqualTo(id);
            assertThat(body.path("problem").path("message").asString()).contains("记录 " + id).contains("被修改");
            assertThat(jdbc.sql("select summary from audit_log where action = 'VERIFY' and actor_username = ? order by id desc limit 1")
                    .param(auditor.username()).query(String.class).single()).contains("发现问题").contains("记录 " + id);
        } finally {
            jdbc.sql("update audit_log set summary = '修改前的摘要' where id = ?").param(id).update();
        }
        assertThat(chain.verify().intact()).isTrue();
    }

    @Test
    void aChangedTimeOrActorIsFoundToo() {
        long id = write("时间与操作人");
        jdbc.sql("update audit_log set at = at - interval '1 day' where id = ?").param(id).update();
        assertThat(chain.verify().problem()).extracting(AuditChain.Problem::kind, AuditChain.Problem::entryId)
                .containsExactly(AuditChain.Kind.ALTERED, id);
        jdbc.sql("update audit_log set at = at + interval '1 day', actor_username = 'someone-else' where id = ?").param(id).update();
        assertThat(chain.verify().problem().entryId()).isEqualTo(id);
        jdbc.sql("update audit_log set actor_username = 'test-admin' where id = ?").param(id).update();
        assertThat(chain.verify().intact()).isTrue();
    }

    @Test
    void aDeletedEntryIsNamedByTheGapItLeaves() {
        List<Long> ids = tx.execute(s -> fixture.as(admin, () -> List.of(write("第一条"), write("第二条"), write("第三条"))));
        Map<String, Object> second = row(ids.get(1));
        jdbc.sql("delete from audit_log where id = ?").param(ids.get(1)).update();
        try {
            AuditChain.Problem p = chain.verify().problem();
            assertThat(p.kind()).isEqualTo(AuditChain.Kind.DELETED);
            assertThat(p.entryId()).isEqualTo(ids.get(2));
            assertThat(p.message()).contains("记录 " + ids.get(0)).contains("记录 " + ids.get(2)).contains("缺少 1 条");
        } finally {
            restore(second);
        }
        assertThat(chain.verify().intact()).isTrue();

        // a whole transaction's entries and its chain record
        long alone = write("单独一个事务");
        long next = write("下一个事务");
        Map<String, Object> aloneRow = row(alone);
        Map<String, Object> block = jdbc.sql("select * from audit_block where id = ?").param(aloneRow.get("block_id")).query().singleRow();
        jdbc.sql("delete from audit_log where id = ?").param(alone).update();
        assertThat(chain.verify().problem()).extracting(AuditChain.Problem::kind).isEqualTo(AuditChain.Kind.DELETED);
        jdbc.sql("delete from audit_block where id = ?").param(aloneRow.get("block_id")).update();
        try {
            AuditChain.Problem p = chain.verify().problem();
            assertThat(p.kind()).isEqualTo(AuditChain.Kind.DELETED);
            assertThat(p.entryId()).isEqualTo(next);
            assertThat(p.message()).contains("1 个事务写入的全部记录被删除");
        } finally {
            tx.executeWithoutResult(s -> {
                jdbc.sql("set local session_replication_role = replica").update();
                jdbc.sql("""
                        insert into audit_block (id, seq, entries, max_at_us, last_entry_hash, prev_hash, hash, sealed_at)
                        values (:id, :seq, :entries, :max_at_us, :last_entry_hash, :prev_hash, :hash, :sealed_at)""")
                        .params(block).update();
            });
            restore(aloneRow);
        }
        assertThat(chain.verify().intact()).isTrue();
    }

    @Test
    void anEntryInsertedPastTheChainIsNamed() {
        write("正常记录");
        long forged = tx.execute(s -> {
            jdbc.sql("set local session_replication_role = replica").update(); // no triggers: not chained
            return jdbc.sql("""
                    insert into audit_log (actor_username, action, entity_type, summary)
                    values ('admin', 'DELETE', 'Cadre', '伪造的记录') returning id""").query(Long.class).single();
        });
        try {
            AuditChain.Problem p = chain.verify().problem();
            assertThat(p.kind()).isEqualTo(AuditChain.Kind.INSERTED);
            assertThat(p.entryId()).isEqualTo(forged);
        } finally {
            jdbc.sql("delete from audit_log where id = ?").param(forged).update();
        }
        assertThat(chain.verify().intact()).isTrue();
    }

    @Test
    void retentionRemovesWhatIsOlderThanItsMonthsAndTheRestStillVerifies() {
        // the purge runs "two years from now"; entries are dated relative to that day
        Instant purgeDay = Instant.now().plusSeconds(86400L * 730);
        ZonedDateTime day = ZonedDateTime.ofInstant(purgeDay, ZoneId.systemDefault());
        long old = writeAt("十三个月前的记录", day.minusMonths(13).toInstant());
        long oldToo = writeAt("十二个月零一天前的记录", day.minusMonths(12).minusDays(1).toInstant());
        long recent = writeAt("五个月前的记录", day.minusMonths(5).toInstant());
        long afterRecent = writeAt("又一条十三个月前的记录（写在较新记录之后）", day.minusMonths(13).toInstant());

        AuditRetention.Purge purge = retention.purge(purgeDay);

        assertThat(retention.months()).isEqualTo(12);
        assertThat(exists(old)).isFalse();
        assertThat(exists(oldToo)).isFalse();
        assertThat(exists(recent)).isTrue();
        // the chain is cut only at its start: an old entry after a younger one stays until that one goes
        assertThat(exists(afterRecent)).isTrue();
        assertThat(purge.entries()).isGreaterThanOrEqualTo(2); // the two old ones, and what preceded them
        Map<String, Object> entry = jdbc.sql("""
                select actor_username, summary, after_data ->> 'entries' as entries from audit_log
                where action = 'PURGE' and entity_type = 'AuditLog' order by id desc limit 1""").query().singleRow();
        assertThat(entry.get("actor_username")).isEqualTo("system");
        assertThat((String) entry.get("summary")).contains("12个月").contains(purge.entries() + " 条");
        assertThat(entry.get("entries")).isEqualTo(String.valueOf(purge.entries()));
        assertThat(chain.verify().intact()).isTrue();

        // deleting the first entries and moving the anchor past them, as a purge would, without the purge
        Map<String, Object> first = jdbc.sql("select id, seq, hash from audit_block where seq = (select min(seq) from audit_block where seq is not null)")
                .query().singleRow();
        jdbc.sql("delete from audit_log where block_id = ?").param(first.get("id")).update();
        jdbc.sql("delete from audit_block where id = ?").param(first.get("id")).update();
        jdbc.sql("update audit_chain_anchor set seq = ?, hash = ?").params(first.get("seq"), first.get("hash")).update();
        assertThat(exists(recent)).isFalse();
        assertThat(chain.verify().problem()).extracting(AuditChain.Problem::kind).isEqualTo(AuditChain.Kind.DELETED);
        retention.purge(Instant.now().plusSeconds(86400L * 366 * 11)); // a real purge from here on
        assertThat(chain.verify().intact()).isTrue();
    }

    @Test
    void retentionBelowSixMonthsIsRefusedAtStart() {
        assertThatThrownBy(() -> new AuditRetention(jdbc, audit, null, 5, java.time.Clock.systemDefaultZone()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("at least 6 months");
        assertThat(new AuditRetention(jdbc, audit, null, 6, java.time.Clock.systemDefaultZone()).months()).isEqualTo(6);
    }

    @Test
    void readingTheLogIsAuditedWithItsFilterAndRowCount() {
        String auditor = Fixture.unique("rd");
        CurrentUser user = fixture.user(auditor, Role.AUDIT_ADMIN, null, null, null);
        ApiSession api = new ApiSession(port);
        api.login(user.username(), Fixture.PASSWORD);
        assertThat(api.get("/api/audit?action=LOGIN&size=5").status()).isEqualTo(200);
        Map<String, Object> e = jdbc.sql("""
                select summary, after_data -> 'filter' ->> 'action' as action, after_data ->> 'rows' as rows
                from audit_log where action = 'QUERY' and entity_type = 'AuditLog' and actor_username = ?""")
                .param(auditor).query().singleRow();
        assertThat(e.get("action")).isEqualTo("LOGIN");
        assertThat(Integer.parseInt((String) e.get("rows"))).isBetween(1, 5); // at least this user's own login
        assertThat((String) e.get("summary")).startsWith("查询审计日志");
    }

    private long write(String summary) {
        fixture.as(admin, () -> {
            audit.record("UPDATE", "Cadre", 1, summary, null, Map.of("k", "值"));
            return null;
        });
        // called inside signed-in blocks and transactions: the test's own read says so to the ScopeGuard
        return jdbc.sql(Unscoped.because("the test reads what it wrote") + "select max(id) from audit_log where summary = ?").param(summary).query(Long.class).single();
    }

    private long writeAt(String summary, Instant at) {
        return jdbc.sql("""
                insert into audit_log (at, actor_username, action, entity_type, summary) values (?, 'test', 'UPDATE', 'Cadre', ?)
                returning id""").params(java.sql.Timestamp.from(at), summary).query(Long.class).single();
    }

    private boolean exists(long id) {
        return jdbc.sql("select count(*) from audit_log where id = ?").param(id).query(Long.class).single() == 1;
    }

    private Map<String, Object> row(long id) {
        return jdbc.sql("""
                select id, at, actor_id, actor_username, action, entity_type, entity_id, summary,
                       before_data::text as before_data, after_data::text as after_data, remote_addr, block_id, pos, hash
                from audit_log where id = ?""").param(id).query().singleRow();
    }

    /** Puts a deleted entry back exactly as it was, past the trigger. */
    private void restore(Map<String, Object> row) {
        tx.executeWithoutResult(s -> {
            jdbc.sql("set local session_replication_role = replica").update();
            jdbc.sql("""
                    insert into audit_log (id, at, actor_id, actor_username, action, entity_type, entity_id, summary,
                                           before_data, after_data, remote_addr, block_id, pos, hash)
                    values (:id, :at, :actor_id, :actor_username, :action, :entity_type, :entity_id, :summary,
                            cast(:before_data as jsonb), cast(:after_data as jsonb), :remote_addr, :block_id, :pos, :hash)""")
                    .params(row).update();
        });
    }
}
