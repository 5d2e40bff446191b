package org.ganxun.archive.internal.statistics;

import org.ganxun.platform.security.Requires;
import static org.ganxun.platform.security.Permission.*;
import java.io.ByteArrayOutputStream;
import java.time.Clock;
import java.time.Year;

import org.ganxun.audit.AuditLog;
import org.ganxun.people.CadreQuery;
import org.ganxun.platform.web.Downloads;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/statistics/training}: the year's training figures over the roster filters, as JSON or Excel. */
@RestController
@RequestMapping("/api/statistics")
@Requires(STATS_VIEW)
class TrainingStatisticsController {


    private final TrainingStatistics statistics;
    private final AuditLog audit;
    private final Clock clock;

    TrainingStatisticsController(TrainingStatistics statistics, AuditLog audit, Clock clock) {
        this.clock = clock;
        this.audit = audit;
        this.statistics = statistics;
    }

    @GetMapping("/training")
    TrainingStatistics.Report report(@RequestParam(required = false) Integer year, @ModelAttribute CadreQuery query) {
        return statistics.report(year == null ? Year.now(clock).getValue() : year, query);
    }

    @GetMapping("/training.xlsx")
    ResponseEntity<byte[]> excel(@RequestParam(required = false) Integer year, @ModelAttribute CadreQuery query) {
        TrainingStatistics.Report r = statistics.report(year == null ? Year.now(clock).getValue() : year, query);
        audit.recordExport("TrainingStatistics", null, "干部教育培训统计（" + r.year() + "年）",
                AuditLog.filter("year", r.year(), "query", query), r.byRank().size() + r.byUnit().size());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        TrainingStatisticsExcel.write(r, out);
        return Downloads.attachment(TrainingStatisticsExcel.fileName(r), Downloads.XLSX, out.toByteArray());
    }
}
