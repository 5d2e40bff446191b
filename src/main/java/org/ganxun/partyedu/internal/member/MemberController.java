package org.ganxun.partyedu.internal.member;

import jakarta.validation.Valid;
import org.ganxun.platform.web.PlainText;
import jakarta.validation.constraints.Size;
import org.ganxun.partyedu.ActivityKind;
import org.ganxun.partyedu.ContactVia;
import org.ganxun.partyedu.MemberCategory;
import org.ganxun.partyedu.MemberView;
import org.ganxun.partyedu.Members;
import org.ganxun.partyedu.StudyActivities;
import org.ganxun.platform.web.Downloads;
import org.ganxun.partyedu.internal.message.Broadcasts;
import org.ganxun.partyedu.internal.mobileclassroom.MobileClassroom;
import org.ganxun.partyedu.internal.site.RemoteSites;
import org.ganxun.partyedu.internal.statistics.PartyEduStatistics;
import org.ganxun.platform.web.Option;

import org.ganxun.platform.security.Requires;
import static org.ganxun.platform.security.Permission.*;
import org.ganxun.platform.security.SignedIn;
import java.io.IOException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;
import org.ganxun.audit.AuditLog;
import org.springframework.http.MediaType;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Party members, mobile members, their alerts and cards. */
@RestController
@RequestMapping("/api/partyedu")
@Requires(PARTYEDU_MANAGE)
class MemberController {

    private final Members members;
    private final MobileMemberAlerts alerts;
    private final MemberCards cards;
    private final AuditLog audit;
    private final Clock clock;

    MemberController(Members members, MobileMemberAlerts alerts, MemberCards cards, AuditLog audit, Clock clock) {
        this.clock = clock;
        this.audit = audit;
        this.members = members;
        this.alerts = alerts;
        this.cards = cards;
    }

    record ContactRequest(LocalDate contactedOn, ContactVia via, @Size(max = 500, message = "联系情况最多{max}个字") @PlainText(message = "联系情况不能包含网页标记或脚本") String note) {
    }

    @GetMapping("/dictionaries")
    @SignedIn("code lists for selects, nothing personal")
    Map<String, Object> dictionaries() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("category", Option.of(MemberCategory.values(), MemberCategory::label));
        m.put("contactVia", Option.of(ContactVia.values(), ContactVia::label));
        m.put("memberStatus", Option.of(Members.Status.values(), Members.Status::label));
        m.put("activityKind", Option.of(ActivityKind.values(), ActivityKind::label));
        m.put("attendanceMode", Option.of(StudyActivities.Mode.values(), StudyActivities.Mode::label));
        m.put("equipmentStatus", Option.of(RemoteSites.EquipmentStatus.values(), RemoteSites.EquipmentStatus::label));
        m.put("visitStatus", Option.of(MobileClassroom.VisitStatus.values(), MobileClassroom.VisitStatus::label));
        m.put("placeholders", Broadcasts.PLACEHOLDERS);
        return m;
    }

    @GetMapping("/members")
    Members.Page page(Members.MemberQuery query, @RequestParam(defaultValue = "1") int page,
                      @RequestParam(defaultValue = "20") int size) {
        return members.page(query, page, size);
    }

    @GetMapping("/members/export")
    void export(Members.MemberQuery query, HttpServletResponse res) throws IOException {
        List<MemberView> list = members.list(query);
        audit.recordExport("PartyMember", null, "党员名册", query, list.size());
        Downloads.attachment(res, "党员名册-" + LocalDate.now(clock) + ".xlsx", Downloads.XLSX);
        PartyEduStatistics.writeMembers(list, res.getOutputStream());
    }

    @GetMapping("/members/groups")
    List<String> groups() {
        return members.groups();
    }

    @GetMapping("/members/{id}")
    MemberView get(@PathVariable long id) {
        return members.get(id);
    }

    @PostMapping("/members")
    MemberView create(@Valid @RequestBody Members.MemberForm form) {
        return members.create(form);
    }

    @PutMapping("/members/{id}")
    MemberView update(@PathVariable long id, @Valid @RequestBody Members.MemberForm form) {
        return members.update(id, form);
    }

    @GetMapping("/members/{id}/contacts")
    List<Members.Contact> contacts(@PathVariable long id) {
        return members.contacts(id);
    }

    @PostMapping("/members/{id}/contacts")
    MemberView contact(@PathVariable long id, @Valid @RequestBody ContactRequest r) {
        return members.recordContact(id, r.contactedOn(), r.via(), r.note());
    }

    @GetMapping("/members/{id}/card")
    ResponseEntity<byte[]> card(@PathVariable long id) {
        MemberCards.Pdf pdf = cards.member(id);
        audit.recordExport("PartyMember", id, "党员信息卡：" + pdf.fileName(), AuditLog.filter("memberId", id), pdf.members());
        return Downloads.attachment(pdf.fileName(), MediaType.APPLICATION_PDF, pdf.content());
    }

    @GetMapping("/cards")
    ResponseEntity<byte[]> branchCards(@RequestParam long partyOrgId) {
        MemberCards.Pdf pdf = cards.branch(partyOrgId);
        audit.recordExport("PartyMember", null, "党员信息卡：" + pdf.fileName(), AuditLog.filter("partyOrgId", partyOrgId),
                pdf.members());
        return Downloads.attachment(pdf.fileName(), MediaType.APPLICATION_PDF, pdf.content());
    }

    /**
     * One page of the mobile members' alerts, with the count of each kind over all of them. The rule is applied in
     * Java to the scope's mobile members (a share of the members); the browser gets a page, not the county.
     */
    @GetMapping("/mobile-alerts")
    Map<String, Object> alerts(@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate asOf,
                               @RequestParam(required = false) Long partyOrgId, @RequestParam(required = false) MobileMemberAlerts.Kind kind,
                               @RequestParam(defaultValue = "1") int page, @RequestParam(defaultValue = "20") int size) {
        List<MobileMemberAlerts.Alert> all = alerts.inScope(asOf == null ? LocalDate.now(clock) : asOf, partyOrgId);
        Map<String, Long> byKind = new LinkedHashMap<>();
        for (MobileMemberAlerts.Kind k : MobileMemberAlerts.Kind.values()) {
            byKind.put(k.name(), all.stream().filter(a -> a.kind() == k).count());
        }
        List<MobileMemberAlerts.Alert> matching = kind == null ? all : all.stream().filter(a -> a.kind() == kind).toList();
        int pg = Math.max(page, 1);
        int sz = Math.min(Math.max(size, 1), 500);
        long from = Math.min((long) (pg - 1) * sz, matching.size());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("rows", matching.subList((int) from, (int) Math.min(from + sz, matching.size())));
        out.put("total", matching.size());
        out.put("page", pg);
        out.put("size", sz);
        out.put("byKind", byKind);
        return out;
    }

    @PostMapping("/mobile-alerts/notify")
    @Requires(PARTYEDU_ADMIN)
    Map<String, Integer> notifySecretaries() {
        return Map.of("sent", alerts.notifySecretaries(LocalDate.now(clock)));
    }
}
