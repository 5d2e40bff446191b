package org.ganxun.partyedu.internal.study;

import org.ganxun.partyedu.StudyActivities;
import org.ganxun.platform.web.Downloads;
import org.ganxun.platform.security.PublicEndpoint;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Online attendance for a member away, from the personal link in their SMS (no account needed: the
 * unguessable token is the member's proof). Under /api/public, so reachable without signing in; CSRF
 * still applies to the POST (the page fetches the token first, as every page does).
 */
@RestController
@RequestMapping("/api/public/partyedu/study/{token}")
@PublicEndpoint("a party member opens the study link sent by SMS; the long random token is the key")
class PublicStudyController {

    private final StudyActivities activities;

    PublicStudyController(StudyActivities activities) {
        this.activities = activities;
    }

    @GetMapping
    StudyActivities.Invitation get(@PathVariable String token) {
        return activities.invitation(token);
    }

    @PostMapping("/attend")
    StudyActivities.Invitation attend(@PathVariable String token) {
        return activities.attendOnline(token);
    }

    @GetMapping("/materials/{materialId}")
    ResponseEntity<byte[]> material(@PathVariable String token, @PathVariable long materialId) {
        StudyActivities.MaterialFile f = activities.invitationMaterial(token, materialId);
        return Downloads.inline(f.fileName(), MediaType.parseMediaType(f.contentType()), f.content());
    }
}
