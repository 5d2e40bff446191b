package org.ganxun.exam;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.ganxun.audit.AuditLog;
import org.ganxun.platform.db.SqlArrays;
import org.ganxun.platform.excel.FileGuard;
import org.ganxun.platform.excel.FileType;
import org.ganxun.platform.excel.ImportLimits;
import org.ganxun.platform.excel.RowError;
import org.ganxun.platform.excel.SheetReader;
import org.ganxun.platform.security.CurrentScope;
import org.ganxun.platform.security.CurrentUser;
import org.ganxun.platform.security.CurrentUsers;
import org.ganxun.platform.security.DataScope;
import org.ganxun.platform.web.BusinessException;
import org.ganxun.platform.web.BusinessException.FieldProblem;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The question bank of a unit: questions typed in or imported from the exam offices' sheet (one sheet, a header row
 * with 题型, 题干, 选项A–F, 答案, 难度, 分类, 解析). A manager sees and uses the questions of the units in their scope.
 */
@Service
public class QuestionBank {

    /** Questions in one import at most (a bank of several thousand is imported in parts). */
    static final int MAX_IMPORT_ROWS = 3000;
    static final int HEADER_SEARCH_ROWS = 10;

    private final JdbcClient jdbc;
    private final CurrentScope scopes;
    private final AuditLog audit;
    private final ImportLimits limits;

    QuestionBank(JdbcClient jdbc, CurrentScope scopes, AuditLog audit, ImportLimits limits) {
        this.jdbc = jdbc;
        this.scopes = scopes;
        this.audit = audit;
        this.limits = limits;
    }

    public record Question(long id, QuestionKind kind, String kindLabel, String stem, List<String> options, String answer,
                           int difficulty, String difficultyLabel, String category, String explanation, String status,
                           long ownerOrgId, String ownerOrgName, OffsetDateTime createdAt) {
    }

    static final String SELECT = """
            select q.*, o.name as org_name from exam_question q join org_unit o on o.id = q.owner_org_id
            """;

    static Question row(ResultSet rs) throws SQLException {
        QuestionKind kind = QuestionKind.valueOf(rs.getString("kind"));
        Array a = rs.getArray("options");
        List<String> options = a == null ? List.of() : Arrays.asList((String[]) a.getArray());
        int d = rs.getInt("difficulty");
        return new Question(rs.getLong("id"), kind, kind.label(), rs.getString("stem"), options, rs.getString("answer"), d,
                QuestionForms.difficultyLabel(d), rs.getString("category"), rs.getString("explanation"), rs.getString("status"),
                rs.getLong("owner_org_id"), rs.getString("org_name"), rs.getObject("created_at", OffsetDateTime.class));
    }

    /** A page of the bank, with the number of questions the filter selects. */
    public record Page(List<Question> rows, long total, int page, int size) {
    }

    /**
     * A page of the questions of the units in my scope, filtered, in the bank's order (category, kind, entry):
     * a county's bank holds thousands of questions, and the browser gets one page.
     */
    public Page page(String category, QuestionKind kind, Integer difficulty, String q, int page, int size) {
        int pg = Math.max(page, 1);
        int sz = Math.min(Math.max(size, 1), 200);
        DataScope scope = scopes.current();
        Map<String, Object> p = new HashMap<>(scope.sqlParameters());
        StringBuilder where = new StringBuilder(" where q.status = 'ACTIVE' and " + scope.orgCondition("o.path"));
        if (category != null && !category.isBlank()) {
            where.append(" and q.category = :category");
            p.put("category", category.strip());
        }
        if (kind != null) {
            where.append(" and q.kind = :kind");
            p.put("kind", kind.name());
        }
        if (difficulty != null) {
            where.append(" and q.difficulty = :difficulty");
            p.put("difficulty", difficulty);
        }
        if (q != null && !q.isBlank()) {
            where.append(" and q.stem ilike :q escape '\\'");
            p.put("q", "%" + q.strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
        }
        long total = jdbc.sql("select count(*) from exam_question q join org_unit o on o.id = q.owner_org_id" + where)
                .params(p).query(Long.class).single();
        p.put("limit", sz);
        p.put("offset", (long) (pg - 1) * sz);
        List<Question> rows = jdbc.sql(SELECT + where + " order by q.category, q.kind, q.id limit :limit offset :offset")
                .params(p).query((rs, i) -> row(rs)).list();
        return new Page(rows, total, pg, sz);
    }

    /** Categories with counts by difficulty, for blueprints: {category, easy, medium, hard}. */
    public record CategoryCount(String category, int easy, int medium, int hard) {
    }

    public List<CategoryCount> categories() {
        DataScope scope = scopes.current();
        return jdbc.sql("""
                        select q.category, count(*) filter (where difficulty = 1), count(*) filter (where difficulty = 2),
                               count(*) filter (where difficulty = 3)
                        from exam_question q join org_unit o on o.id = q.owner_org_id
                        where q.status = 'ACTIVE' and """ + scope.orgCondition("o.path") + " group by q.category order by q.category")
                .params(scope.sqlParameters())
                .query((rs, i) -> new CategoryCount(rs.getString(1), rs.getInt(2), rs.getInt(3), rs.getInt(4))).list();
    }

    public Question get(long id) {
        Question q = jdbc.sql(SELECT + " where q.id = ?").param(id).query((rs, i) -> row(rs)).optional()
                .orElseThrow(() -> BusinessException.notFound("试题"));
        String path = jdbc.sql("select path from org_unit where id = ?").param(q.ownerOrgId()).query(String.class).single();
        if (!scopes.current().coversOrgPath(path)) {
            throw BusinessException.notFound("试题");
        }
        return q;
    }

    @Transactional
    public Question create(QuestionForm form) {
        QuestionForms.Clean c = checked(form);
        long owner = Owners.ownerOrg(jdbc, CurrentUsers.require());
        long id = insert(c, owner, CurrentUsers.require().username());
        Question q = get(id);
        audit.record("CREATE", "ExamQuestion", id, "新增试题：" + abbreviate(q.stem()), null, q);
        return q;
    }

    @Transactional
    public Question update(long id, QuestionForm form) {
        Question before = get(id);
        QuestionForms.Clean c = checked(form);
        jdbc.sql("""
                        update exam_question set kind = ?, stem = ?, options = ?, answer = ?, difficulty = ?, category = ?,
                                                 explanation = ? where id = ?""")
                .params(c.kind().name(), c.stem(), SqlArrays.of("text", c.options().toArray(new String[0])), c.answer(), c.difficulty(), c.category(),
                        c.explanation(), id).update();
        Question after = get(id);
        audit.record("UPDATE", "ExamQuestion", id, "修改试题：" + abbreviate(after.stem()), before, after);
        return after;
    }

    /** Retires a question: it stays on papers already drawn, new papers no longer draw it. */
    @Transactional
    public Question retire(long id) {
        Question before = get(id);
        jdbc.sql("update exam_question set status = 'RETIRED' where id = ?").param(id).update();
        Question after = get(id);
        audit.record("DELETE", "ExamQuestion", id, "停用试题：" + abbreviate(after.stem()), before, after);
        return after;
    }

    private static QuestionForms.Clean checked(QuestionForm form) {
        if (form == null) {
            throw new BusinessException("请填写试题");
        }
        List<FieldProblem> problems = new ArrayList<>();
        QuestionForms.Clean c = QuestionForms.check(form, problems);
        if (c == null) {
            throw new BusinessException(problems.get(0).message(), problems);
        }
        return c;
    }

    private long insert(QuestionForms.Clean c, long owner, String by) {
        return jdbc.sql("""
                        insert into exam_question (owner_org_id, kind, stem, options, answer, difficulty, category, explanation, created_by)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?) returning id""")
                .params(owner, c.kind().name(), c.stem(), SqlArrays.of("text", c.options().toArray(new String[0])), c.answer(), c.difficulty(), c.category(),
                        c.explanation(), by)
                .query(Long.class).single();
    }

    // ---- import ----

    /** The columns of the exam offices' sheet, and the other titles they go by. */
    enum Column {
        KIND("题型", "题目类型", "试题类型", "类型"), STEM("题干", "题目", "试题内容", "题目内容", "试题"),
        A("选项A", "A", "A选项"), B("选项B", "B", "B选项"), C("选项C", "C", "C选项"), D("选项D", "D", "D选项"),
        E("选项E", "E", "E选项"), F("选项F", "F", "F选项"),
        ANSWER("答案", "正确答案", "参考答案", "标准答案"), DIFFICULTY("难度", "难易程度", "难易度"), CATEGORY("分类", "类别", "知识点", "题目分类"),
        EXPLANATION("解析", "答案解析", "试题解析");

        final String title;
        final Set<String> names;

        Column(String title, String... others) {
            this.title = title;
            this.names = new HashSet<>(List.of(others));
            this.names.add(title);
        }

        static Column of(String header) {
            if (header == null) {
                return null;
            }
            String h = header.strip().replace(" ", "").replace("：", "").replace(":", "").toUpperCase();
            for (Column c : values()) {
                if (c.names.contains(h)) {
                    return c;
                }
            }
            return null;
        }
    }

    /** An import's outcome: nothing is imported when any row has an error (the clerk corrects the sheet and imports it again). */
    public record ImportResult(int imported, int skipped, int rows, List<RowError> errors) {
    }

    /**
     * Imports a sheet. The file is checked first (size, type by content, zip bombs, rows) by the platform's guards and
     * read as raw cells without evaluating formulas; a question already in the unit's bank (same type and stem) is
     * skipped, so importing a corrected sheet again does not double the bank.
     */
    public ImportResult importSheet(String fileName, InputStream body) throws IOException {
        CurrentUser me = CurrentUsers.require();
        byte[] data = body.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limits.maxBytes() + 1));
        int[] estimate = new int[1];
        FileType type = FileGuard.precheck(fileName == null ? "" : fileName, data, limits, estimate);
        if (estimate[0] > MAX_IMPORT_ROWS + HEADER_SEARCH_ROWS) {
            throw new BusinessException("一次最多导入" + MAX_IMPORT_ROWS + "道题，请拆分后分批导入");
        }
        List<SheetReader.RawRow> rows = new ArrayList<>();
        File temp = null;
        try {
            if (type != FileType.CSV) {
                temp = Files.createTempFile("ganxun-questions-", "." + type.name().toLowerCase()).toFile();
                Files.write(temp.toPath(), data);
            }
            SheetReader.read(type, temp, type == FileType.CSV ? data : null, row -> {
                rows.add(row);
                if (rows.size() > MAX_IMPORT_ROWS + HEADER_SEARCH_ROWS) {
                    throw new BusinessException("一次最多导入" + MAX_IMPORT_ROWS + "道题，请拆分后分批导入");
                }
                return true;
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (temp != null) {
                temp.delete();
            }
        }
        Parsed parsed = parse(rows);
        long owner = Owners.ownerOrg(jdbc, me);
        Set<String> existing = new HashSet<>(jdbc.sql("select kind || '|' || stem from exam_question where owner_org_id = ? and status = 'ACTIVE'")
                .param(owner).query(String.class).list());
        if (!parsed.errors().isEmpty()) {
            return new ImportResult(0, 0, parsed.questions().size() + parsed.errorRows(), parsed.errors());
        }
        int imported = 0, skipped = 0;
        for (QuestionForms.Clean c : parsed.questions()) {
            if (!existing.add(c.kind().name() + "|" + c.stem())) {
                skipped++;
                continue;
            }
            insert(c, owner, me.username());
            imported++;
        }
        audit.record("IMPORT", "ExamQuestion", null, "导入试题：" + (fileName == null ? "" : fileName) + "（导入" + imported + "道，跳过重复"
                + skipped + "道）", null, Map.of("file", fileName == null ? "" : fileName, "imported", imported, "skipped", skipped));
        return new ImportResult(imported, skipped, parsed.questions().size(), List.of());
    }

    record Parsed(List<QuestionForms.Clean> questions, List<RowError> errors, int errorRows) {
    }

    /** The rows of a sheet as questions, or each row's errors with its Excel row number and the column's title. */
    static Parsed parse(List<SheetReader.RawRow> rows) {
        int headerIndex = -1;
        Map<Column, Integer> columns = new java.util.EnumMap<>(Column.class);
        for (int i = 0; i < rows.size() && rows.get(i).excelRow() <= HEADER_SEARCH_ROWS; i++) {
            Map<Column, Integer> found = new java.util.EnumMap<>(Column.class);
            String[] texts = rows.get(i).texts();
            for (int c = 0; c < texts.length; c++) {
                Column col = Column.of(texts[c]);
                if (col != null && !found.containsKey(col)) {
                    found.put(col, c);
                }
            }
            if (found.containsKey(Column.KIND) && found.containsKey(Column.STEM)) {
                headerIndex = i;
                columns = found;
                break;
            }
        }
        if (headerIndex < 0) {
            throw new BusinessException("前" + HEADER_SEARCH_ROWS + "行中没有找到表头：表头应有“题型”“题干”“选项A”…“答案”“难度”“分类”“解析”等列");
        }
        for (Column required : List.of(Column.ANSWER, Column.CATEGORY)) {
            if (!columns.containsKey(required)) {
                throw new BusinessException("表头缺少“" + required.title + "”列");
            }
        }
        List<QuestionForms.Clean> questions = new ArrayList<>();
        List<RowError> errors = new ArrayList<>();
        int errorRows = 0;
        for (int i = headerIndex + 1; i < rows.size(); i++) {
            SheetReader.RawRow r = rows.get(i);
            if (r.blank()) {
                continue;
            }
            final Map<Column, Integer> cols = columns;
            java.util.function.Function<Column, String> cell = c -> cols.containsKey(c) ? r.text(cols.get(c)) : null;
            List<String> options = new ArrayList<>();
            for (Column c : List.of(Column.A, Column.B, Column.C, Column.D, Column.E, Column.F)) {
                options.add(cell.apply(c));
            }
            QuestionForm form = new QuestionForm(cell.apply(Column.KIND), cell.apply(Column.STEM), options,
                    cell.apply(Column.ANSWER), cell.apply(Column.DIFFICULTY), cell.apply(Column.CATEGORY), cell.apply(Column.EXPLANATION));
            List<FieldProblem> problems = new ArrayList<>();
            QuestionForms.Clean c = QuestionForms.check(form, problems);
            if (c == null) {
                errorRows++;
                for (FieldProblem p : problems) {
                    Column col = column(p.field());
                    String value = col == null ? null : cell.apply(col);
                    errors.add(new RowError(r.excelRow(), col == null ? p.field() : col.title, abbreviate(value), p.message()));
                }
                if (errors.size() >= 500) {
                    errors.add(new RowError(r.excelRow(), "", null, "错误过多，只列出前500条，请修正后重新导入"));
                    break;
                }
            } else {
                questions.add(c);
            }
        }
        if (questions.isEmpty() && errors.isEmpty()) {
            throw new BusinessException("表格中没有试题");
        }
        return new Parsed(questions, errors, errorRows);
    }

    private static Column column(String field) {
        return switch (field) {
            case "kind" -> Column.KIND;
            case "stem" -> Column.STEM;
            case "answer" -> Column.ANSWER;
            case "difficulty" -> Column.DIFFICULTY;
            case "category" -> Column.CATEGORY;
            case "explanation" -> Column.EXPLANATION;
            case "options" -> Column.A;
            default -> field.startsWith("option") && field.length() == 7 ? Column.valueOf(field.substring(6)) : null;
        };
    }

    static String abbreviate(String s) {
        return s == null || s.length() <= 40 ? s : s.substring(0, 40) + "…";
    }
}
