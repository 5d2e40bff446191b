package org.ganxun.survey;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import cn.idev.excel.FastExcel;
import org.ganxun.audit.AuditLog;
import org.ganxun.platform.web.BusinessException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Excel import of returns, one row a questionnaire, one column a question: our own template, and the
 * exports of 问卷星 / 腾讯问卷. A column is matched to a question by its title (with or without the
 * numbering "1、" / "Q1." / "第1题"). Multiple choice comes either as one column with the chosen options
 * joined by ┋ (or |), or as one column per option titled "题目—选项" / "题目:选项" / "题目(选项)" holding
 * 1 / 0 (or the option's text). A cell may hold the option's text, its value, its number (1, 2, …) or its
 * letter (A, B, …). "(跳过)", "(空)", -2 and -3 (问卷星's skipped marks) are empty. A matrix comes as one
 * column per row ("题目—行"); a ranking as the options in order joined by ┋ or →. Columns that match no
 * question (序号, 提交答卷时间, 来源, IP …) are listed and ignored. All rows are stored, or none: any error
 * gives its row, column and reason.
 */
@Service
public class SurveyImport {

    private static final Pattern NUMBERING = Pattern.compile("^\\s*(?:Q|q|第)?\\s*\\d+\\s*(?:题)?\\s*[、.．:：)）]?\\s*");
    private static final Pattern SEPARATOR = Pattern.compile("\\s*[—\\-:：_]+\\s*|\\s*[(（]");
    private static final Set<String> EMPTY = Set.of("", "(跳过)", "（跳过）", "(空)", "（空）", "-2", "-3", "跳过");
    private static final Set<String> CHECKED = Set.of("1", "是", "√", "✓", "✔", "选中", "Y", "y", "TRUE", "true");
    private static final Set<String> UNCHECKED = Set.of("0", "否", "FALSE", "false", "N", "n");
    private static final Map<String, String> GROUP_HEADERS = Map.of("职级", "rank_level", "人员类别", "staff_category",
            "乡镇", "township", "乡镇（单位）", "township", "单位", "township", "年龄段", "age_band");

    private final Surveys surveys;
    private final SurveyReturns returns;
    private final AuditLog audit;

    SurveyImport(Surveys surveys, SurveyReturns returns, AuditLog audit) {
        this.surveys = surveys;
        this.returns = returns;
        this.audit = audit;
    }

    public record CellError(int row, String column, String reason) {
    }

    public record Result(int imported, List<CellError> errors, List<String> ignoredColumns) {
    }

    /** How a column is read. kind: WHOLE (the question), OPTION (one option of a checkbox), ROW (a matrix row), GROUP. */
    private record Column(int index, String header, String kind, SurveyModel.Question question, SurveyModel.Choice part, String group) {
    }

    @Transactional
    public Result importFile(long surveyId, Long targetId, byte[] file) {
        Surveys.Survey s = surveys.requireVisible(surveyId);
        SurveyReturns.requireClerk();
        if (s.status() == Surveys.Status.DRAFT) {
            throw new BusinessException("问卷尚未发布，不能导入答卷");
        }
        Long target = returns.validTarget(s, targetId);
        SurveyModel model = SurveyModel.parse(s.model());
        List<Map<Integer, String>> rows;
        try {
            rows = FastExcel.read(new ByteArrayInputStream(file)).sheet(0).headRowNumber(0).doReadSync();
        } catch (RuntimeException e) {
            throw new BusinessException("无法读取该文件，请上传 .xlsx 或 .xls 格式的Excel文件");
        }
        if (rows.isEmpty()) {
            throw new BusinessException("文件是空的：第一行应为题目标题，从第二行起每行一份问卷");
        }
        Map<Integer, String> head = rows.get(0);
        List<Column> columns = new ArrayList<>();
        List<String> ignored = new ArrayList<>();
        for (Map.Entry<Integer, String> h : head.entrySet()) {
            if (h.getValue() == null || h.getValue().isBlank()) {
                continue;
            }
            Column c = column(model, h.getKey(), h.getValue().strip());
            if (c == null) {
                ignored.add(h.getValue().strip());
            } else {
                columns.add(c);
            }
        }
        if (columns.stream().noneMatch(c -> c.question() != null)) {
            throw new BusinessException("第一行的列标题与问卷的题目都对不上，请使用本问卷的导入模板或问卷星/腾讯问卷“按选项文本”导出的文件");
        }
        List<CellError> errors = new ArrayList<>();
        List<Map.Entry<SurveyModel.Checked, SurveyReturns.Group>> ok = new ArrayList<>();
        for (int r = 1; r < rows.size(); r++) {
            Map<Integer, String> row = rows.get(r);
            if (row.values().stream().allMatch(v -> v == null || v.isBlank())) {
                continue;
            }
            int excelRow = r + 1;
            ObjectNode answers = JsonNodeFactory.instance.objectNode();
            Map<String, String> group = new LinkedHashMap<>();
            Map<String, String> headerOf = new LinkedHashMap<>();
            int before = errors.size();
            for (Column c : columns) {
                String cell = row.get(c.index()) == null ? "" : row.get(c.index()).strip();
                if (c.group() != null) {
                    if (!EMPTY.contains(cell)) {
                        group.put(c.group(), cell);
                    }
                    continue;
                }
                headerOf.putIfAbsent(c.question().name(), c.header());
                try {
                    read(c, cell, answers);
                } catch (IllegalArgumentException e) {
                    errors.add(new CellError(excelRow, c.header(), e.getMessage()));
                }
            }
            if (errors.size() > before) {
                continue;
            }
            try {
                SurveyModel.Checked checked = model.check(answers);
                ok.add(Map.entry(checked, new SurveyReturns.Group(group.get("rank_level"), group.get("staff_category"),
                        group.get("township"), group.get("age_band"))));
            } catch (BusinessException e) {
                for (BusinessException.FieldProblem p : e.problems()) {
                    errors.add(new CellError(excelRow, headerOf.getOrDefault(p.field(), p.field()), p.message()));
                }
            }
            if (errors.size() > 200) {
                break;
            }
        }
        if (!errors.isEmpty()) {
            return new Result(0, errors, ignored);
        }
        String batch = "import-" + System.currentTimeMillis();
        for (Map.Entry<SurveyModel.Checked, SurveyReturns.Group> e : ok) {
            try {
                returns.insertImported(s, target, e.getKey(), e.getValue(), batch);
            } catch (BusinessException ex) {
                throw new BusinessException(ex.getMessage() + "（导入未完成，没有保存任何数据）");
            }
        }
        audit.record("IMPORT", "SurveyReturn", s.id(), "导入问卷答卷：" + s.title() + "，共" + ok.size() + "份", null,
                Map.of("batch", batch, "rows", ok.size()));
        return new Result(ok.size(), List.of(), ignored);
    }

    private static Column column(SurveyModel model, int index, String header) {
        String h = NUMBERING.matcher(header).replaceFirst("").strip();
        if (GROUP_HEADERS.containsKey(h)) {
            String name = GROUP_HEADERS.get(h);
            if (model.question(name) == null) {
                return new Column(index, header, "GROUP", null, null, name);
            }
        }
        for (SurveyModel.Question q : model.questions()) {
            if (h.equals(q.title()) || h.equals(q.name()) || stripPunct(h).equals(stripPunct(q.title()))) {
                return q.type().equals("matrix") ? null : new Column(index, header, "WHOLE", q, null, null);
            }
        }
        // "题目—选项", "题目:选项", "题目(选项)"
        for (SurveyModel.Question q : model.questions()) {
            for (String title : List.of(q.title(), stripPunct(q.title()), q.name())) {
                if (!h.startsWith(title) || h.length() == title.length()) {
                    continue;
                }
                String rest = h.substring(title.length());
                var m = SEPARATOR.matcher(rest);
                if (!m.lookingAt()) {
                    continue;
                }
                String part = rest.substring(m.end()).replaceAll("[)）]\\s*$", "").strip();
                List<SurveyModel.Choice> parts = q.type().equals("matrix") ? q.rows() : q.choices();
                for (SurveyModel.Choice c : parts) {
                    if (c.text().equals(part) || c.value().equals(part)) {
                        return new Column(index, header, q.type().equals("matrix") ? "ROW" : "OPTION", q, c, null);
                    }
                }
            }
        }
        return null;
    }

    private static String stripPunct(String s) {
        return s.replaceAll("[？?。.：:（）()\\s*]", "").replaceAll("【[^】]*】|\\[[^]]*]", "");
    }

    private static void read(Column c, String cell, ObjectNode answers) {
        SurveyModel.Question q = c.question();
        if (EMPTY.contains(cell)) {
            return;
        }
        switch (c.kind()) {
            case "OPTION" -> {
                boolean on;
                if (CHECKED.contains(cell) || cell.equals(c.part().text()) || cell.equals(c.part().value())) {
                    on = true;
                } else if (UNCHECKED.contains(cell)) {
                    on = false;
                } else {
                    throw new IllegalArgumentException("应填1（选中）或0（未选），实际为“" + cell + "”");
                }
                if (on) {
                    ArrayNode arr = answers.has(q.name()) ? (ArrayNode) answers.get(q.name()) : answers.putArray(q.name());
                    arr.add(c.part().value());
                }
            }
            case "ROW" -> {
                ObjectNode m = answers.has(q.name()) ? (ObjectNode) answers.get(q.name()) : answers.putObject(q.name());
                m.put(c.part().value(), choice(q.columns(), cell, q));
            }
            default -> {
                switch (q.type()) {
                    case "checkbox", "ranking" -> {
                        ArrayNode arr = answers.putArray(q.name());
                        for (String part : cell.split("\\s*[┋|｜→]\\s*")) {
                            if (!part.isBlank()) {
                                arr.add(choice(q.choices(), part.strip(), q));
                            }
                        }
                    }
                    case "comment", "text" -> answers.put(q.name(), cell);
                    default -> answers.put(q.name(), choice(q.choices(), cell, q));
                }
            }
        }
    }

    /** The option a cell names: by text, value, number (1-based) or letter. */
    private static String choice(List<SurveyModel.Choice> choices, String cell, SurveyModel.Question q) {
        String t = cell.replaceFirst("\\.0$", "");
        for (SurveyModel.Choice c : choices) {
            if (c.text().equals(t) || c.value().equals(t)) {
                return c.value();
            }
        }
        // 问卷星's "other" answers look like "其他〖text〗"
        for (SurveyModel.Choice c : choices) {
            if (t.startsWith(c.text() + "〖")) {
                return c.value();
            }
        }
        if (t.matches("\\d{1,2}")) {
            int i = Integer.parseInt(t);
            if (i >= 1 && i <= choices.size()) {
                return choices.get(i - 1).value();
            }
        }
        if (t.matches("[A-Za-z]")) {
            int i = Character.toUpperCase(t.charAt(0)) - 'A';
            if (i < choices.size()) {
                return choices.get(i).value();
            }
        }
        throw new IllegalArgumentException("“" + cell + "”不是第" + q.number() + "题的选项");
    }

    /** The import template: a column per question (multiple choice joined by ┋), and group columns the questionnaire lacks. */
    @Transactional(readOnly = true)
    public byte[] template(long surveyId) {
        Surveys.Survey s = surveys.requireVisible(surveyId);
        SurveyModel model = SurveyModel.parse(s.model());
        List<List<String>> head = new ArrayList<>();
        List<String> example = new ArrayList<>();
        for (SurveyModel.Question q : model.questions()) {
            if (q.type().equals("matrix")) {
                for (SurveyModel.Choice r : q.rows()) {
                    head.add(List.of(q.number() + "、" + q.title() + "—" + r.text()));
                    example.add(q.columns().get(0).text());
                }
                continue;
            }
            head.add(List.of(q.number() + "、" + q.title()));
            example.add(switch (q.type()) {
                case "checkbox" -> String.join("┋", q.choices().stream().limit(Math.min(2, q.maxSelected() == null ? 2 : q.maxSelected()))
                        .map(SurveyModel.Choice::text).toList());
                case "ranking" -> String.join("┋", q.choices().stream().map(SurveyModel.Choice::text).toList());
                case "comment", "text" -> "";
                default -> q.choices().get(0).text();
            });
        }
        for (var g : List.of(Map.entry("职级", "rank_level"), Map.entry("人员类别", "staff_category"), Map.entry("乡镇", "township"),
                Map.entry("年龄段", "age_band"))) {
            if (model.question(g.getValue()) == null) {
                head.add(List.of(g.getKey()));
                example.add("");
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        FastExcel.write(out).head(head).sheet("答卷").doWrite(List.of(example));
        return out.toByteArray();
    }
}
