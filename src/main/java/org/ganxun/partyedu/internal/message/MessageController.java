package org.ganxun.partyedu.internal.message;

import jakarta.validation.Valid;
import org.ganxun.partyedu.MemberView;
import org.ganxun.platform.security.Requires;
import static org.ganxun.platform.security.Permission.*;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** SMS templates, broadcasts and their delivery log. */
@RestController
@RequestMapping("/api/partyedu/messages")
@Requires(PARTYEDU_MANAGE)
class MessageController {

    private final Broadcasts broadcasts;
    private final Clock clock;

    MessageController(Broadcasts broadcasts, Clock clock) {
        this.clock = clock;
        this.broadcasts = broadcasts;
    }

    record Preview(int recipients, int withoutPhone, List<String> sample) {
    }

    @GetMapping("/templates")
    List<Broadcasts.Template> templates() {
        return broadcasts.templates();
    }

    @PostMapping("/templates")
    Broadcasts.Template createTemplate(@Valid @RequestBody Broadcasts.TemplateRequest r) {
        return broadcasts.saveTemplate(null, r);
    }

    @PutMapping("/templates/{id}")
    Broadcasts.Template updateTemplate(@PathVariable long id, @Valid @RequestBody Broadcasts.TemplateRequest r) {
        return broadcasts.saveTemplate(id, r);
    }

    @DeleteMapping("/templates/{id}")
    Map<String, Boolean> deleteTemplate(@PathVariable long id) {
        broadcasts.deleteTemplate(id);
        return Map.of("ok", true);
    }

    /** How many would receive it, how many have no phone, and the first three messages as they will read. */
    @PostMapping("/preview")
    Preview preview(@Valid @RequestBody Broadcasts.BroadcastRequest r) {
        List<MemberView> people = broadcasts.recipients(r);
        String body = r.body() == null ? "" : r.body();
        List<String> sample = people.stream().limit(3)
                .map(m -> m.name() + "：" + Broadcasts.render(body, m, LocalDate.now(clock))).toList();
        return new Preview(people.size(), (int) people.stream().filter(m -> m.phone() == null || m.phone().isBlank()).count(), sample);
    }

    @PostMapping("/broadcasts")
    Broadcasts.Broadcast send(@Valid @RequestBody Broadcasts.BroadcastRequest r) {
        return broadcasts.send(r);
    }

    @GetMapping("/broadcasts")
    List<Broadcasts.Broadcast> list() {
        return broadcasts.list();
    }

    @GetMapping("/broadcasts/{id}/recipients")
    Broadcasts.RecipientPage recipients(@PathVariable long id, @RequestParam(defaultValue = "1") int page,
                                        @RequestParam(defaultValue = "20") int size) {
        return broadcasts.recipientLog(id, page, size);
    }
}
