package org.ganxun.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.ganxun.support.IntegrationTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What the hash chain costs a bulk writer: the same 20,000 entries stored by one COPY (as a roster import
 * stores its audit entries) with the chain's triggers and with them switched off, alternately, and the
 * verification's speed over everything stored. {@code ./mvnw -Pbench -Dskip.web=true test -Dtest=AuditChainBenchmark}
 */
@Tag("benchmark")
@IntegrationTest
class AuditChainBenchmark {

    static final int N = 20_000;

    @Autowired AuditLog audit;
    @Autowired AuditChain chain;
    @Autowired JdbcClient jdbc;
    @Autowired TransactionTemplate tx;

    @Test
    void copyWithAndWithoutTheChain() {
        List<AuditLog.Change> changes = new ArrayList<>();
        for (int i = 0; i < N; i++) {
            changes.add(new AuditLog.Change("CREATE", "Cadre", i, "新增干部：测试" + i, null,
                    Map.of("name", "测试" + i, "orgId", 42, "post", "科员", "rankLevel", "STAFF")));
        }
        long[] with = new long[4];
        long[] without = new long[4];
        for (int round = 0; round < 4; round++) {
            AuditLog.Prepared p1 = audit.prepare(0L, "bench", "127.0.0.1", changes);
            long t0 = System.nanoTime();
            tx.executeWithoutResult(s -> audit.recordAll(p1));
            with[round] = (System.nanoTime() - t0) / 1_000_000;
            AuditLog.Prepared p2 = audit.prepare(0L, "bench", "127.0.0.1", changes);
            long ids = jdbc.sql("select coalesce(max(id), 0) from audit_log").query(Long.class).single();
            long t1 = System.nanoTime();
            tx.executeWithoutResult(s -> {
                jdbc.sql("set local session_replication_role = replica").update();
                audit.recordAll(p2);
            });
            without[round] = (System.nanoTime() - t1) / 1_000_000;
            jdbc.sql("delete from audit_log where id > ? and block_id is null").param(ids).update(); // not chained
        }
        long t2 = System.nanoTime();
        AuditChain.Verification v = chain.verify();
        long verify = (System.nanoTime() - t2) / 1_000_000;
        System.out.printf("audit chain: COPY of %d entries with the chain (ms) %s, without %s; verify %d entries in %d ms (%.0f/s)%n",
                N, java.util.Arrays.toString(with), java.util.Arrays.toString(without), v.entries(), verify,
                v.entries() * 1000.0 / Math.max(verify, 1));
        assertThat(v.intact()).isTrue();
    }
}
