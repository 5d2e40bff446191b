package org.ganxun.survey;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Open answers stored before keywords were kept with them (migration V51 marks their surveys
 * {@code keywords_ready = false}): segmented once at startup, a survey per transaction, so that the analysis
 * only counts stored keywords. Until a survey is done its analysis segments in memory (the old path), so the
 * figures never depend on whether the backfill has run.
 */
@Component
class SurveyKeywordBackfill {

    private static final Logger log = LoggerFactory.getLogger(SurveyKeywordBackfill.class);
    private static final int BATCH = 1000;

    private final JdbcClient jdbc;
    private final OpenAnswers openAnswers;
    private final TransactionTemplate tx;
    private final JsonMapper json;

    SurveyKeywordBackfill(JdbcClient jdbc, OpenAnswers openAnswers, TransactionTemplate tx, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
        this.openAnswers = openAnswers;
        this.tx = tx;
    }

    @EventListener(ApplicationReadyEvent.class)
    void atStartup() {
        List<Long> pending = jdbc.sql("select id from survey where not keywords_ready order by id").query(Long.class).list();
        for (long id : pending) {
            try {
                int n = backfill(id);
                log.info("Survey {}: keywords of {} stored open answers segmented", id, n);
            } catch (RuntimeException e) {
                log.warn("Survey {}: keyword backfill failed, its analysis keeps segmenting in memory", id, e);
            }
        }
    }

    /** Segments the survey's open answers that have no keywords yet and marks the survey ready. */
    int backfill(long surveyId) {
        Integer done = tx.execute(status -> {
            String model = jdbc.sql("select model::text from survey where id = ? for update").param(surveyId).query(String.class).single();
            List<String> open = SurveyModel.parse(json.readTree(model)).questions().stream()
                    .filter(SurveyModel.Question::open).map(SurveyModel.Question::name).toList();
            record Row(long returnId, String question, String value) {
            }
            List<Row> rows = jdbc.sql("""
                    select return_id, question, value from survey_answer_value
                    where survey_id = :s and question = any(:open) and keywords is null""")
                    .param("s", surveyId).param("open", open.toArray(new String[0]))
                    .query((rs, i) -> new Row(rs.getLong(1), rs.getString(2), rs.getString(3))).list();
            for (int from = 0; from < rows.size(); from += BATCH) {
                List<Row> batch = rows.subList(from, Math.min(rows.size(), from + BATCH));
                jdbc.sql("""
                        update survey_answer_value v set keywords = t.keywords
                        from (select r, q, string_to_array(k, chr(31)) as keywords
                              from unnest(cast(:r as bigint[]), cast(:q as text[]), cast(:k as text[])) as u(r, q, k)) t
                        where v.return_id = t.r and v.question = t.q and v.keywords is null""")
                        .param("r", batch.stream().map(Row::returnId).toArray(Long[]::new))
                        .param("q", batch.stream().map(Row::question).toArray(String[]::new))
                        .param("k", batch.stream().map(r -> String.join("\u001f", openAnswers.words(r.value().strip()))).toArray(String[]::new))
                        .update();
            }
            jdbc.sql("update survey set keywords_ready = true where id = ?").param(surveyId).update();
            return rows.size();
        });
        return done == null ? 0 : done;
    }
}
