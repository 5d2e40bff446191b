package org.ganxun.archive.internal;

import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import org.ganxun.platform.db.SqlArrays;
import org.ganxun.platform.security.Unscoped;
import org.ganxun.training.ArchivedTraining;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Training's candidate list asks the archive what people had beyond this system's classes ({@link ArchivedTraining}). */
@Component
class ArchivedTrainingOfCandidates implements ArchivedTraining {

    // concentrated training that did not come from this system's classes (those carry source_ref TC-<class id>)
    private static final String COURSES = """
            source in ('CLASS_COMPLETION', 'EXTERNAL_TRAINING') and coalesce(source_ref, '') not like 'TC-%'
              and coalesce(started_on, credited_on) > :archiveSince""";

    private final JdbcClient jdbc;

    ArchivedTrainingOfCandidates(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public List<Course> coursesSince(Collection<Long> cadreIds, LocalDate since) {
        if (cadreIds.isEmpty()) {
            return List.of();
        }
        return jdbc.sql(Unscoped.ofChecked("candidate list", "the scoped roster search") + """
                select cadre_id, title, coalesce(started_on, credited_on), coalesce(ended_on, started_on, credited_on)
                from approved_credit where cadre_id = any(:ids) and\s""" + COURSES + " order by 3 desc")
                .param("ids", SqlArrays.of("bigint", cadreIds.toArray(Long[]::new))).param("archiveSince", since)
                .query((rs, i) -> new Course(rs.getLong(1), rs.getString(2), rs.getObject(3, LocalDate.class), rs.getObject(4, LocalDate.class)))
                .list();
    }

    @Override
    public SummariesSql summaries(String cadreIdsSelect, LocalDate since, int year) {
        return new SummariesSql("""
                select cadre_id, count(*) filter (where\s""" + COURSES + """
                ) as courses, max(coalesce(ended_on, started_on, credited_on)) filter (where\s""" + COURSES + """
                ) as last_on, coalesce(sum(hours) filter (where credited_on >= :archiveYearStart and credited_on < :archiveYearEnd), 0) as hours
                from approved_credit where cadre_id in (""" + cadreIdsSelect + ") group by cadre_id",
                Map.of("archiveSince", since, "archiveYearStart", LocalDate.of(year, 1, 1), "archiveYearEnd", LocalDate.of(year + 1, 1, 1)));
    }
}
