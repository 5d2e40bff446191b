package org.ganxun.survey;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.ganxun.people.RankLevel;
import org.ganxun.people.StaffCategory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The analysis of a survey's returns, from the normalised answer values:
 * <ul>
 * <li>per question, the count and share of every option. The share is of the returns that answered the
 * question (for a multiple-choice question the shares add up to more than 100%), in percent rounded
 * half-up to one decimal;</li>
 * <li>cross-tabulation of the choice questions by respondent group: rank level, staff category, township,
 * age band (a return without the fact falls in 未填写, except that a respondent without a rank level whose staff
 * category has none - a village (community) cadre, staff outside the civil service - is grouped as what they are,
 * see {@link #RANK_GROUP});</li>
 * <li>ranking questions scored by Borda count: with n options, rank r earns n − r + 1 points; an option's
 * score is the sum over all returns, its average score that sum divided by the returns that answered;</li>
 * <li>rating questions: counts and the mean;</li>
 * <li>open answers: HanLP segmentation, stop words removed, keywords counted by the number of answers that
 * mention them, and the answers that mention most of the top keywords shown as representative.</li>
 * </ul>
 * One SQL statement does all counting of the non-open questions: a GROUP BY (question, value, respondent group)
 * over the value rows, which carry their return's group id (no join to the returns), rolled up by GROUPING SETS
 * into the overall figures and the four cross-tabs. Keywords are segmented when an answer is stored and only
 * counted here ({@link OpenAnswers#fromStored}).
 */
@Service
public class SurveyAnalysis {

    static final String NOT_GIVEN = "未填写";

    /** The rank-level groups of respondents who have no rank level, not because it was left out (see {@link #RANK_GROUP}). */
    static final String VILLAGE = "VILLAGE", UNGRADED = "UNGRADED";

    /**
     * The rank-level group of a respondent (columns rank_level, staff_category): the rank level; with none, a village
     * (community) cadre is {@link #VILLAGE} (村（社区）干部) and other staff outside the civil service (事业、国企人员,
     * 大学生村官) are {@link #UNGRADED} (无职级人员). A civil servant without one, or a return whose staff category is
     * unknown too, has left it out: null, 未填写.
     */
    static final String RANK_GROUP = """
            case when rank_level is not null then rank_level
                 when staff_category = 'VILLAGE_CADRE' then 'VILLAGE'
                 when staff_category not in ('CIVIL_SERVANT', 'CIVIL_SERVANT_EQUIVALENT') then 'UNGRADED' end""";

    /**
     * The counts of the choice questions (single, multiple, rating): (question, value, respondent group) cells, rolled
     * up into the overall figures (grouping 15) and one cross-tab per dimension (see {@link Dimension#grouping}).
     */
    static final String CHOICE_COUNTS = """
                with cell as (
                    select question, value, group_id, count(*) as n, count(*) filter (where first) as answered
                    from survey_answer_value
                    where survey_id = :s and question = any(:choice)
                    group by question, value, group_id)
                select c.question, c.value, grouping(g.rank_level, g.staff_category, g.township, g.age_band),
                       g.rank_level, g.staff_category, g.township, g.age_band,
                       sum(c.n), sum(c.answered)
                from cell c join (select id, %s as rank_level, staff_category, township, age_band
                                  from survey_respondent_group) g on g.id = c.group_id
                group by grouping sets ((c.question, c.value), (c.question, c.value, g.rank_level), (c.question, c.value, g.staff_category),
                                        (c.question, c.value, g.township), (c.question, c.value, g.age_band))""".formatted(RANK_GROUP);

    /** The counts of the other non-open values (ranking, matrix rows): overall only, with the ranking sums. */
    static final String OTHER_COUNTS = """
            select question, value, count(*), count(*) filter (where first), coalesce(sum(rank), 0), count(*) filter (where rank = 1)
            from survey_answer_value
            where survey_id = :s and not (question = any(:choiceOrOpen))
            group by question, value""";

    /** The respondents' profile and the number of returns (grouping 15); in each dimension the largest group first, 未填写 last. */
    static final String PROFILE = """
            select grouping(rank_level, staff_category, township, age_band), rank_level, staff_category, township, age_band, count(*)
            from (select %s as rank_level, staff_category, township, age_band from survey_return where survey_id = ?) r
            group by grouping sets ((), (rank_level), (staff_category), (township), (age_band))
            order by 1, coalesce(rank_level, staff_category, township, age_band) is null, 6 desc, 2, 3, 4, 5""".formatted(RANK_GROUP);

    /**
     * Runs the independent statements of an analysis side by side (PostgreSQL runs each in its own process; on two
     * cores the analysis takes about as long as its longest statement instead of the sum).
     */
    private static final java.util.concurrent.ExecutorService SIDE = java.util.concurrent.Executors.newFixedThreadPool(2, r -> {
        Thread t = new Thread(r, "survey-analysis");
        t.setDaemon(true);
        return t;
    });

    private final JdbcClient jdbc;
    private final Surveys surveys;
    private final OpenAnswers openAnswers;

    private final org.springframework.transaction.support.TransactionTemplate readOnly;

    SurveyAnalysis(JdbcClient jdbc, Surveys surveys, OpenAnswers openAnswers, org.springframework.transaction.PlatformTransactionManager txm) {
        this.readOnly = new org.springframework.transaction.support.TransactionTemplate(txm);
        this.readOnly.setReadOnly(true);
        this.jdbc = jdbc;
        this.surveys = surveys;
        this.openAnswers = openAnswers;
    }

    public enum Dimension {
        RANK_LEVEL("职级", "rank_level", 7), STAFF_CATEGORY("人员类别", "staff_category", 11),
        TOWNSHIP("乡镇（单位）", "township", 13), AGE_BAND("年龄段", "age_band", 14);

        final String label;
        final String column;
        final int grouping;

        Dimension(String label, String column, int grouping) {
            this.label = label;
            this.column = column;
            this.grouping = grouping;
        }

        String labelOf(String value) {
            if (value == null) {
                return NOT_GIVEN;
            }
            return switch (this) {
                case RANK_LEVEL -> switch (value) {
                    case VILLAGE -> "村（社区）干部";
                    case UNGRADED -> "无职级人员";
                    default -> Surveys.label(RankLevel.class, value);
                };
                case STAFF_CATEGORY -> Surveys.label(StaffCategory.class, value);
                case AGE_BAND -> SurveyReturns.AgeBand.parse(value) == null ? value : SurveyReturns.AgeBand.parse(value).label;
                case TOWNSHIP -> value;
            };
        }

        public String label() {
            return label;
        }
    }

    public record OptionCount(String value, String text, long count, double share) {
    }

    public record GroupColumn(String group, String label, long answered, List<OptionCount> options) {
    }

    public record CrossTab(Dimension dimension, String dimensionLabel, List<GroupColumn> groups) {
    }

    public record RankItem(String value, String text, long score, double averageScore, long firstPlace) {
    }

    public record MatrixRow(String row, String text, long answered, List<OptionCount> options) {
    }

    public record QuestionResult(int number, String name, String type, String title, boolean topic, long answered,
                                 List<OptionCount> options, List<MatrixRow> rows, List<RankItem> ranking, Double average,
                                 List<OpenAnswers.Keyword> keywords, List<String> representative, List<CrossTab> crossTabs) {
    }

    public record GroupCount(String group, String label, long count, double share) {
    }

    public record Analysis(long surveyId, String title, long returns, Map<Dimension, List<GroupCount>> respondents,
                           List<QuestionResult> questions) {
    }

    @Transactional(readOnly = true)
    public Analysis analyse(long surveyId) {
        return compute(surveys.requireVisible(surveyId));
    }

    /** Without the access check: for the report and the proposals, which have checked already. */
    @Transactional(readOnly = true)
    public Analysis compute(Surveys.Survey s) {
        // the aggregates hash in memory; the default 4MB makes PostgreSQL sort and spill to disk
        jdbc.sql("set local work_mem = '256MB'").update();
        SurveyModel model = SurveyModel.parse(s.model());
        List<String> choiceQuestions = model.questions().stream()
                .filter(q -> !q.open() && !q.type().equals("matrix") && !q.type().equals("ranking")).map(SurveyModel.Question::name).toList();
        String[] openQuestions = model.questions().stream().filter(SurveyModel.Question::open).map(SurveyModel.Question::name)
                .toArray(String[]::new);

        String[] choice = choiceQuestions.toArray(new String[0]);
        String[] choiceOrOpen = java.util.stream.Stream.concat(choiceQuestions.stream(), java.util.Arrays.stream(openQuestions)).toArray(String[]::new);

        // side by side with the choice counts below: the open answers' keywords, and the ranking/matrix counts with the profile
        record Other(String question, String value, long count, long answered, long rankSum, long first) {
        }
        record Profile(int grouping, String rank, String staff, String township, String age, long count) {
        }
        record Side(List<Other> other, List<Profile> profile) {
        }
        var openF = java.util.concurrent.CompletableFuture.supplyAsync(() -> side(() -> openQuestions.length == 0
                ? Map.<String, OpenAnswers.Result>of() : openAnswers.fromStored(s.id(), openQuestions)), SIDE);
        var sideF = java.util.concurrent.CompletableFuture.supplyAsync(() -> side(() -> new Side(
                jdbc.sql(OTHER_COUNTS).param("s", s.id()).param("choiceOrOpen", choiceOrOpen)
                        .query((rs, i) -> new Other(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getLong(4), rs.getLong(5), rs.getLong(6)))
                        .list(),
                jdbc.sql(PROFILE).param(s.id()).query((rs, i) -> new Profile(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getLong(6))).list())), SIDE);

        // every count of the choice questions in one statement: the values are first grouped by (question, value,
        // respondent group) - one pass, no join - then those few cells are rolled up by grouping sets into the overall
        // figures and each dimension's cross-tab. Per cell: the values and the returns answering (the first value of
        // the question in the return).
        Map<String, Long> answeredOverall = new HashMap<>();
        record Total(long count, long rankSum, long first) {
        }
        Map<String, Map<String, Total>> overall = new HashMap<>();
        Map<String, Map<Dimension, Map<String, Map<String, Long>>>> byGroup = new HashMap<>();
        Map<String, Map<Dimension, Map<String, Long>>> answeredByGroup = new HashMap<>();
        jdbc.sql(CHOICE_COUNTS)
                .param("s", s.id()).param("choice", choice)
                .query(rs -> {
                    String question = rs.getString(1);
                    String value = rs.getString(2);
                    int grouping = rs.getInt(3);
                    long count = rs.getLong(8);
                    long answered = rs.getLong(9);
                    if (grouping == 15) {
                        answeredOverall.merge(question, answered, Long::sum);
                        overall.computeIfAbsent(question, k -> new HashMap<>()).put(value, new Total(count, 0, 0));
                    } else if (choiceQuestions.contains(question)) {
                        Dimension d = dimensionOf(grouping);
                        String g = groupValue(d, rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7));
                        byGroup.computeIfAbsent(question, k -> new HashMap<>()).computeIfAbsent(d, k -> new HashMap<>())
                                .computeIfAbsent(g, k -> new HashMap<>()).merge(value, count, Long::sum);
                        answeredByGroup.computeIfAbsent(question, k -> new LinkedHashMap<>()).computeIfAbsent(d, k -> new LinkedHashMap<>())
                                .merge(g, answered, Long::sum);
                    }
                });

        Side side = join(sideF);
        for (Other o : side.other()) {
            answeredOverall.merge(o.question(), o.answered(), Long::sum);
            overall.computeIfAbsent(o.question(), k -> new HashMap<>()).put(o.value(), new Total(o.count(), o.rankSum(), o.first()));
        }
        // the respondents' profile and the number of returns
        Map<Dimension, List<GroupCount>> respondents = new LinkedHashMap<>();
        for (Dimension d : Dimension.values()) {
            respondents.put(d, new ArrayList<>());
        }
        long returns = side.profile().stream().filter(p -> p.grouping() == 15).mapToLong(Profile::count).findFirst().orElse(0);
        for (Profile p : side.profile()) {
            if (p.grouping() != 15) {
                Dimension d = dimensionOf(p.grouping());
                String g = rawValue(d, p.rank(), p.staff(), p.township(), p.age());
                respondents.get(d).add(new GroupCount(g, d.labelOf(g), p.count(), share(p.count(), returns)));
            }
        }
        // open questions: the returns answering, keywords and representative answers
        Map<String, OpenAnswers.Result> open = join(openF);
        open.forEach((q, r) -> answeredOverall.put(q, r.answers()));

        List<QuestionResult> results = new ArrayList<>();
        for (SurveyModel.Question q : model.questions()) {
            long n = answeredOverall.getOrDefault(q.name(), 0L);
            Map<String, Total> counts = overall.getOrDefault(q.name(), Map.of());
            List<OptionCount> options = List.of();
            List<MatrixRow> rows = List.of();
            List<RankItem> ranking = List.of();
            Double average = null;
            List<CrossTab> crossTabs = List.of();
            List<OpenAnswers.Keyword> keywords = List.of();
            List<String> representative = List.of();
            switch (q.type()) {
                case "matrix" -> {
                    List<MatrixRow> mr = new ArrayList<>();
                    for (SurveyModel.Choice row : q.rows()) {
                        String key = q.name() + "." + row.value();
                        long rn = answeredOverall.getOrDefault(key, 0L);
                        Map<String, Total> rc = overall.getOrDefault(key, Map.of());
                        mr.add(new MatrixRow(row.value(), row.text(), rn, q.columns().stream()
                                .map(c -> option(c, rc.containsKey(c.value()) ? rc.get(c.value()).count() : 0, rn)).toList()));
                        n = Math.max(n, rn);
                    }
                    rows = mr;
                }
                case "ranking" -> {
                    int size = q.choices().size();
                    long answeredN = n;
                    ranking = q.choices().stream().map(c -> {
                        Total cell = counts.get(c.value());
                        long score = cell == null ? 0 : cell.count() * (size + 1L) - cell.rankSum();
                        return new RankItem(c.value(), c.text(), score, answeredN == 0 ? 0 : round2(score / (double) answeredN),
                                cell == null ? 0 : cell.first());
                    }).sorted(Comparator.comparingLong(RankItem::score).reversed()).toList();
                }
                case "comment", "text" -> {
                    OpenAnswers.Result r = open.get(q.name());
                    if (r != null) {
                        keywords = r.keywords();
                        representative = r.representative();
                    }
                }
                default -> {
                    long total = n;
                    options = q.choices().stream().map(c -> option(c, counts.containsKey(c.value()) ? counts.get(c.value()).count() : 0, total))
                            .toList();
                    if (q.type().equals("rating") && n > 0) {
                        double sum = 0;
                        boolean numeric = true;
                        for (OptionCount o : options) {
                            try {
                                sum += Double.parseDouble(o.value()) * o.count();
                            } catch (NumberFormatException e) {
                                numeric = false;
                            }
                        }
                        average = numeric ? round2(sum / n) : null;
                    }
                    crossTabs = crossTabs(q, byGroup.getOrDefault(q.name(), Map.of()), answeredByGroup.getOrDefault(q.name(), Map.of()));
                }
            }
            results.add(new QuestionResult(q.number(), q.name(), q.type(), q.title(), q.topic(), n, options, rows, ranking, average,
                    keywords, representative, crossTabs));
        }
        return new Analysis(s.id(), s.title(), returns, respondents, results);
    }

    /** A side statement: its own read-only transaction and connection, with the analysis's work_mem. */
    private <T> T side(java.util.function.Supplier<T> work) {
        return readOnly.execute(status -> {
            jdbc.sql("set local work_mem = '256MB'").update();
            return work.get();
        });
    }

    private static <T> T join(java.util.concurrent.CompletableFuture<T> f) {
        try {
            return f.join();
        } catch (java.util.concurrent.CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw e;
        }
    }

    private static List<CrossTab> crossTabs(SurveyModel.Question q, Map<Dimension, Map<String, Map<String, Long>>> counts,
                                            Map<Dimension, Map<String, Long>> answered) {
        List<CrossTab> out = new ArrayList<>();
        for (Dimension d : Dimension.values()) {
            Map<String, Long> groups = answered.getOrDefault(d, Map.of());
            Map<String, Map<String, Long>> c = counts.getOrDefault(d, Map.of());
            List<GroupColumn> cols = new ArrayList<>();
            groups.entrySet().stream()
                    .sorted(Comparator.comparing((Map.Entry<String, Long> e) -> NOT_GIVEN.equals(e.getKey()))
                            .thenComparing(Map.Entry.<String, Long>comparingByValue().reversed()).thenComparing(Map.Entry.comparingByKey()))
                    .forEach(g -> {
                        Map<String, Long> vc = c.getOrDefault(g.getKey(), Map.of());
                        cols.add(new GroupColumn(g.getKey(), d.labelOf(NOT_GIVEN.equals(g.getKey()) ? null : g.getKey()), g.getValue(),
                                q.choices().stream().map(ch -> option(ch, vc.getOrDefault(ch.value(), 0L), g.getValue())).toList()));
                    });
            out.add(new CrossTab(d, d.label, cols));
        }
        return out;
    }

    private static Dimension dimensionOf(int grouping) {
        for (Dimension d : Dimension.values()) {
            if (d.grouping == grouping) {
                return d;
            }
        }
        throw new IllegalStateException("grouping " + grouping);
    }

    private static String groupValue(Dimension d, String rank, String staff, String township, String age) {
        String v = rawValue(d, rank, staff, township, age);
        return v == null ? NOT_GIVEN : v;
    }

    private static String rawValue(Dimension d, String rank, String staff, String township, String age) {
        return switch (d) {
            case RANK_LEVEL -> rank;
            case STAFF_CATEGORY -> staff;
            case TOWNSHIP -> township;
            case AGE_BAND -> age;
        };
    }

    private static OptionCount option(SurveyModel.Choice c, long count, long of) {
        return new OptionCount(c.value(), c.text(), count, share(count, of));
    }

    /** Percent with one decimal, rounded half-up. */
    static double share(long count, long of) {
        if (of == 0) {
            return 0;
        }
        return java.math.BigDecimal.valueOf(count * 100L).divide(java.math.BigDecimal.valueOf(of), 1, java.math.RoundingMode.HALF_UP).doubleValue();
    }

    static double round2(double v) {
        return java.math.BigDecimal.valueOf(v).setScale(2, java.math.RoundingMode.HALF_UP).doubleValue();
    }
}
