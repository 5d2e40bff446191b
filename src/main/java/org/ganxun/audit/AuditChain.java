package org.ganxun.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;

import javax.sql.DataSource;

import org.ganxun.platform.security.Unscoped;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Verifies the audit log's hash chain (written by the triggers of migration V95): walks every block in chain
 * order and every entry of each block in order, recomputing each hash from the stored columns here, in Java,
 * so that a changed database function cannot make a changed entry pass. One streaming query in one
 * repeatable-read snapshot: memory does not grow with the log, and entries written meanwhile do not disturb
 * the walk. Reports the first problem it meets.
 */
@Service
public class AuditChain {

    static final byte[] ZERO = new byte[32];
    private static final HexFormat HEX = HexFormat.of();

    private final JdbcTemplate streaming;
    private final TransactionTemplate snapshot;
    private final JsonMapper json;

    AuditChain(DataSource dataSource, PlatformTransactionManager tx, JsonMapper json) {
        this.streaming = new JdbcTemplate(dataSource);
        this.streaming.setFetchSize(2000); // a cursor: PostgreSQL streams only inside a transaction
        this.snapshot = new TransactionTemplate(tx);
        this.snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
        this.snapshot.setReadOnly(true);
        this.json = json;
    }

    /** What is wrong with the log: an entry changed, entries missing, or an entry that is not in the chain. */
    public enum Kind { ALTERED, DELETED, INSERTED }

    /** The first problem: the entry it is found at (null when the log ends), its time, and what is wrong. */
    public record Problem(Kind kind, Long entryId, Instant at, String message) {
    }

    /** The result: intact or not, how many entries and transactions (blocks) were checked, the first problem. */
    public record Verification(boolean intact, long entries, long blocks, Problem problem) {
    }

    public Verification verify() {
        return snapshot.execute(status -> walk());
    }

    private Verification walk() {
        Map<String, Object> anchor = streaming.queryForMap("select seq, hash from audit_chain_anchor");
        Map<String, Object> head = streaming.queryForMap("select seq, hash from audit_chain_head");
        Walker w = new Walker(((Number) anchor.get("seq")).longValue(), (byte[]) anchor.get("hash"));
        Problem anchorProblem = checkAnchor(w.expectedSeq - 1, (byte[]) anchor.get("hash"));
        streaming.query(Unscoped.because("chain verification for the audit administrator, all entries by design") + """
                select b.seq, b.id as bid, b.entries, b.max_at_us, b.last_entry_hash, b.prev_hash, b.hash as bhash,
                       a.id, a.pos, a.at, (extract(epoch from a.at) * 1000000)::bigint as at_us, a.actor_id,
                       a.actor_username, a.action, a.entity_type, a.entity_id, a.summary,
                       a.before_data::text as before_data, a.after_data::text as after_data, a.remote_addr,
                       a.hash as ehash
                from audit_block b left join audit_log a on a.block_id = b.id
                where b.seq is not null
                order by b.seq, a.pos, a.id""", (RowCallbackHandler) w);
        if (w.problem == null) {
            w.endBlock();
        }
        if (w.problem == null) {
            long headSeq = ((Number) head.get("seq")).longValue();
            byte[] headHash = (byte[]) head.get("hash");
            if (headSeq > w.lastSeq) {
                w.fail(Kind.DELETED, null, null, "审计日志末尾的记录被删除：" + after(w.lastId, w.lastAt)
                        + "还应有 " + (headSeq - w.lastSeq) + " 个事务写入的记录");
            } else if (headSeq < w.lastSeq || !Arrays.equals(headHash, w.prevBlockHash)) {
                w.fail(Kind.ALTERED, w.lastId, w.lastAt, "哈希链的链头记录与日志不符（链头被改动）");
            }
        }
        if (w.problem == null && anchorProblem != null) {
            w.problem = anchorProblem;
        }
        if (w.problem == null) {
            // entries written with the trigger bypassed, or into a block that was never linked into the chain
            streaming.query(Unscoped.because("chain verification for the audit administrator, all entries by design") + """
                    select a.id, a.at from audit_log a
                    where a.block_id is null
                       or not exists (select 1 from audit_block b where b.id = a.block_id and b.seq is not null)
                    order by a.id limit 1""", (RowCallbackHandler) rs -> {
                Instant at = rs.getTimestamp("at").toInstant();
                w.fail(Kind.INSERTED, rs.getLong("id"), at,
                        "记录 " + rs.getLong("id") + "（" + t(at) + "）不在哈希链中：它是绕过审计写入而插入的");
            });
        }
        return new Verification(w.problem == null, w.entries, w.blocks, w.problem);
    }

    /** A chain that starts later than its first block was cut by a purge, which recorded where it cut. */
    private Problem checkAnchor(long anchorSeq, byte[] anchorHash) {
        if (anchorSeq == 0 && Arrays.equals(anchorHash, ZERO)) {
            return null;
        }
        var purges = streaming.queryForList(Unscoped.because("chain verification for the audit administrator, all entries by design") + """
                select id, at, after_data::text as after_data from audit_log
                where action = 'PURGE' and entity_type = 'AuditLog' order by id desc limit 1""");
        if (!purges.isEmpty()) {
            JsonNode after = json.readTree((String) purges.get(0).get("after_data"));
            if (after.path("anchorSeq").asLong(-1) == anchorSeq
                    && HEX.formatHex(anchorHash).equals(after.path("anchorHash").asString(""))) {
                return null;
            }
        }
        return new Problem(Kind.DELETED, null, null,
                "哈希链的起点（第 " + anchorSeq + " 个事务之后）没有对应的按期清理记录：早期记录可能被删除");
    }

    private static final java.time.format.DateTimeFormatter TIME =
            java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(java.time.ZoneId.systemDefault());

    /** A time on the users' clock (GanxunApplication sets the default zone to it). */
    static String t(Instant at) {
        return at == null ? "" : TIME.format(at);
    }

    private static String after(Long id, Instant at) {
        return id == null ? "" : "在记录 " + id + "（" + t(at) + "）之后";
    }

    /** Walks the rows of the chain query; stops looking at the first problem. */
    private final class Walker implements RowCallbackHandler {
        final MessageDigest sha = sha256();
        long expectedSeq;
        byte[] prevBlockHash;
        long entries;
        long blocks;
        Problem problem;
        long lastSeq;
        Long lastId;
        Instant lastAt;
        // the block being read
        long seq = -1;
        int declared;
        byte[] lastEntryHash;
        int pos;
        byte[] entryHash;

        Walker(long anchorSeq, byte[] anchorHash) {
            this.expectedSeq = anchorSeq + 1;
            this.prevBlockHash = anchorHash;
            this.lastSeq = anchorSeq;
        }

        void fail(Kind kind, Long id, Instant at, String message) {
            if (problem == null) {
                problem = new Problem(kind, id, at, message);
            }
        }

        @Override
        public void processRow(ResultSet rs) throws SQLException {
            if (problem != null) {
                return; // drain the cursor; the first problem is the answer
            }
            long s = rs.getLong("seq");
            Long id = rs.getObject("id") == null ? null : rs.getLong("id");
            Instant at = id == null ? null : rs.getTimestamp("at").toInstant();
            if (s != seq) {
                if (seq >= 0) {
                    endBlock();
                    if (problem != null) {
                        return;
                    }
                }
                startBlock(rs, s, id, at);
                if (problem != null) {
                    return;
                }
            }
            if (id == null) {
                return; // a block without entries: endBlock says what is missing
            }
            int p = rs.getInt("pos");
            if (p <= pos || p > declared) {
                fail(Kind.INSERTED, id, at, "记录 " + id + "（" + t(at) + "）是插入哈希链的：所在事务只写过 " + declared
                        + " 条记录，它占用的位置 " + p + " 已有或不存在");
                return;
            }
            if (p > pos + 1) {
                fail(Kind.DELETED, id, at, "记录 " + lastId + "（" + t(lastAt) + "）与记录 " + id + "（" + t(at) + "）之间缺少 "
                        + (p - pos - 1) + " 条同一事务写入的记录（已被删除）");
                return;
            }
            sha.update(entryHash);
            sha.update(entryCanon(rs).getBytes(StandardCharsets.UTF_8));
            byte[] h = sha.digest();
            if (!Arrays.equals(h, rs.getBytes("ehash"))) {
                fail(Kind.ALTERED, id, at, "记录 " + id + "（" + t(at) + "）写入后被修改：内容与哈希不符");
                return;
            }
            pos = p;
            entryHash = h;
            entries++;
            lastId = id;
            lastAt = at;
        }

        private void startBlock(ResultSet rs, long s, Long firstId, Instant firstAt) throws SQLException {
            if (s > expectedSeq) {
                fail(Kind.DELETED, firstId, firstAt, (lastId == null ? "在记录 " + firstId + "（" + t(firstAt) + "）之前"
                        : "记录 " + lastId + "（" + t(lastAt) + "）与记录 " + firstId + "（" + t(firstAt) + "）之间")
                        + "，" + (s - expectedSeq) + " 个事务写入的全部记录被删除");
                return;
            }
            byte[] prev = rs.getBytes("prev_hash");
            declared = rs.getInt("entries");
            lastEntryHash = rs.getBytes("last_entry_hash");
            sha.update(prevBlockHash);
            sha.update(blockCanon(s, rs.getLong("bid"), declared, rs.getLong("max_at_us"), lastEntryHash)
                    .getBytes(StandardCharsets.UTF_8));
            byte[] h = sha.digest();
            if (s < expectedSeq || !Arrays.equals(prev, prevBlockHash) || !Arrays.equals(h, rs.getBytes("bhash"))) {
                fail(Kind.ALTERED, firstId, firstAt, "记录 " + firstId + "（" + t(firstAt) + "）所在事务的链记录被改动"
                        + "（条数、时间或哈希与链不符）");
                return;
            }
            seq = s;
            pos = 0;
            entryHash = ZERO;
            prevBlockHash = h;
            expectedSeq = s + 1;
            lastSeq = s;
            blocks++;
        }

        void endBlock() {
            if (seq < 0) {
                return;
            }
            if (pos < declared) {
                fail(Kind.DELETED, lastId, lastAt, (pos == 0 ? "第 " + seq + " 个事务" : "记录 " + lastId + "（" + t(lastAt) + "）之后")
                        + "缺少 " + (declared - pos) + " 条同一事务写入的记录（已被删除）");
            } else if (!Arrays.equals(entryHash, lastEntryHash)) {
                fail(Kind.ALTERED, lastId, lastAt, "记录 " + lastId + "（" + t(lastAt) + "）所在事务的链记录与其记录不符");
            }
        }
    }

    /** The entry's canonical text, as V95's audit_entry_canon builds it. */
    static String entryCanon(ResultSet rs) throws SQLException {
        return "e1;" + field(rs.getString("id")) + field(rs.getString("bid")) + field(rs.getString("pos"))
                + field(rs.getString("at_us")) + field(rs.getString("actor_id")) + field(rs.getString("actor_username"))
                + field(rs.getString("action")) + field(rs.getString("entity_type")) + field(rs.getString("entity_id"))
                + field(rs.getString("summary")) + field(rs.getString("before_data")) + field(rs.getString("after_data"))
                + field(rs.getString("remote_addr"));
    }

    static String blockCanon(long seq, long id, int entries, long maxAtUs, byte[] lastEntryHash) {
        return "b1;" + field(Long.toString(seq)) + field(Long.toString(id)) + field(Integer.toString(entries))
                + field(Long.toString(maxAtUs)) + field(lastEntryHash == null ? null : HEX.formatHex(lastEntryHash));
    }

    private static String field(String v) {
        return v == null ? "~" : v.getBytes(StandardCharsets.UTF_8).length + ":" + v;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
