package org.ganxun.secondment.internal;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.ganxun.secondment.Direction;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Secondment statistics by year (of the posting's start), direction and sending organisation: people
 * sent, completed (the posting's last day is before the date of the statistics), final grades, and
 * promoted within two years after: a post-history period starting after the posting's last day and at
 * most two years later, with a higher rank than the one held on that last day (rank order:
 * {@code secondment_rank_value} in V40).
 */
@Service
public class SecondmentStatistics {

    private final JdbcClient jdbc;
    private final SecondmentAccess access;
    private final Clock clock;

    SecondmentStatistics(JdbcClient jdbc, SecondmentAccess access, Clock clock) {
        this.clock = clock;
        this.jdbc = jdbc;
        this.access = access;
    }

    public record Row(Integer year, Direction direction, String directionLabel, Long sendingOrgId, String sendingOrgName,
                      long sent, long completed, long evaluated, long excellent, long competent, long basic, long incompetent,
                      long promotedWithinTwoYears) {
    }

    public record Report(LocalDate asOf, List<Row> rows, Row total) {
    }

    static final String PROMOTED = """
            exists (select 1 from post_history h
                    where h.cadre_id = sp.cadre_id and h.started_on > sp.ends_on
                      and h.started_on <= (sp.ends_on + interval '2 years')::date
                      and secondment_rank_value(h.rank_level, h.rank_grade) > coalesce(
                          (select secondment_rank_value(h0.rank_level, h0.rank_grade) from post_history h0
                           where h0.cadre_id = sp.cadre_id and h0.started_on <= sp.ends_on
                           order by h0.started_on desc, h0.id desc limit 1), -1))""";

    @Transactional(readOnly = true)
    public Report report(Integer fromYear, Integer toYear, Direction direction, LocalDate asOf) {
        LocalDate on = asOf == null ? LocalDate.now(clock) : asOf;
        Map<String, Object> p = access.params();
        p.put("asOf", on);
        StringBuilder w = new StringBuilder(" where sp.status = 'ACTIVE' and ").append(SecondmentAccess.POSTING_VISIBLE);
        if (fromYear != null) {
            w.append(" and extract(year from sp.starts_on) >= :fromYear");
            p.put("fromYear", fromYear);
        }
        if (toYear != null) {
            w.append(" and extract(year from sp.starts_on) <= :toYear");
            p.put("toYear", toYear);
        }
        if (direction != null) {
            w.append(" and pr.direction = :direction");
            p.put("direction", direction.name());
        }
        List<Row> rows = new ArrayList<>(jdbc.sql("""
                select extract(year from sp.starts_on)::int as yr, pr.direction, sp.sending_org_id, so.name as sending_name,
                       min(so.path) as sending_path,
                       count(*) as sent,
                       count(*) filter (where sp.ends_on < :asOf) as completed,
                       count(fe.id) as evaluated,
                       count(*) filter (where fe.grade = 'EXCELLENT') as excellent,
                       count(*) filter (where fe.grade = 'COMPETENT') as competent,
                       count(*) filter (where fe.grade = 'BASICALLY_COMPETENT') as basic,
                       count(*) filter (where fe.grade = 'INCOMPETENT') as incompetent,
                       count(*) filter (where sp.ends_on < :asOf and\s""" + PROMOTED + """
                ) as promoted
                from secondment_posting sp
                join secondment_programme pr on pr.id = sp.programme_id
                join org_unit op on op.id = pr.organiser_org_id
                join org_unit so on so.id = sp.sending_org_id
                join org_unit ro on ro.id = sp.receiving_org_id
                left join secondment_evaluation fe on fe.posting_id = sp.id and fe.kind = 'FINAL'
                """ + w + " group by yr, pr.direction, sp.sending_org_id, so.name order by yr desc, pr.direction, tree_path_key(min(so.path))")
                .params(p)
                .query((rs, i) -> {
                    Direction d = Direction.valueOf(rs.getString("direction"));
                    return new Row(rs.getInt("yr"), d, d.label(), rs.getLong("sending_org_id"), rs.getString("sending_name"),
                            rs.getLong("sent"), rs.getLong("completed"), rs.getLong("evaluated"), rs.getLong("excellent"),
                            rs.getLong("competent"), rs.getLong("basic"), rs.getLong("incompetent"), rs.getLong("promoted"));
                }).list());
        Row total = new Row(null, null, "合计", null, null,
                rows.stream().mapToLong(Row::sent).sum(), rows.stream().mapToLong(Row::completed).sum(),
                rows.stream().mapToLong(Row::evaluated).sum(), rows.stream().mapToLong(Row::excellent).sum(),
                rows.stream().mapToLong(Row::competent).sum(), rows.stream().mapToLong(Row::basic).sum(),
                rows.stream().mapToLong(Row::incompetent).sum(), rows.stream().mapToLong(Row::promotedWithinTwoYears).sum());
        return new Report(on, rows, total);
    }
}
