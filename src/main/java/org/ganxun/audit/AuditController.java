package org.ganxun.audit;

import org.ganxun.platform.excel.Workbooks;

import org.ganxun.platform.security.Requires;
import static org.ganxun.platform.security.Permission.*;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;
import org.ganxun.platform.web.BusinessException;
import org.ganxun.platform.web.Downloads;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/audit")
@Requires(AUDIT_VIEW)
class AuditController {

    private static final ZoneId ZONE = ZoneId.systemDefault(); // the users' clock: GanxunApplication.useUsersTimeZone
    private final AuditLog audit;
    private final AuditChain chain;
    private final Clock clock;

    AuditController(AuditLog audit, AuditChain chain, Clock clock) {
        this.clock = clock;
        this.audit = audit;
        this.chain = chain;
    }

    @GetMapping
    AuditLog.Page search(@RequestParam(required = false) String actor,
                         @RequestParam(required = false) String entityType,
                         @RequestParam(required = false) String entityId,
                         @RequestParam(required = false) String action,
                         @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                         @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
                         @RequestParam(defaultValue = "1") int page,
                         @RequestParam(defaultValue = "20") int size) {
        Instant f = from == null ? null : from.atStartOfDay(ZONE).toInstant();
        Instant t = to == null ? null : to.plusDays(1).atStartOfDay(ZONE).toInstant();
        int pageSize = Math.min(Math.max(size, 1), 200);
        AuditLog.Page result = audit.search(actor, entityType, entityId, action, f, t, page, pageSize);
        // reading the log is itself audited (等保: the audit administrator's own actions)
        Map<String, Object> filter = new LinkedHashMap<>();
        filter.put("actor", actor);
        filter.put("entityType", entityType);
        filter.put("entityId", entityId);
        filter.put("action", action);
        filter.put("from", from == null ? null : from.toString());
        filter.put("to", to == null ? null : to.toString());
        filter.put("page", page);
        filter.put("size", pageSize);
        audit.record("QUERY", "AuditLog", null, "查询审计日志：第" + page + "页 " + result.rows().size() + " 条（共 "
                + result.total() + " 条）", null, Map.of("filter", filter, "rows", result.rows().size(), "total", result.total()));
        return result;
    }

    /** The most entries one export holds; more must be narrowed down (by dates) first. */
    static final int MAX_EXPORT = 10_000;
    private static final java.time.format.DateTimeFormatter SECOND =
            java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZONE);

    /** The entries the filters select, as .xlsx (newest first). Audited as an export with the filter and count. */
    @GetMapping("/export")
    void export(@RequestParam(required = false) String actor,
                @RequestParam(required = false) String entityType,
                @RequestParam(required = false) String entityId,
                @RequestParam(required = false) String action,
                @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
                HttpServletResponse res) throws IOException {
        Instant f = from == null ? null : from.atStartOfDay(ZONE).toInstant();
        Instant t = to == null ? null : to.plusDays(1).atStartOfDay(ZONE).toInstant();
        AuditLog.Page p = audit.search(actor, entityType, entityId, action, f, t, 1, MAX_EXPORT);
        if (p.total() > MAX_EXPORT) {
            throw new BusinessException("符合条件的审计日志有 " + p.total() + " 条，一次最多导出 " + MAX_EXPORT
                    + " 条，请缩小日期范围后分批导出");
        }
        audit.recordExport("AuditLog", null, "审计日志", AuditLog.filter("actor", actor, "entityType", entityType,
                "entityId", entityId, "action", action, "from", from == null ? null : from.toString(),
                "to", to == null ? null : to.toString()), p.rows().size());
        List<String> head = List.of("时间", "操作人", "操作", "对象类型", "对象编号", "摘要", "变更前", "变更后", "IP地址");
        List<List<Object>> data = new ArrayList<>();
        for (AuditLog.Entry e : p.rows()) {
            data.add(java.util.Arrays.asList(SECOND.format(e.at()), e.actor(), e.actionLabel(), e.entityTypeLabel(),
                    e.entityId(), e.summary(), e.before(), e.after(), e.remoteAddr()));
        }
        Downloads.attachment(res, "审计日志-" + LocalDate.now(clock) + ".xlsx", Downloads.XLSX);
        Workbooks.table(res.getOutputStream(), "审计日志", head, data);
    }

    /**
     * Walks the whole hash chain and names the first entry that was changed, deleted or inserted. Audited
     * with its outcome.
     */
    @PostMapping("/verify")
    AuditChain.Verification verify() {
        AuditChain.Verification v = chain.verify();
        Map<String, Object> outcome = new LinkedHashMap<>();
        outcome.put("intact", v.intact());
        outcome.put("entries", v.entries());
        outcome.put("blocks", v.blocks());
        outcome.put("problem", v.problem());
        audit.record("VERIFY", "AuditLog", null, v.intact() ? "校验审计日志：完整（" + v.entries() + " 条）"
                : "校验审计日志：发现问题：" + v.problem().message(), null, outcome);
        return v;
    }

    /** The entity types and actions the filters offer, as {value, label} with Chinese labels. */
    @GetMapping("/facets")
    AuditLog.Facets facets() {
        return audit.facets();
    }
}
