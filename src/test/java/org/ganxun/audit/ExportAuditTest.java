package org.ganxun.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Stream;

import jakarta.servlet.http.HttpServletResponse;
import org.ganxun.archive.ArchiveEntries;
import org.ganxun.archive.CreditSource;
import org.ganxun.archive.Delivery;
import org.ganxun.archive.QuantityUnit;
import org.ganxun.archive.TrainingType;
import org.ganxun.partyedu.MemberCategory;
import org.ganxun.partyedu.Members;
import org.ganxun.people.RankLevel;
import org.ganxun.platform.security.CurrentUser;
import org.ganxun.secondment.Direction;
import org.ganxun.secondment.Programmes;
import org.ganxun.support.Fixture;
import org.ganxun.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.ResolvableType;
import org.springframework.core.io.Resource;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every download of the running application is either audited (one EXPORT entry with the filter it was asked
 * for and how many rows it holds) or exempt with a reason. Downloads are found from the handler mappings: a
 * handler whose body is bytes, a resource or a stream, or that writes to the servlet response. A new one fails
 * {@link #everyDownloadIsListedHere} until it is added below, so none is added unaudited by accident.
 */
@IntegrationTest
class ExportAuditTest {

    /** Downloads that carry no personal data. */
    static final Map<String, String> EXEMPT = Map.ofEntries(
            Map.entry("GET /api/training/sessions/{id}/qr.png", "签到二维码：只含签到地址"),
            Map.entry("GET /api/surveys/{id}/qr.png", "问卷二维码：只含填写地址"),
            Map.entry("GET /v3/api-docs", "接口说明（springdoc）"),
            Map.entry("GET /v3/api-docs.yaml", "接口说明（springdoc）"),
            Map.entry("GET /api/partyedu/activities/{id}/materials/{materialId}", "学习材料：上传的课件"),
            Map.entry("GET /api/public/partyedu/study/{token}/materials/{materialId}", "学习材料：上传的课件（参学链接）"),
            Map.entry("GET /api/cadres/import/template", "空白导入模板"),
            Map.entry("GET /api/surveys/{id}/returns/template.xlsx", "空白答卷导入模板：只有题目"),
            Map.entry("GET /api/learning/courses/{id}/cover", "网络课程封面：图片"),
            Map.entry("GET /api/learning/courses/{id}/medium", "网络课程媒体：视频、音频或文档课件"),
            Map.entry("GET /api/learning/courses/{id}/package/**", "网络课程课件包：SCORM 课件的网页、脚本和媒体"));

    /**
     * Downloads whose fixtures (a completed class with certificates, a survey with returns, a finished import
     * job) are built by another test, which also checks the EXPORT entry: that test's file, and the call in it.
     */
    static final Map<String, List<String>> CHECKED_ELSEWHERE = Map.of(
            "GET /api/training/classes/{id}/certificates.pdf", List.of("classroom/CompletionTest.java", "certificates.batch("),
            "GET /api/training/certificates/{id}.pdf", List.of("classroom/CompletionTest.java", "/api/training/certificates/"),
            "GET /api/training/classes/{id}/dossier.zip", List.of("classroom/CompletionTest.java", "/dossier.zip"),
            "GET /api/surveys/{id}/report.docx", List.of("survey/SurveyTest.java", "report.render("),
            "GET /api/cadres/import/{id}/errors.xlsx", List.of("people/internal/importing/ImportApiTest.java", "/errors.xlsx"),
            "GET /api/archive/online-imports/{id}/errors.xlsx", List.of("archive/internal/online/OnlineImportTest.java", "/errors.xlsx"),
            "GET /api/planning/plans/{id}/budget.xlsx", List.of("planning/ClassExpensesTest.java", "/budget.xlsx"),
            "GET /api/planning/plans/{id}/report.docx", List.of("planning/EvaluationReportTest.java", "/report.docx"),
            "GET /api/exams/{id}/results.xlsx", List.of("exam/ExamApiTest.java", "\"results.xlsx\""),
            "GET /api/exams/{id}/analysis.xlsx", List.of("exam/ExamApiTest.java", "\"analysis.xlsx\""));

    @Autowired MockMvc mvc;
    @Autowired Fixture fixture;
    @Autowired JdbcClient jdbc;
    @Autowired JsonMapper json;
    @Autowired ArchiveEntries entries;
    @Autowired Members members;
    @Autowired Programmes programmes;
    @Autowired @Qualifier("requestMappingHandlerMapping") RequestMappingHandlerMapping mapping;

    final CurrentUser admin = Fixture.systemAdmin();
    /** The audit log's own export is the audit administrator's (三员分立). */
    final CurrentUser auditor = Fixture.auditAdmin();

    /** The county this test's downloads read, and what each one is expected to hold. */
    record County(long county, long town, long branch, long cadre, long entry, long member, long programme) {
    }

    /** A download: its address for the county, the entity type its entry names, the rows (-1: any count). */
    record Download(Function<County, String> url, String entityType, long rows) {
    }

    static final Map<String, Download> AUDITED = new TreeMap<>(Map.ofEntries(
            Map.entry("GET /api/audit/export",
                    new Download(c -> "/api/audit/export?entityType=Cadre&entityId=" + c.cadre, "AuditLog", 1)),
            Map.entry("GET /api/cadres/export", new Download(c -> "/api/cadres/export?orgId=" + c.town, "Cadre", 2)),
            Map.entry("GET /api/statistics/cadre-profile.xlsx",
                    new Download(c -> "/api/statistics/cadre-profile.xlsx?orgId=" + c.town, "CadreProfile", -1)),
            Map.entry("GET /api/statistics/training.xlsx",
                    new Download(c -> "/api/statistics/training.xlsx?orgId=" + c.town, "TrainingStatistics", -1)),
            Map.entry("GET /api/compliance/dashboard.xlsx",
                    new Download(c -> "/api/compliance/dashboard.xlsx?orgId=" + c.town, "ComplianceStanding", -1)),
            Map.entry("GET /api/compliance/cadres/{id}/archive.pdf",
                    new Download(c -> "/api/compliance/cadres/" + c.cadre + "/archive.pdf", "LearningArchive", 1)),
            Map.entry("GET /api/compliance/cadres/{id}/archive.xlsx",
                    new Download(c -> "/api/compliance/cadres/" + c.cadre + "/archive.xlsx", "LearningArchive", 1)),
            Map.entry("GET /api/archive/entries/{id}/attachment",
                    new Download(c -> "/api/archive/entries/" + c.entry + "/attachment", "ArchiveEntry", 1)),
            Map.entry("GET /api/partyedu/members/export",
                    new Download(c -> "/api/partyedu/members/export?partyOrgId=" + c.branch, "PartyMember", 2)),
            Map.entry("GET /api/partyedu/members/{id}/card",
                    new Download(c -> "/api/partyedu/members/" + c.member + "/card", "PartyMember", 1)),
            Map.entry("GET /api/partyedu/cards", new Download(c -> "/api/partyedu/cards?partyOrgId=" + c.branch, "PartyMember", 2)),
            Map.entry("GET /api/partyedu/statistics/export",
                    new Download(c -> "/api/partyedu/statistics/export?partyOrgId=" + c.branch, "PartyEduStatistics", -1)),
            Map.entry("GET /api/secondment/programmes/{id}/candidates.xlsx",
                    new Download(c -> "/api/secondment/programmes/" + c.programme + "/candidates.xlsx", "SecondmentCandidate", 0)),
            Map.entry("GET /api/secondment/programmes/{id}/evaluations.xlsx",
                    new Download(c -> "/api/secondment/programmes/" + c.programme + "/evaluations.xlsx", "SecondmentEvaluation", 0)),
            Map.entry("GET /api/secondment/refusals.xlsx",
                    new Download(c -> "/api/secondment/refusals.xlsx?programmeId=" + c.programme, "SecondmentCandidate", 0)),
            Map.entry("GET /api/secondment/statistics.xlsx",
                    new Download(c -> "/api/secondment/statistics.xlsx?fromYear=2020", "SecondmentStatistics", -1))));

    @Test
    void everyDownloadIsListedHere() throws IOException {
        TreeSet<String> downloads = downloads();
        assertThat(downloads).as("downloads found").contains("GET /api/cadres/export", "GET /api/partyedu/members/export");
        TreeSet<String> listed = new TreeSet<>(AUDITED.keySet());
        listed.addAll(CHECKED_ELSEWHERE.keySet());
        listed.addAll(EXEMPT.keySet());
        assertThat(downloads).as("a download must be audited (AuditLog.recordExport) and listed in AUDITED or"
                + " CHECKED_ELSEWHERE, or listed in EXEMPT with the reason it holds no personal data").isSubsetOf(listed);
        assertThat(listed).as("listed downloads that no longer exist").isSubsetOf(downloads);
        for (Map.Entry<String, List<String>> e : CHECKED_ELSEWHERE.entrySet()) {
            String test = Files.readString(Path.of("src/test/java/org/ganxun", e.getValue().get(0)));
            assertThat(test).as(e.getValue().get(0) + " downloads " + e.getKey() + " and checks its EXPORT entry")
                    .contains(e.getValue().get(1)).contains("action = 'EXPORT'");
        }
    }

    @Test
    void eachDownloadWritesOneExportEntryWithItsFilterAndRowCount() throws Exception {
        County c = county();
        List<String> failures = new ArrayList<>();
        for (Map.Entry<String, Download> e : AUDITED.entrySet()) {
            Download d = e.getValue();
            String url = d.url().apply(c);
            long before = jdbc.sql("select coalesce(max(id), 0) from audit_log").query(Long.class).single();
            CurrentUser who = url.startsWith("/api/audit") ? auditor : admin;
            MvcResult r = mvc.perform(get(url).with(user(who))).andReturn();
            if (r.getResponse().getStatus() != 200) {
                failures.add(url + " answered " + r.getResponse().getStatus() + " " + r.getResponse().getContentAsString());
                continue;
            }
            List<Map<String, Object>> written = jdbc.sql("""
                    select entity_type, summary, after_data::text as after from audit_log
                    where id > ? and action = 'EXPORT' and actor_username = ?""")
                    .params(before, who.username()).query().listOfRows();
            if (written.size() != 1) {
                failures.add(url + " wrote " + written.size() + " EXPORT entries");
                continue;
            }
            Map<String, Object> entry = written.get(0);
            JsonNode after = json.readTree((String) entry.get("after"));
            if (!d.entityType().equals(entry.get("entity_type"))) {
                failures.add(url + " names " + entry.get("entity_type") + ", expected " + d.entityType());
            }
            if (!after.has("filter") || !after.path("rows").isNumber()) {
                failures.add(url + " did not record its filter and row count: " + after);
            } else if (d.rows() >= 0 && after.path("rows").asLong() != d.rows()) {
                failures.add(url + " recorded " + after.path("rows") + " rows, expected " + d.rows());
            }
            if (!((String) entry.get("summary")).contains("（" + after.path("rows").asLong() + "条）")) {
                failures.add(url + " summary does not say how many rows: " + entry.get("summary"));
            }
        }
        assertThat(failures).isEmpty();
        // the filter is the one asked for: the township of the roster export
        assertThat(jdbc.sql("""
                select after_data -> 'filter' ->> 'orgId' from audit_log
                where action = 'EXPORT' and entity_type = 'Cadre' and actor_username = ? order by id desc limit 1""")
                .param(admin.username()).query(String.class).single()).isEqualTo(String.valueOf(c.town()));
    }

    private County county() {
        long county = fixture.org(null, Fixture.unique("导出县"), "COUNTY");
        long town = fixture.org(county, Fixture.unique("导出镇"), "TOWNSHIP");
        long committee = fixture.partyOrg(null, Fixture.unique("导出镇党委"), "COMMITTEE", town);
        long branch = fixture.partyOrg(committee, Fixture.unique("导出村党支部"), "BRANCH", town);
        long cadre = fixture.cadre("导出甲", town);
        fixture.cadre("导出乙", town);
        LocalDate on = LocalDate.now().minusDays(3);
        long entry = fixture.as(admin, () -> entries.record(new ArchiveEntries.EntryRequest(cadre, CreditSource.EXTERNAL_TRAINING,
                null, "导出测试专题班", "市委党校", on.minusDays(2), on, on, new BigDecimal("3"), QuantityUnit.DAYS, null,
                Delivery.CONCENTRATED, true, true, TrainingType.THEMATIC, "结业证书")).id());
        jdbc.sql("insert into archive_attachment (entry_id, file_name, content_type, size_bytes, content) values (?, ?, ?, ?, ?)")
                .params(entry, "证书.pdf", "application/pdf", 5, "%PDF-".getBytes()).update();
        long member = 0;
        for (String name : List.of("导出党员甲", "导出党员乙")) {
            Members.MemberForm f = new Members.MemberForm(name, Fixture.citizenId(LocalDate.of(1975, 4, 12), true),
                    LocalDate.of(2001, 7, 1), false, branch, "13800000000", MemberCategory.FARMER, List.of(), false, null, null,
                    null, false, null, null, null, null, null, null, null);
            member = fixture.as(admin, () -> members.create(f).id());
        }
        long programme = fixture.as(admin, () -> programmes.create(new Programmes.ProgrammeForm(Fixture.unique("导出挂职"),
                Direction.DOWNWARD, county, LocalDate.now().minusMonths(1), LocalDate.now().plusMonths(11), "到乡镇挂职",
                new BigDecimal("1000"), new BigDecimal("100"), new BigDecimal("100"), null, 3, List.of(RankLevel.STAFF),
                null, null, null, null, null, null, null, null, null, null, null, 7, List.of(town))).id());
        return new County(county, town, branch, cadre, entry, member, programme);
    }

    /** "METHOD /path" of every handler whose response is a file. */
    private TreeSet<String> downloads() {
        TreeSet<String> found = new TreeSet<>();
        for (Map.Entry<RequestMappingInfo, HandlerMethod> e : mapping.getHandlerMethods().entrySet()) {
            if (!returnsFile(e.getValue())) {
                continue;
            }
            RequestMappingInfo info = e.getKey();
            for (String path : info.getPatternValues()) {
                Stream<String> methods = info.getMethodsCondition().getMethods().isEmpty() ? Stream.of("ANY")
                        : info.getMethodsCondition().getMethods().stream().map(Enum::name);
                methods.forEach(m -> found.add(m + " " + path));
            }
        }
        return found;
    }

    static boolean returnsFile(HandlerMethod h) {
        ResolvableType type = ResolvableType.forMethodReturnType(h.getMethod());
        if (ResponseEntity.class.isAssignableFrom(type.toClass())) {
            type = type.getGeneric(0);
        }
        Class<?> body = type.toClass();
        if (body == byte[].class || Resource.class.isAssignableFrom(body) || StreamingResponseBody.class.isAssignableFrom(body)) {
            return true;
        }
        return h.getMethod().getReturnType() == void.class && Arrays.stream(h.getMethod().getParameterTypes())
                .anyMatch(p -> HttpServletResponse.class.isAssignableFrom(p) || OutputStream.class.isAssignableFrom(p));
    }
}
