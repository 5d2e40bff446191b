package org.ganxun;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The tables a Java source names in its SQL: its string literals and text blocks (literals joined by {@code +} read
 * as one), tokenized as SQL, and the names after FROM (and the comma-separated rest of a FROM list), JOIN, UPDATE,
 * INSERT INTO, DELETE FROM, USING, COPY and TRUNCATE that are among the known tables and views. Also the tables the
 * migrations create, so that the known names are exactly the schema's.
 */
final class SqlTableUses {

    private SqlTableUses() {
    }

    /** The tables and views created (and not dropped) by the migrations under {@code dir}, in version order. */
    static Set<String> schemaNames(Path dir) {
        Pattern create = Pattern.compile("create\\s+(?:table|(?:or\\s+replace\\s+)?view|materialized\\s+view)\\s+(?:if\\s+not\\s+exists\\s+)?(?:public\\.)?([a-z_][a-z0-9_]*)");
        Pattern drop = Pattern.compile("drop\\s+(?:table|view|materialized\\s+view)\\s+(?:if\\s+exists\\s+)?(?:public\\.)?([a-z_][a-z0-9_]*)");
        Pattern rename = Pattern.compile("alter\\s+(?:table|view)\\s+(?:if\\s+exists\\s+)?([a-z_][a-z0-9_]*)\\s+rename\\s+to\\s+([a-z_][a-z0-9_]*)");
        Set<String> names = new LinkedHashSet<>();
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> sorted = files.filter(p -> p.getFileName().toString().matches("V\\d+__.*\\.sql"))
                    .sorted((a, b) -> Integer.compare(version(a), version(b))).toList();
            for (Path f : sorted) {
                String sql = Files.readString(f).toLowerCase(Locale.ROOT).replaceAll("--[^\\n]*", " ");
                // in statement order: a table dropped and created again (or renamed) ends as the last statement says
                for (String statement : sql.split(";")) {
                    Matcher m;
                    if ((m = create.matcher(statement)).find()) {
                        names.add(m.group(1));
                    } else if ((m = drop.matcher(statement)).find()) {
                        names.remove(m.group(1));
                    } else if ((m = rename.matcher(statement)).find()) {
                        names.remove(m.group(1));
                        names.add(m.group(2));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return names;
    }

    /** Each view the migrations create → the known tables its query names. */
    static java.util.Map<String, Set<String>> viewBases(Path dir) {
        Set<String> known = schemaNames(dir);
        Pattern view = Pattern.compile("create\\s+(?:or\\s+replace\\s+)?view\\s+(?:public\\.)?([a-z_][a-z0-9_]*)\\s+as\\s+(.*)", Pattern.DOTALL);
        java.util.Map<String, Set<String>> bases = new java.util.TreeMap<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.getFileName().toString().matches("V\\d+__.*\\.sql")).toList()) {
                String sql = Files.readString(f).toLowerCase(Locale.ROOT).replaceAll("--[^\\n]*", " ");
                for (String statement : sql.split(";")) {
                    Matcher m = view.matcher(statement.strip());
                    if (m.lookingAt()) {
                        bases.put(m.group(1), tablesInSql(m.group(2), known));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bases;
    }

    private static int version(Path p) {
        String n = p.getFileName().toString();
        return Integer.parseInt(n.substring(1, n.indexOf("__")));
    }

    /** The known names the SQL in a Java source's literals reads or writes. */
    static Set<String> tablesNamed(String javaSource, Set<String> known) {
        Set<String> found = new LinkedHashSet<>();
        for (String sql : sqlTexts(javaSource)) {
            found.addAll(tablesInSql(sql, known));
        }
        return found;
    }

    private static final Set<String> TABLE_AFTER = Set.of("from", "join", "update", "into", "using", "copy", "truncate", "table");
    private static final Set<String> NOT_AN_ALIAS = Set.of("where", "join", "left", "right", "inner", "outer", "full", "cross",
            "on", "group", "order", "limit", "offset", "union", "except", "intersect", "having", "window", "for", "set", "values",
            "returning", "natural", "lateral", "using", "select", "as", "only", "fetch");

    /** The known names in one SQL text. */
    static Set<String> tablesInSql(String sql, Set<String> known) {
        List<String> tokens = tokens(sql);
        Set<String> found = new LinkedHashSet<>();
        for (int i = 0; i < tokens.size() - 1; i++) {
            String t = tokens.get(i);
            if (!TABLE_AFTER.contains(t)) {
                continue;
            }
            int j = i + 1;
            if (j < tokens.size() && tokens.get(j).equals("only")) {
                j++;
            }
            // FROM a x, b y, c: each after a comma until a keyword ends the list
            while (j < tokens.size()) {
                // after INTO, COPY or TABLE a parenthesis opens a column list; after FROM or JOIN, a function's arguments
                String name = tableAt(tokens, j, known, t.equals("into") || t.equals("copy") || t.equals("table"));
                if (name == null) {
                    break;
                }
                found.add(name);
                if (!t.equals("from")) {
                    break;
                }
                int k = j + 1;
                if (k < tokens.size() && tokens.get(k).equals("as")) {
                    k++;
                }
                if (k < tokens.size() && isWord(tokens.get(k)) && !NOT_AN_ALIAS.contains(tokens.get(k))) {
                    k++;
                }
                if (k < tokens.size() && tokens.get(k).equals(",")) {
                    j = k + 1;
                } else {
                    break;
                }
            }
        }
        return found;
    }

    /** The known table at token j: a word (a schema prefix dropped) not followed by "." (a column) or, unless a column list may follow, "(" (a function). */
    private static String tableAt(List<String> tokens, int j, Set<String> known, boolean columnsMayFollow) {
        String name = tokens.get(j);
        if (name.equals("public") && j + 2 < tokens.size() && tokens.get(j + 1).equals(".")) {
            j += 2;
            name = tokens.get(j);
        }
        if (!isWord(name) || !known.contains(name)) {
            return null;
        }
        if (j + 1 < tokens.size() && ((tokens.get(j + 1).equals("(") && !columnsMayFollow) || tokens.get(j + 1).equals("."))) {
            return null;
        }
        return name;
    }

    private static boolean isWord(String t) {
        return !t.isEmpty() && (Character.isLetter(t.charAt(0)) || t.charAt(0) == '_');
    }

    /** SQL tokens: lower-case words, single-character symbols; quoted strings and comments dropped. */
    static List<String> tokens(String sql) {
        List<String> out = new ArrayList<>();
        int n = sql.length();
        int i = 0;
        while (i < n) {
            char c = sql.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '\'') {
                i++;
                while (i < n && !(sql.charAt(i) == '\'' && (i + 1 >= n || sql.charAt(i + 1) != '\''))) {
                    i += sql.charAt(i) == '\'' ? 2 : 1;
                }
                i++;
            } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
                while (i < n && sql.charAt(i) != '\n') {
                    i++;
                }
            } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                int end = sql.indexOf("*/", i + 2);
                i = end < 0 ? n : end + 2;
            } else if (c == '"') {
                int end = sql.indexOf('"', i + 1);
                out.add(sql.substring(i + 1, end < 0 ? n : end).toLowerCase(Locale.ROOT));
                i = end < 0 ? n : end + 1;
            } else if (Character.isLetter(c) || c == '_') {
                int s = i;
                while (i < n && (Character.isLetterOrDigit(sql.charAt(i)) || sql.charAt(i) == '_' || sql.charAt(i) == '$')) {
                    i++;
                }
                out.add(sql.substring(s, i).toLowerCase(Locale.ROOT));
            } else {
                out.add(String.valueOf(c));
                i++;
            }
        }
        return out;
    }

    /**
     * The SQL-like texts of a Java source: its string literals and text blocks, comments skipped, literals joined by
     * {@code +} (with nothing else between) read as one text; any other code between literals ends a text.
     */
    static List<String> sqlTexts(String src) {
        List<String> texts = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean joinable = false;
        int n = src.length();
        int i = 0;
        while (i < n) {
            char c = src.charAt(i);
            if (c == '/' && i + 1 < n && src.charAt(i + 1) == '/') {
                while (i < n && src.charAt(i) != '\n') {
                    i++;
                }
            } else if (c == '/' && i + 1 < n && src.charAt(i + 1) == '*') {
                int end = src.indexOf("*/", i + 2);
                i = end < 0 ? n : end + 2;
            } else if (src.startsWith("\"\"\"", i)) {
                int start = src.indexOf('\n', i) + 1;
                int end = start;
                while (true) {
                    end = src.indexOf("\"\"\"", end);
                    if (end < 0 || src.charAt(end - 1) != '\\') {
                        break;
                    }
                    end++;
                }
                end = end < 0 ? n : end;
                if (!joinable) {
                    flush(current, texts);
                }
                current.append(src, start, end).append(' ');
                i = Math.min(n, end + 3);
                joinable = true;
            } else if (c == '"') {
                int s = ++i;
                while (i < n && src.charAt(i) != '"') {
                    i += src.charAt(i) == '\\' ? 2 : 1;
                }
                if (!joinable) {
                    flush(current, texts);
                }
                current.append(unescape(src.substring(s, Math.min(i, n))));
                i++;
                joinable = true;
            } else if (c == '\'') {
                // a char literal: '"' must not open a string
                i++;
                while (i < n && src.charAt(i) != '\'') {
                    i += src.charAt(i) == '\\' ? 2 : 1;
                }
                i++;
                joinable = false;
            } else if (Character.isWhitespace(c) || c == '+') {
                i++;
            } else {
                joinable = false;
                i++;
            }
        }
        flush(current, texts);
        return texts;
    }

    private static void flush(StringBuilder current, List<String> texts) {
        if (current.length() > 0) {
            texts.add(current.toString());
            current.setLength(0);
        }
    }

    private static String unescape(String s) {
        return s.replace("\\n", "\n").replace("\\t", " ").replace("\\\"", "\"").replace("\\\\", "\\");
    }
}
