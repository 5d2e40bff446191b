package org.ganxun.partyedu.internal.site;

import org.ganxun.platform.web.PlainText;
import jakarta.validation.constraints.Size;
import jakarta.validation.Valid;
import org.ganxun.platform.security.Requires;
import static org.ganxun.platform.security.Permission.*;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Remote education sites, equipment, session logs and alerts. */
@RestController
@RequestMapping("/api/partyedu")
@Requires(PARTYEDU_MANAGE)
class SiteController {

    private final RemoteSites sites;
    private final SiteAlerts alerts;
    private final Clock clock;

    SiteController(RemoteSites sites, SiteAlerts alerts, Clock clock) {
        this.clock = clock;
        this.sites = sites;
        this.alerts = alerts;
    }

    record ResolveRequest(@Size(max = 300, message = "处理情况最多{max}个字") @PlainText(message = "处理情况不能包含网页标记或脚本") String resolution) {
    }

    @GetMapping("/sites")
    RemoteSites.SitePage list(@RequestParam(required = false) Long orgId, @RequestParam(required = false) String name,
                              @RequestParam(defaultValue = "false") boolean byName,
                              @RequestParam(defaultValue = "1") int page, @RequestParam(defaultValue = "20") int size) {
        return sites.page(orgId, name, byName, page, size);
    }

    @GetMapping("/sites/rules")
    Map<String, Integer> rules() {
        return Map.of("equipmentDownDays", alerts.downDays(), "escalateTownshipDays", alerts.townshipDays(),
                "escalateCountyDays", alerts.countyDays());
    }

    @PostMapping("/sites")
    @Requires(PARTYEDU_SITE_MANAGE)
    RemoteSites.Site create(@Valid @RequestBody RemoteSites.SiteRequest r) {
        return sites.create(r);
    }

    @GetMapping("/sites/{id}")
    RemoteSites.Site get(@PathVariable long id) {
        return sites.get(id);
    }

    @PutMapping("/sites/{id}")
    @Requires(PARTYEDU_SITE_MANAGE)
    RemoteSites.Site update(@PathVariable long id, @Valid @RequestBody RemoteSites.SiteRequest r) {
        return sites.update(id, r);
    }

    @GetMapping("/sites/{id}/equipment")
    List<RemoteSites.Equipment> equipment(@PathVariable long id) {
        return sites.equipment(id);
    }

    @PostMapping("/sites/{id}/equipment")
    @Requires(PARTYEDU_SITE_MANAGE)
    RemoteSites.Equipment addEquipment(@PathVariable long id, @Valid @RequestBody RemoteSites.EquipmentRequest r) {
        return sites.saveEquipment(id, null, r);
    }

    @PutMapping("/sites/{id}/equipment/{equipmentId}")
    @Requires(PARTYEDU_SITE_MANAGE)
    RemoteSites.Equipment updateEquipment(@PathVariable long id, @PathVariable long equipmentId, @Valid @RequestBody RemoteSites.EquipmentRequest r) {
        return sites.saveEquipment(id, equipmentId, r);
    }

    @GetMapping("/sites/{id}/sessions")
    List<RemoteSites.SessionLog> sessions(@PathVariable long id, @RequestParam(required = false) Integer year) {
        return sites.sessions(id, year);
    }

    @PostMapping("/sites/{id}/sessions")
    RemoteSites.SessionLog addSession(@PathVariable long id, @Valid @RequestBody RemoteSites.SessionRequest r) {
        return sites.addSession(id, r);
    }

    @GetMapping("/site-alerts")
    List<SiteAlerts.Alert> alerts(@RequestParam(defaultValue = "false") boolean includeResolved,
                                  @RequestParam(required = false) Long siteId) {
        return alerts.list(includeResolved, siteId);
    }

    @PostMapping("/site-alerts/{id}/resolve")
    @Requires(PARTYEDU_SITE_MANAGE)
    SiteAlerts.Alert resolve(@PathVariable long id, @Valid @RequestBody ResolveRequest r) {
        return alerts.resolve(id, r.resolution());
    }

    /** Runs today's evaluation now (it also runs every morning). */
    @PostMapping("/site-alerts/evaluate")
    @Requires(PARTYEDU_ADMIN)
    SiteAlerts.Run evaluate() {
        return alerts.evaluate(LocalDate.now(clock));
    }
}
