package org.ganxun.survey;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.ganxun.platform.web.BusinessException;
import org.ganxun.platform.web.BusinessException.FieldProblem;
import org.ganxun.platform.web.RichText;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The server's reading of a SurveyJS form-library JSON model: the questions it supports, and the check of
 * an answer against them (required, visibility, choice values, selection limits). The client's own
 * validation is never trusted; this is the one that counts.
 * <p>
 * Supported types: radiogroup and dropdown (single choice), checkbox (multiple choice, with
 * {@code maxSelectedChoices} / {@code minSelectedChoices}), rating, matrix (one column per row), ranking,
 * comment and text (open answers). Questions may sit in pages and panels. {@code visibleIf} supports
 * {@code {q} = 'v'}, {@code !=}, {@code contains}, {@code notcontains}, {@code anyof ['a','b']},
 * {@code empty}, {@code notempty}, numeric comparisons, {@code and}, {@code or} and parentheses; an expression
 * outside that set makes the question optional (never wrongly required).
 */
final class SurveyModel {

    static final Set<String> TYPES = Set.of("radiogroup", "dropdown", "checkbox", "rating", "matrix", "ranking", "comment", "text");
    static final Set<String> GROUP_QUESTIONS = Set.of("rank_level", "staff_category", "township", "age_band");
    static final int MAX_TEXT = 2000;

    record Choice(String value, String text) {
    }

    record Question(int number, String name, String type, String title, List<Choice> choices, List<Choice> rows,
                    List<Choice> columns, boolean required, boolean allRowsRequired, String visibleIf, Integer maxSelected,
                    Integer minSelected, boolean topic) {

        boolean open() {
            return type.equals("comment") || type.equals("text");
        }

        boolean multi() {
            return type.equals("checkbox");
        }

        String label() {
            return "第" + number + "题“" + title + "”";
        }

        Choice choice(String value) {
            for (Choice c : choices) {
                if (c.value().equals(value)) {
                    return c;
                }
            }
            return null;
        }

        String textOf(String value) {
            Choice c = choice(value);
            return c == null ? value : c.text();
        }
    }

    /** One normalised answer value: a row of survey_answer_value. */
    record Value(String question, String value, Integer rank) {
    }

    /** A checked answer: the cleaned data (invisible questions dropped) and its values. */
    record Checked(ObjectNode data, List<Value> values, Map<String, String> groups) {
    }

    private final List<Question> questions;
    private final Map<String, Question> byName = new LinkedHashMap<>();

    private SurveyModel(List<Question> questions) {
        this.questions = questions;
        questions.forEach(q -> byName.put(q.name(), q));
    }

    List<Question> questions() {
        return questions;
    }

    Question question(String name) {
        return byName.get(name);
    }

    static SurveyModel parse(JsonNode model) {
        List<Question> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        List<FieldProblem> problems = new ArrayList<>();
        if (model != null && model.path("pages").isArray()) {
            for (JsonNode page : model.path("pages")) {
                collect(page.path("elements"), out, seen, problems);
            }
        } else if (model != null) {
            collect(model.path("elements"), out, seen, problems);
        }
        if (!problems.isEmpty()) {
            throw new BusinessException(problems.get(0).message(), problems);
        }
        return new SurveyModel(out);
    }

    private static void collect(JsonNode elements, List<Question> out, Set<String> seen, List<FieldProblem> problems) {
        if (!elements.isArray()) {
            return;
        }
        for (JsonNode e : elements) {
            String type = e.path("type").asString("");
            if (type.equals("panel")) {
                collect(e.path("elements"), out, seen, problems);
                continue;
            }
            if (type.equals("html") || type.equals("expression") || type.equals("image")) {
                continue;
            }
            String name = e.path("name").asString("").trim();
            String title = text(e.path("title"));
            if (title.isBlank()) {
                title = name;
            }
            if (!TYPES.contains(type)) {
                problems.add(new FieldProblem(name, "题目“" + title + "”的题型（" + type + "）暂不支持"));
                continue;
            }
            if (name.isEmpty() || name.length() > 100 || name.contains(".")) {
                problems.add(new FieldProblem(name, "题目“" + title + "”的编号无效（不能为空、不能含“.”）"));
                continue;
            }
            if (!seen.add(name)) {
                problems.add(new FieldProblem(name, "题目编号“" + name + "”重复"));
                continue;
            }
            List<Choice> choices = choices(e.path("choices"));
            if (type.equals("rating")) {
                choices = ratingChoices(e);
            }
            if (e.path("hasOther").asBoolean(false) || e.path("showOtherItem").asBoolean(false)) {
                choices = new ArrayList<>(choices);
                choices.add(new Choice("other", text(e.path("otherText")).isBlank() ? "其他" : text(e.path("otherText"))));
            }
            List<Choice> rows = choices(e.path("rows"));
            List<Choice> columns = choices(e.path("columns"));
            if (Set.of("radiogroup", "dropdown", "checkbox", "ranking").contains(type) && choices.isEmpty()) {
                problems.add(new FieldProblem(name, "题目“" + title + "”还没有选项"));
            }
            if (type.equals("matrix") && (rows.isEmpty() || columns.isEmpty())) {
                problems.add(new FieldProblem(name, "矩阵题“" + title + "”需要行和列"));
            }
            Integer max = e.hasNonNull("maxSelectedChoices") && e.get("maxSelectedChoices").asInt() > 0 ? e.get("maxSelectedChoices").asInt() : null;
            Integer min = e.hasNonNull("minSelectedChoices") && e.get("minSelectedChoices").asInt() > 0 ? e.get("minSelectedChoices").asInt() : null;
            String visibleIf = e.path("visibleIf").asString("").trim();
            out.add(new Question(out.size() + 1, name, type, title, choices, rows, columns, e.path("isRequired").asBoolean(false),
                    e.path("isAllRowRequired").asBoolean(false), visibleIf.isEmpty() ? null : visibleIf, max, min,
                    e.path("ganxunTopic").asBoolean(false)));
        }
    }

    private static List<Choice> ratingChoices(JsonNode e) {
        List<Choice> values = choices(e.path("rateValues"));
        if (!values.isEmpty()) {
            return values;
        }
        int min = e.path("rateMin").asInt(1);
        int max = e.path("rateMax").asInt(e.has("rateCount") ? min + e.path("rateCount").asInt(5) - 1 : 5);
        int step = Math.max(1, e.path("rateStep").asInt(1));
        List<Choice> out = new ArrayList<>();
        for (int v = min; v <= max && out.size() < 100; v += step) {
            out.add(new Choice(String.valueOf(v), String.valueOf(v)));
        }
        return out;
    }

    private static List<Choice> choices(JsonNode node) {
        List<Choice> out = new ArrayList<>();
        if (!node.isArray()) {
            return out;
        }
        for (JsonNode c : node) {
            if (c.isObject()) {
                String v = scalar(c.path("value"));
                if (v == null) {
                    continue;
                }
                String t = text(c.path("text"));
                out.add(new Choice(v, t.isBlank() ? v : t));
            } else {
                String v = scalar(c);
                if (v != null) {
                    out.add(new Choice(v, v));
                }
            }
        }
        return out;
    }

    /** A localisable string: a plain string, or {"default": …, "zh-cn": …}. */
    /** Properties SurveyJS renders as HTML: an {@code html} element's markup and the survey's {@code *Html} texts. */
    private static boolean htmlProperty(String key) {
        return key.equals("html") || key.endsWith("Html");
    }

    /** Properties shown as text that carry the author's words (never markup). */
    private static final Set<String> TEXT_PROPERTIES = Set.of("title", "description", "text", "otherText", "placeholder",
            "commentText", "minRateDescription", "maxRateDescription", "completeText", "requiredErrorText", "labelTrue", "labelFalse");

    /**
     * A copy of the model with its markup cleaned by {@link RichText}: the html of {@code html} elements and of
     * {@code completedHtml} and the like by the allow-list, titles and descriptions down to their text. Every
     * model is cleaned as it is stored and as it is read, so an answer page never receives a script.
     */
    static JsonNode sanitized(JsonNode model) {
        if (model == null) {
            return null;
        }
        JsonNode copy = model.deepCopy();
        clean(copy);
        return copy;
    }

    private static void clean(JsonNode node) {
        if (node instanceof ObjectNode o) {
            for (String key : new ArrayList<>(o.propertyNames())) {
                JsonNode v = o.get(key);
                if (htmlProperty(key) || TEXT_PROPERTIES.contains(key)) {
                    boolean html = htmlProperty(key);
                    if (v.isString()) {
                        o.put(key, html ? RichText.html(v.asString()) : RichText.text(v.asString()));
                        continue;
                    }
                    if (v instanceof ObjectNode localized && localized.properties().stream().allMatch(e -> e.getValue().isString())) {
                        // a localisable string: {"default": "…", "zh-cn": "…"}
                        for (String lang : new ArrayList<>(localized.propertyNames())) {
                            String t = localized.get(lang).asString();
                            localized.put(lang, html ? RichText.html(t) : RichText.text(t));
                        }
                        continue;
                    }
                }
                clean(v);
            }
        } else if (node != null && node.isArray()) {
            node.forEach(SurveyModel::clean);
        }
    }

    static String text(JsonNode n) {
        if (n == null || n.isMissingNode() || n.isNull()) {
            return "";
        }
        if (n.isObject()) {
            for (String k : List.of("zh-cn", "default")) {
                if (n.hasNonNull(k)) {
                    return n.get(k).asString("");
                }
            }
            return n.properties().stream().findFirst().map(en -> en.getValue().asString("")).orElse("");
        }
        return n.asString("");
    }

    static String scalar(JsonNode n) {
        if (n == null || n.isMissingNode() || n.isNull() || n.isContainer()) {
            return null;
        }
        if (n.isNumber() && n.canConvertToExactIntegral()) {
            return String.valueOf(n.asLong());
        }
        return n.asString();
    }

    // ------------------------------------------------------------------ answers

    /**
     * Checks one respondent's answer. Unknown questions, values outside the choices, limits and required
     * questions are refused with a message naming the question; answers to hidden questions are dropped.
     */
    Checked check(JsonNode data) {
        if (data == null || !data.isObject()) {
            throw new BusinessException("答卷内容无效");
        }
        List<FieldProblem> problems = new ArrayList<>();
        for (var en : data.properties()) {
            String key = en.getKey();
            if (!byName.containsKey(key) && !(key.endsWith("-Comment") && byName.containsKey(key.substring(0, key.length() - 8)))) {
                problems.add(new FieldProblem(key, "答卷中有问卷里没有的题目“" + key + "”"));
            }
        }
        ObjectNode clean = JsonNodeFactory.instance.objectNode();
        List<Value> values = new ArrayList<>();
        Map<String, String> groups = new LinkedHashMap<>();
        for (Question q : questions) {
            Boolean visible = visible(q, clean);
            if (Boolean.FALSE.equals(visible)) {
                continue;
            }
            JsonNode a = data.get(q.name());
            boolean empty = isEmpty(a);
            if (empty) {
                if (q.required() && visible != null) {
                    problems.add(new FieldProblem(q.name(), q.label() + "为必答题，请作答"));
                }
                continue;
            }
            int before = problems.size();
            List<Value> vs = checkOne(q, a, problems);
            if (problems.size() > before) {
                continue;
            }
            clean.set(q.name(), a);
            values.addAll(vs);
            JsonNode other = data.get(q.name() + "-Comment");
            if (other != null && other.isString() && !other.asString().isBlank()) {
                String t = other.asString().strip();
                if (t.length() > MAX_TEXT) {
                    t = t.substring(0, MAX_TEXT);
                }
                clean.put(q.name() + "-Comment", t);
            }
            if (GROUP_QUESTIONS.contains(q.name()) && !vs.isEmpty()) {
                groups.put(q.name(), q.name().equals("township") ? q.textOf(vs.get(0).value()) : vs.get(0).value());
            }
        }
        if (!problems.isEmpty()) {
            throw new BusinessException(problems.get(0).message(), problems);
        }
        return new Checked(clean, values, groups);
    }

    private static boolean isEmpty(JsonNode a) {
        return a == null || a.isNull() || (a.isString() && a.asString().isBlank()) || (a.isContainer() && a.isEmpty());
    }

    private static List<Value> checkOne(Question q, JsonNode a, List<FieldProblem> problems) {
        List<Value> out = new ArrayList<>();
        switch (q.type()) {
            case "radiogroup", "dropdown", "rating" -> {
                String v = scalar(a);
                if (v == null || q.choice(v) == null) {
                    problems.add(new FieldProblem(q.name(), q.label() + "的答案“" + (v == null ? a : v) + "”不是它的选项"));
                } else {
                    out.add(new Value(q.name(), v, null));
                }
            }
            case "checkbox", "ranking" -> {
                if (!a.isArray()) {
                    problems.add(new FieldProblem(q.name(), q.label() + "应选择一项或多项"));
                    break;
                }
                Set<String> seen = new HashSet<>();
                int i = 0;
                for (JsonNode item : a) {
                    String v = scalar(item);
                    if (v == null || q.choice(v) == null) {
                        problems.add(new FieldProblem(q.name(), q.label() + "的答案“" + (v == null ? item : v) + "”不是它的选项"));
                        return out;
                    }
                    if (!seen.add(v)) {
                        problems.add(new FieldProblem(q.name(), q.label() + "的选项“" + q.textOf(v) + "”重复"));
                        return out;
                    }
                    out.add(new Value(q.name(), v, q.type().equals("ranking") ? ++i : null));
                }
                if (q.maxSelected() != null && seen.size() > q.maxSelected()) {
                    problems.add(new FieldProblem(q.name(), q.label() + "最多选" + q.maxSelected() + "项，实际选了" + seen.size() + "项"));
                }
                if (q.minSelected() != null && seen.size() < q.minSelected()) {
                    problems.add(new FieldProblem(q.name(), q.label() + "至少选" + q.minSelected() + "项，实际选了" + seen.size() + "项"));
                }
            }
            case "matrix" -> {
                if (!a.isObject()) {
                    problems.add(new FieldProblem(q.name(), q.label() + "的答案格式无效"));
                    break;
                }
                for (var en : a.properties()) {
                    String row = en.getKey();
                    String col = scalar(en.getValue());
                    if (q.rows().stream().noneMatch(r -> r.value().equals(row))) {
                        problems.add(new FieldProblem(q.name(), q.label() + "没有“" + row + "”这一行"));
                        return out;
                    }
                    if (col == null || q.columns().stream().noneMatch(c -> c.value().equals(col))) {
                        problems.add(new FieldProblem(q.name(), q.label() + "的答案“" + col + "”不是它的选项"));
                        return out;
                    }
                    out.add(new Value(q.name() + "." + row, col, null));
                }
                if (q.allRowsRequired()) {
                    for (Choice r : q.rows()) {
                        if (!a.has(r.value())) {
                            problems.add(new FieldProblem(q.name(), q.label() + "的“" + r.text() + "”一行未作答"));
                            return out;
                        }
                    }
                }
            }
            default -> { // comment, text
                String t = a.isString() ? a.asString().strip() : scalar(a);
                if (t == null) {
                    problems.add(new FieldProblem(q.name(), q.label() + "的答案格式无效"));
                } else if (t.length() > MAX_TEXT) {
                    problems.add(new FieldProblem(q.name(), q.label() + "不能超过" + MAX_TEXT + "字"));
                } else {
                    out.add(new Value(q.name(), t, null));
                }
            }
        }
        return out;
    }

    /** TRUE / FALSE, or null when the expression is outside the supported set (then treated as visible but optional). */
    private static Boolean visible(Question q, JsonNode answered) {
        if (q.visibleIf() == null) {
            return true;
        }
        try {
            return new Expression(q.visibleIf(), answered).evaluate();
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** The small subset of SurveyJS expressions used for skip logic. */
    static final class Expression {
        private final String src;
        private final JsonNode data;
        private int pos;

        Expression(String src, JsonNode data) {
            this.src = src;
            this.data = data;
        }

        boolean evaluate() {
            boolean v = or();
            skip();
            if (pos != src.length()) {
                throw new IllegalArgumentException("unexpected " + src.substring(pos));
            }
            return v;
        }

        private boolean or() {
            boolean v = and();
            while (word("or") || sym("||")) {
                boolean r = and();
                v = v || r;
            }
            return v;
        }

        private boolean and() {
            boolean v = unary();
            while (word("and") || sym("&&")) {
                boolean r = unary();
                v = v && r;
            }
            return v;
        }

        private boolean unary() {
            if (word("not") || sym("!")) {
                return !unary();
            }
            if (sym("(")) {
                boolean v = or();
                if (!sym(")")) {
                    throw new IllegalArgumentException(") expected");
                }
                return v;
            }
            return comparison();
        }

        private boolean comparison() {
            Object left = operand();
            if (word("notempty")) {
                return !blank(left);
            }
            if (word("empty")) {
                return blank(left);
            }
            if (word("notcontains")) {
                return !contains(left, operand());
            }
            if (word("contains")) {
                return contains(left, operand());
            }
            if (word("anyof")) {
                Object right = operand();
                if (!(right instanceof List<?> list)) {
                    throw new IllegalArgumentException("list expected");
                }
                return list.stream().anyMatch(x -> contains(left, x) || eq(left, x));
            }
            for (String op : List.of("!=", "<>", ">=", "<=", "==", "=", ">", "<")) {
                if (sym(op)) {
                    Object right = operand();
                    return switch (op) {
                        case "!=", "<>" -> !eq(left, right);
                        case "=", "==" -> eq(left, right);
                        default -> {
                            double l = num(left), r = num(right);
                            yield switch (op) {
                                case ">" -> l > r;
                                case "<" -> l < r;
                                case ">=" -> l >= r;
                                default -> l <= r;
                            };
                        }
                    };
                }
            }
            throw new IllegalArgumentException("operator expected");
        }

        private Object operand() {
            skip();
            if (pos >= src.length()) {
                throw new IllegalArgumentException("operand expected");
            }
            char c = src.charAt(pos);
            if (c == '{') {
                int end = src.indexOf('}', pos);
                String name = src.substring(pos + 1, end).trim();
                pos = end + 1;
                JsonNode n = data.get(name);
                if (n == null || n.isNull()) {
                    return null;
                }
                if (n.isArray()) {
                    List<String> l = new ArrayList<>();
                    n.forEach(x -> l.add(scalar(x)));
                    return l;
                }
                return scalar(n);
            }
            if (c == '\'' || c == '"') {
                int end = src.indexOf(c, pos + 1);
                String s = src.substring(pos + 1, end);
                pos = end + 1;
                return s;
            }
            if (c == '[') {
                pos++;
                List<Object> l = new ArrayList<>();
                while (!sym("]")) {
                    l.add(operand());
                    sym(",");
                }
                return l;
            }
            int start = pos;
            while (pos < src.length() && (Character.isLetterOrDigit(src.charAt(pos)) || src.charAt(pos) == '.' || src.charAt(pos) == '-')) {
                pos++;
            }
            if (start == pos) {
                throw new IllegalArgumentException("operand expected");
            }
            String t = src.substring(start, pos);
            return switch (t) {
                case "true" -> "true";
                case "false" -> "false";
                default -> t;
            };
        }

        private static boolean blank(Object v) {
            return v == null || (v instanceof String s && s.isBlank()) || (v instanceof List<?> l && l.isEmpty());
        }

        private static boolean eq(Object l, Object r) {
            if (l == null || r == null) {
                return l == r;
            }
            if (l instanceof List<?> || r instanceof List<?>) {
                return l.equals(r);
            }
            String a = l.toString(), b = r.toString();
            if (a.equals(b)) {
                return true;
            }
            try {
                return Double.parseDouble(a) == Double.parseDouble(b);
            } catch (NumberFormatException e) {
                return false;
            }
        }

        private static boolean contains(Object l, Object r) {
            if (l instanceof List<?> list) {
                return r != null && list.contains(r.toString());
            }
            return l != null && r != null && l.toString().contains(r.toString());
        }

        private static double num(Object v) {
            if (v == null) {
                return Double.NaN;
            }
            return Double.parseDouble(v.toString());
        }

        private boolean word(String w) {
            skip();
            if (src.regionMatches(true, pos, w, 0, w.length())
                    && (pos + w.length() == src.length() || !Character.isLetterOrDigit(src.charAt(pos + w.length())))) {
                pos += w.length();
                return true;
            }
            return false;
        }

        private boolean sym(String s) {
            skip();
            if (src.startsWith(s, pos)) {
                pos += s.length();
                return true;
            }
            return false;
        }

        private void skip() {
            while (pos < src.length() && Character.isWhitespace(src.charAt(pos))) {
                pos++;
            }
        }
    }
}
