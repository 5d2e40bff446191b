package org.ganxun.audit;

import org.ganxun.platform.security.Requires;
import static org.ganxun.platform.security.Permission.*;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/audit")
@Requires(AUDIT_VIEW)
class AuditController {

    private static final ZoneId ZONE = ZoneId.systemDefault(); // the users' clock: GanxunApplication.useUsersTimeZone
    private final AuditLog audit;

    AuditController(AuditLog audit) {
        this.audit = audit;
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
        return audit.search(actor, entityType, entityId, action, f, t, page, Math.min(Math.max(size, 1), 200));
    }

    /** The entity types and actions the filters offer, as {value, label} with Chinese labels. */
    @GetMapping("/facets")
    AuditLog.Facets facets() {
        return audit.facets();
    }
}
