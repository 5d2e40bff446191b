package org.ganxun.archive.internal;

import jakarta.validation.Valid;
import org.ganxun.archive.ArchiveEntries;
import org.ganxun.archive.ArchiveEntry;
import org.ganxun.archive.CreditSource;
import org.ganxun.archive.Delivery;
import org.ganxun.archive.QuantityUnit;
import org.ganxun.archive.TrainingType;
import org.ganxun.platform.web.PlainText;
import jakarta.validation.constraints.Size;
import org.ganxun.platform.security.Requires;
import static org.ganxun.platform.security.Permission.*;
import org.ganxun.platform.security.SignedIn;
import org.ganxun.platform.web.Downloads;
import java.io.IOException;
import java.util.List;
import java.util.Map;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

@RestController
@RequestMapping("/api/archive")
class ArchiveController {

    private final ArchiveEntries entries;
    private final GroupStudies groupStudies;

    ArchiveController(ArchiveEntries entries, GroupStudies groupStudies) {
        this.entries = entries;
        this.groupStudies = groupStudies;
    }

    record RejectRequest(@Size(max = 300, message = "退回理由最多{max}个字") @PlainText(message = "退回理由不能包含网页标记或脚本") String reason) {
    }

    @GetMapping("/cadres/{cadreId}/entries")
    @Requires({SELF_SERVICE, COMPLIANCE_VIEW, HOURS_RECORD, HOURS_APPROVE})
    List<ArchiveEntry> ofCadre(@PathVariable long cadreId) {
        return entries.of(cadreId);
    }

    @PostMapping("/entries")
    @Requires(HOURS_APPROVE)
    ArchiveEntry record(@Valid @RequestBody ArchiveEntries.EntryRequest req) {
        return entries.record(req);
    }

    /** External training reported with its evidence (multipart: {@code entry} as JSON, {@code file}). */
    @PostMapping(path = "/reports", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @Requires({SELF_SERVICE, HOURS_RECORD, HOURS_APPROVE})
    ArchiveEntry report(@Valid @RequestPart("entry") ArchiveEntries.EntryRequest req, @RequestPart("file") MultipartFile file) throws IOException {
        if (file.getSize() > ArchiveEntries.MAX_ATTACHMENT_BYTES) {
            throw new org.ganxun.platform.web.BusinessException(413, "证明材料不能超过10MB", List.of());
        }
        return entries.report(req, new ArchiveEntries.Attachment(file.getOriginalFilename(), file.getContentType(), file.getBytes()));
    }

    @GetMapping("/pending")
    @Requires(HOURS_APPROVE)
    ArchiveEntries.PendingPage pending(@RequestParam(defaultValue = "1") int page, @RequestParam(defaultValue = "20") int size) {
        return entries.pending(page, size);
    }

    @PostMapping("/entries/{id}/approve")
    @Requires(HOURS_APPROVE)
    ArchiveEntry approve(@PathVariable long id) {
        return entries.approve(id);
    }

    @PostMapping("/entries/{id}/reject")
    @Requires(HOURS_APPROVE)
    ArchiveEntry reject(@PathVariable long id, @Valid @RequestBody RejectRequest req) {
        return entries.reject(id, req.reason());
    }

    @GetMapping("/entries/{id}/attachment")
    @Requires({SELF_SERVICE, HOURS_RECORD, HOURS_APPROVE})
    ResponseEntity<byte[]> attachment(@PathVariable long id) {
        ArchiveEntries.Attachment a = entries.attachment(id);
        return Downloads.attachment(a.fileName() == null ? "attachment" : a.fileName(),
                a.contentType() == null ? MediaType.APPLICATION_OCTET_STREAM : MediaType.parseMediaType(a.contentType()), a.content());
    }

    @PostMapping("/group-studies")
    @Requires(HOURS_RECORD)
    GroupStudies.Session groupStudy(@Valid @RequestBody GroupStudies.SessionRequest req) {
        return groupStudies.record(req);
    }

    @GetMapping("/dictionaries")
    @SignedIn("code lists for selects, nothing personal")
    Map<String, Object> dictionaries() {
        return Map.of(
                "source", java.util.Arrays.stream(CreditSource.values()).map(v -> Map.of("value", v.name(), "label", v.label())).toList(),
                "delivery", java.util.Arrays.stream(Delivery.values()).map(v -> Map.of("value", v.name(), "label", v.label())).toList(),
                "trainingType", java.util.Arrays.stream(TrainingType.values()).map(v -> Map.of("value", v.name(), "label", v.label())).toList(),
                "quantityUnit", java.util.Arrays.stream(QuantityUnit.values()).map(v -> Map.of("value", v.name(), "label", v.label())).toList(),
                "groupStudyKind", java.util.Arrays.stream(GroupStudies.Kind.values()).map(v -> Map.of("value", v.name(), "label", v.label())).toList());
    }
}
