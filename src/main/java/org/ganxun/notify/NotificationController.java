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
    List<Notifications.Message> mine(@RequestParam(defaultValue = "false") boolean unread,
                                     @RequestParam(required = false) String kind) {
        return notifications.mine(unread, kind == null || kind.length() > 40 ? null : kind);
    }

    /** The bell: the unread count and the newest message's id (the page polls this every 30 s). */
    @GetMapping("/unread")
    Notifications.Unread unread() {
        return notifications.unread();
    }

    @PostMapping("/read-all")
    Map<String, Integer> readAll() {
        return Map.of("read", notifications.markAllRead());
    }

    @PostMapping("/{id}/read")
    Map<String, Boolean> read(@PathVariable long id) {
        notifications.markRead(id);
        return Map.of("ok", true);
    }
}
