package org.ganxun.security;

import java.io.ByteArrayInputStream;
import java.lang.reflect.Parameter;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.lang.reflect.WildcardType;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.ganxun.support.ApiSession;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.json.JsonMapper;

/**
 * The every-endpoint sweep: discovers the endpoints from the handler mappings, plans calls to each with B's
 * ids in every id-like slot, makes them as each A-side user and as an anonymous caller, and reports leaks.
 */
final class Sweep {

    /** One discovered endpoint: an HTTP method and a path pattern, and the Java method behind it. */
    record Endpoint(String method, String pattern, HandlerMethod handler) {
        String key() {
            return method + " " + pattern;
        }
    }

    /** One planned request. */
    /**
     * One planned request. {@code bField} names the one field pointing at B in a single-reference variant (null:
     * every id is B's), whose B ids are {@code bValues}.
     */
    record Call(String path, String json, SweepClient.Multipart file, boolean referencesB, String bField, Set<Long> bValues) {
        String describe() {
            return bField == null ? "" : " [only " + bField + " → B]";
        }

        /**
         * Whether a changed row (as JSON) holds one of the B ids in a column for the field's kind: for
         * {@code partyOrgId} a column ending in {@code party_org_id}, for {@code orgId} one ending in {@code org_id} but
         * not {@code party_org_id}, for {@code cadreIds} one ending in {@code cadre_id}.
         */
        boolean rowRefersToB(String row) {
            if (bField == null) {
                return false;
            }
            String kind = kindOfName(bField);
            String snake = kind.replaceAll("([A-Z])", "_$1").toLowerCase(Locale.ROOT);
            String column = kind.equals("org") ? "(?![a-z_]*party_org_id)[a-z_]*org_id" : "[a-z_]*" + snake + "_id";
            for (Long id : bValues) {
                if (Pattern.compile("\"" + column + "\":" + id + "[,}]").matcher(row).find()) {
                    return true;
                }
            }
            return false;
        }
    }

    /** A finding, as the table prints it. */
    record Finding(String method, String path, String role, int status, String why) {
    }

    /**
     * Endpoints anonymous callers may use: the login's CSRF token, the public pages reached by a link or QR code
     * with an unguessable token (certificate verification, survey answering, online party study), and Spring
     * Boot's error page (which carries no data).
     */
    static final List<String> PUBLIC = List.of("/api/auth/csrf", "/api/public/", "/error");

    static boolean isPublic(String pattern) {
        return PUBLIC.stream().anyMatch(p -> p.endsWith("/") ? pattern.startsWith(p) : pattern.equals(p));
    }

    /** Path segments and parameter stems naming the kind of id that follows them. */
    private static final Map<String, String> SEGMENT_KIND = Map.ofEntries(
            Map.entry("classes", "class"), Map.entry("cadres", "cadre"), Map.entry("orgs", "org"),
            Map.entry("party-orgs", "partyOrg"), Map.entry("members", "member"), Map.entry("activities", "activity"),
            Map.entry("materials", "material"), Map.entry("templates", "template"), Map.entry("broadcasts", "broadcast"),
            Map.entry("sites", "site"), Map.entry("equipment", "equipment"), Map.entry("site-alerts", "alert"),
            Map.entry("lecturers", "lecturer"), Map.entry("visits", "visit"), Map.entry("surveys", "survey"),
            Map.entry("forums", "forum"), Map.entry("users", "user"), Map.entry("instructors", "instructor"),
            Map.entry("sessions", "session"), Map.entry("leaves", "leave"), Map.entry("certificates", "certificate"),
            Map.entry("enrollments", "enrollment"), Map.entry("entries", "entry"), Map.entry("online-imports", "onlineImport"),
            Map.entry("import", "importJob"), Map.entry("programmes", "programme"), Map.entry("posts", "post"),
            Map.entry("candidates", "candidate"), Map.entry("postings", "posting"), Map.entry("logs", "log"),
            Map.entry("notifications", "notification"), Map.entry("plans", "plan"), Map.entry("providers", "provider"),
            Map.entry("proposals", "proposal"), Map.entry("courses", "course"), Map.entry("catalogue", "course"),
            Map.entry("assignments", "assignment"),
            Map.entry("exams", "exam"), Map.entry("questions", "question"), Map.entry("attempts", "attempt"));

    private static final Pattern VAR = Pattern.compile("\\{\\*?(\\w+)(?::[^}]*)?}");

    private final SweepWorld world;
    private final JsonMapper json = JsonMapper.builder().build();

    Sweep(SweepWorld world) {
        this.world = world;
    }

    static List<Endpoint> discover(RequestMappingHandlerMapping mapping, Predicate<String> include) {
        List<Endpoint> out = new ArrayList<>();
        for (Map.Entry<RequestMappingInfo, HandlerMethod> e : mapping.getHandlerMethods().entrySet()) {
            RequestMappingInfo info = e.getKey();
            Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
            for (String pattern : info.getPatternValues()) {
                if (!include.test(pattern)) {
                    continue;
                }
                if (methods.isEmpty()) {
                    out.add(new Endpoint("GET", pattern, e.getValue()));
                }
                for (RequestMethod m : methods) {
                    out.add(new Endpoint(m.name(), pattern, e.getValue()));
                }
            }
        }
        // reads first, so that a write that wrongly succeeds cannot hide a read leak; deletions last
        out.sort(Comparator.comparing((Endpoint x) -> switch (x.method()) {
            case "GET", "HEAD" -> 0;
            case "DELETE" -> 2;
            default -> 1;
        }).thenComparing(Endpoint::pattern));
        return out;
    }

    // ---------------------------------------------------------------- planning

    /**
     * The calls for an endpoint: first with B's ids in every id-like slot (path, query, body; one call per B id of
     * the path's kind); then, when the caller's own side has ids of the path's kinds, one call per top-level id-like
     * field with only that field pointing at B and everything else at A, so that one unchecked reference among
     * checked ones shows.
     */
    List<Call> plan(Endpoint e) {
        List<Call> calls = new ArrayList<>();
        Holder all = new Holder(null);
        Variant base = variant(e, all);
        Map<String, List<String>> vars = new LinkedHashMap<>();
        Map<String, String> aVars = new LinkedHashMap<>();
        boolean pathRefsB = false;
        boolean aPathPossible = true;
        Matcher m = VAR.matcher(e.pattern());
        while (m.find()) {
            String name = m.group(1);
            if (name.equals("token") || name.equals("serial") || name.equals("path")) {
                vars.put(name, List.of("sweep-no-such-" + name));
                aVars.put(name, "sweep-no-such-" + name);
                continue;
            }
            String kind = kindOfVar(e.pattern(), m.start(), name);
            // a shared object (B's lecturer in the county pool) is B's to change, anyone's to read
            vars.put(name, world.shared.containsKey(kind) ? List.of(String.valueOf(world.shared.get(kind)))
                    : idsOf(kind).stream().map(String::valueOf).toList());
            Set<Long> a = world.aIds.get(kind);
            if (a == null || a.isEmpty()) {
                aPathPossible = false;
            } else {
                aVars.put(name, String.valueOf(a.iterator().next()));
            }
            pathRefsB = true;
        }
        int n = vars.values().stream().mapToInt(List::size).max().orElse(1);
        for (int i = 0; i < n; i++) {
            final int at = i;
            calls.add(base.call(fill(e.pattern(), v -> vars.get(v).get(Math.min(at, vars.get(v).size() - 1))), pathRefsB));
        }
        if (aPathPossible) {
            for (String field : all.idNames) {
                Holder one = new Holder(field);
                Variant v = variant(e, one);
                if (one.refsB) {
                    calls.add(v.call(fill(e.pattern(), aVars::get), false));
                }
            }
        }
        return calls;
    }

    private static String fill(String pattern, java.util.function.Function<String, String> value) {
        Matcher vm = VAR.matcher(pattern.replace("/**", "/x"));
        StringBuilder sb = new StringBuilder();
        while (vm.find()) {
            vm.appendReplacement(sb, Matcher.quoteReplacement(value.apply(vm.group(1))));
        }
        vm.appendTail(sb);
        return sb.toString();
    }

    /** The query, body and parts of one call. */
    private record Variant(String query, String body, List<SweepClient.Part> parts, boolean refsB, String bField, Set<Long> bValues) {
        Call call(String path, boolean pathRefsB) {
            return new Call(path + (query.isEmpty() ? "" : "?" + query), body,
                    parts.isEmpty() ? null : new SweepClient.Multipart(parts), refsB || pathRefsB, bField, bValues);
        }
    }

    private Variant variant(Endpoint e, Holder h) {
        StringBuilder query = new StringBuilder();
        String body = null;
        List<SweepClient.Part> parts = new ArrayList<>();
        for (MethodParameter p : e.handler().getMethodParameters()) {
            Parameter jp = p.getParameter();
            Class<?> type = p.getParameterType();
            RequestParam rp = p.getParameterAnnotation(RequestParam.class);
            RequestPart part = p.getParameterAnnotation(RequestPart.class);
            if (MultipartFile.class.isAssignableFrom(type) || part != null) {
                String field = part != null && !part.name().isEmpty() ? part.name() : part != null && !part.value().isEmpty() ? part.value()
                        : rp != null && !rp.name().isEmpty() ? rp.name() : rp != null && !rp.value().isEmpty() ? rp.value() : jp.getName();
                if (MultipartFile.class.isAssignableFrom(type)) {
                    parts.add(SweepFiles.partFor(e.pattern(), field));
                } else {
                    // a JSON part (e.g. the form that comes with an attachment)
                    parts.add(new SweepClient.Part(field, null, "application/json",
                            json.writeValueAsBytes(generate(p.getGenericParameterType(), "", 0, h))));
                }
            } else if (p.hasParameterAnnotation(RequestBody.class)) {
                body = json.writeValueAsString(generate(p.getGenericParameterType(), "", 0, h));
            } else if (rp != null) {
                if (Map.class.isAssignableFrom(type)) {
                    continue;
                }
                String name = !rp.name().isEmpty() ? rp.name() : !rp.value().isEmpty() ? rp.value() : jp.getName();
                if (isIdish(name)) {
                    appendQuery(query, name, generate(p.getGenericParameterType(), name, 1, h));
                } else if (rp.required() && rp.defaultValue().equals(org.springframework.web.bind.annotation.ValueConstants.DEFAULT_NONE)) {
                    appendQuery(query, name, generate(p.getGenericParameterType(), name, 1, h));
                }
            } else if (p.getParameterAnnotations().length == 0 && type.isRecord()) {
                // a query object bound from parameters (@ModelAttribute): its id-like fields get ids
                for (RecordComponent rc : type.getRecordComponents()) {
                    if (isIdish(rc.getName())) {
                        appendQuery(query, rc.getName(), generate(rc.getGenericType(), rc.getName(), 1, h));
                    }
                }
            }
        }
        return new Variant(query.toString(), body, parts, h.refsB, h.bOnly, Set.copyOf(h.bValues));
    }

    private static void appendQuery(StringBuilder q, String name, Object v) {
        if (v instanceof Collection<?> c) {
            for (Object x : c) {
                appendQuery(q, name, x);
            }
            return;
        }
        if (v == null || v instanceof Map) {
            return;
        }
        if (!q.isEmpty()) {
            q.append('&');
        }
        q.append(ApiSession.q(name)).append('=').append(ApiSession.q(String.valueOf(v)));
    }

    private String kindOfVar(String pattern, int at, String name) {
        if (!name.equals("id")) {
            return kindOfName(name);
        }
        String before = pattern.substring(0, at);
        String[] segs = before.split("/");
        String seg = segs.length == 0 ? "" : segs[segs.length - 1];
        return SEGMENT_KIND.getOrDefault(seg, "?");
    }

    /** "cadreIds" → cadre, "scopePartyOrgId" → partyOrg, "receivingOrgId" → org, "id" → ?. */
    static String kindOfName(String name) {
        String stem = name.replaceAll("Ids?$", "");
        String lower = stem.toLowerCase(Locale.ROOT);
        if (lower.contains("party")) {
            return "partyOrg";
        }
        if (lower.endsWith("org")) {
            return "org";
        }
        if (lower.isEmpty()) {
            return "?";
        }
        return stem.substring(0, 1).toLowerCase(Locale.ROOT) + stem.substring(1);
    }

    static boolean isIdish(String name) {
        return name.endsWith("Id") || name.endsWith("Ids");
    }

    /** B's ids of the kind; for a kind the world lacks, B's ids of every kind (each is out of scope). */
    List<Long> idsOf(String kind) {
        Set<Long> own = world.bIds.get(kind);
        if (own != null && !own.isEmpty()) {
            return List.copyOf(own);
        }
        Set<Long> all = new LinkedHashSet<>();
        world.bIds.values().forEach(all::addAll);
        return List.copyOf(all);
    }

    /**
     * State of one call's generation: {@code bOnly} is the one top-level id field to point at B (null: all of
     * them); the names of the top-level id fields met are collected.
     */
    private static final class Holder {
        final String bOnly;
        boolean refsB;
        final Set<Long> bValues = new LinkedHashSet<>();
        final Set<String> idNames = new LinkedHashSet<>();

        Holder(String bOnly) {
            this.bOnly = bOnly;
        }

        boolean useB(String name, int depth) {
            if (depth <= 1) {
                idNames.add(name);
            }
            return bOnly == null || (depth <= 1 && bOnly.equals(name));
        }
    }

    private Long aIdOf(String kind) {
        Set<Long> a = world.aIds.get(kind);
        return a == null || a.isEmpty() ? null : a.iterator().next();
    }

    /** A plausible JSON value for a Java type, with B's ids in id-like fields. */
    private Object generate(Type t, String name, int depth, Holder h) {
        if (t instanceof WildcardType w) {
            return generate(w.getUpperBounds()[0], name, depth, h);
        }
        if (t instanceof ParameterizedType pt) {
            Class<?> raw = (Class<?>) pt.getRawType();
            if (Collection.class.isAssignableFrom(raw)) {
                Type el = pt.getActualTypeArguments()[0];
                if (isIdish(name)) {
                    if (world.shared.containsKey(kindOfName(name))) {
                        return List.of(world.shared.get(kindOfName(name)));
                    }
                    if (h.useB(name, depth)) {
                        h.refsB = true;
                        List<Long> ids = idsOf(kindOfName(name)).stream().limit(3).toList();
                        h.bValues.addAll(ids);
                        return ids;
                    }
                    Long a = aIdOf(kindOfName(name));
                    return a == null ? List.of() : List.of(a);
                }
                return depth > 3 ? List.of() : List.of(generate(el, singular(name), depth + 1, h));
            }
            if (Map.class.isAssignableFrom(raw)) {
                return Map.of();
            }
            return generate(raw, name, depth, h);
        }
        if (!(t instanceof Class<?> c)) {
            return null;
        }
        String lower = name.toLowerCase(Locale.ROOT);
        if (c == Long.class || c == long.class || c == Integer.class || c == int.class || c == Short.class || c == short.class) {
            if (isIdish(name) || name.equals("id")) {
                if (name.equals("id") || name.equals("version")) {
                    return null;
                }
                if (world.shared.containsKey(kindOfName(name))) {
                    return world.shared.get(kindOfName(name));
                }
                if (h.useB(name, depth)) {
                    h.refsB = true;
                    Long id = idsOf(kindOfName(name)).get(0);
                    h.bValues.add(id);
                    return id;
                }
                return aIdOf(kindOfName(name));
            }
            if (lower.contains("year")) {
                return LocalDate.now().getYear();
            }
            if (lower.equals("version")) {
                return null;
            }
            return 1;
        }
        if (c == String.class) {
            if (lower.contains("phone")) {
                return "13800001234";
            }
            if (lower.contains("citizen")) {
                return org.ganxun.support.Fixture.citizenId(LocalDate.of(1981, 1, 1), true);
            }
            if (lower.contains("password")) {
                return "Sweep#Pass2026x";
            }
            if (lower.contains("username")) {
                return org.ganxun.support.Fixture.unique("sweep");
            }
            if (lower.contains("code") || lower.contains("token") || lower.contains("requestid")) {
                return org.ganxun.support.Fixture.unique("sw");
            }
            if (lower.contains("email")) {
                return "sweep@example.com";
            }
            return "扫描测试";
        }
        if (c == BigDecimal.class || c == Double.class || c == double.class || c == Float.class || c == float.class) {
            return 1;
        }
        if (c == Boolean.class || c == boolean.class) {
            return false;
        }
        if (c == LocalDate.class) {
            return LocalDate.now(ZoneId.of("Asia/Shanghai")).plusDays(1).toString();
        }
        if (c == LocalTime.class) {
            return lower.contains("end") ? "11:00" : "09:00";
        }
        if (c == LocalDateTime.class) {
            return LocalDateTime.now().withNano(0).toString();
        }
        if (c == Instant.class || c == OffsetDateTime.class) {
            return Instant.now().toString();
        }
        if (c.isEnum()) {
            Object[] values = c.getEnumConstants();
            // a role: the least privileged (listed last), so that a refusal is about the scope, not the role
            int pick = lower.equals("role") ? values.length - 1 : 0;
            return values.length == 0 ? null : ((Enum<?>) values[pick]).name();
        }
        if (c.isArray()) {
            return List.of();
        }
        if (c.getName().startsWith("tools.jackson") || c.getName().startsWith("com.fasterxml")) {
            return Map.of("pages", List.of(Map.of("name", "page1", "elements", List.of())));
        }
        if (c.isRecord() && depth <= 3) {
            Map<String, Object> out = new LinkedHashMap<>();
            for (RecordComponent rc : c.getRecordComponents()) {
                out.put(rc.getName(), generate(rc.getGenericType(), rc.getName(), depth + 1, h));
            }
            return out;
        }
        return Map.of();
    }

    private static String singular(String name) {
        return name.endsWith("s") ? name.substring(0, name.length() - 1) : name;
    }

    // ---------------------------------------------------------------- detection

    /** The response's text as a reader would get it: JSON or text, the XML inside a workbook or zip, a PDF's text. */
    static String text(SweepClient.Result r) {
        byte[] b = r.body();
        if (b.length > 4 && b[0] == 'P' && b[1] == 'K') {
            StringBuilder sb = new StringBuilder();
            try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(b))) {
                ZipEntry e;
                while ((e = zip.getNextEntry()) != null) {
                    byte[] inner = zip.readNBytes(20_000_000);
                    sb.append(e.getName()).append('\n');
                    sb.append(text(new SweepClient.Result(200, "", inner))).append('\n');
                }
            } catch (Exception e) {
                sb.append(new String(b, StandardCharsets.UTF_8));
            }
            return sb.toString();
        }
        if (b.length > 4 && b[0] == '%' && b[1] == 'P' && b[2] == 'D' && b[3] == 'F') {
            StringBuilder sb = new StringBuilder();
            try {
                com.lowagie.text.pdf.PdfReader reader = new com.lowagie.text.pdf.PdfReader(b);
                com.lowagie.text.pdf.parser.PdfTextExtractor ex = new com.lowagie.text.pdf.parser.PdfTextExtractor(reader);
                for (int i = 1; i <= reader.getNumberOfPages(); i++) {
                    sb.append(ex.getTextFromPage(i)).append('\n');
                }
                reader.close();
            } catch (Exception e) {
                sb.append("[unreadable PDF: ").append(e).append(']');
            }
            return sb.toString();
        }
        return new String(b, StandardCharsets.UTF_8);
    }
}
