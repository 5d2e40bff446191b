package org.ganxun.people.internal.profile;

import org.ganxun.platform.security.Requires;
import static org.ganxun.platform.security.Permission.*;
import java.io.ByteArrayOutputStream;
import java.time.LocalDate;

import org.ganxun.audit.AuditLog;
import org.ganxun.people.CadreQuery;
import org.ganxun.platform.web.Downloads;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/statistics/cadre-profile}: the cadre-profile table over the roster filters, as JSON or Excel.
 * A cadre account (which sees only its own record) has no use for it and is refused.
 */
@RestController
@RequestMapping("/api/statistics")
@Requires(STATS_VIEW)
class CadreProfileController {


    private final CadreProfileStatistics statistics;
    private final AuditLog audit;

    CadreProfileController(CadreProfileStatistics statistics, AuditLog audit) {
        this.audit = audit;
        this.statistics = statistics;
    }

    @GetMapping("/cadre-profile")
    CadreProfile profile(@ModelAttribute CadreQuery query,
                         @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate asOf) {
        return statistics.profile(query, asOf);
    }

    @GetMapping("/cadre-profile.xlsx")
    ResponseEntity<byte[]> profileExcel(@ModelAttribute CadreQuery query,
                                        @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate asOf) {
        CadreProfile p = statistics.profile(query, asOf);
        audit.recordExport("CadreProfile", null, "干部队伍结构统计（" + p.scopeName() + "，" + p.total() + "人）",
                AuditLog.filter("query", query, "asOf", p.asOf()), p.sections().stream().mapToInt(s -> s.items().size()).sum());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CadreProfileExcel.write(p, out);
        return Downloads.attachment(CadreProfileExcel.fileName(p), Downloads.XLSX, out.toByteArray());
    }
}
