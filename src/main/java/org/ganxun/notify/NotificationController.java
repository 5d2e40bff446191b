package org.ganxun.notify;

import org.ganxun.platform.security.SignedIn;
import java.util.List;
import java.util.Map;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/notifications")
@SignedIn("the signed-in user's own messages")
class NotificationController {

    private final Notifications notifications;

    NotificationController(Notifications notifications) {
        this.notifications = notifications;
    }

    @GetMapping
    List<Notifications.Message> mine(@RequestParam(defaultValue = "false") boolean unread) {
        return notifications.mine(unread);
    }

    @PostMapping("/{id}/read")
    Map<String, Boolean> read(@PathVariable long id) {
        notifications.markRead(id);
        return Map.of("ok", true);
    }
}
