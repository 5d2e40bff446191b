package org.ganxun.learning.internal.scorm;

import jakarta.validation.Valid;
import static org.ganxun.platform.security.Permission.SELF_SERVICE;

import org.ganxun.platform.security.Requires;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A learner's SCORM state of a package course open to them ({@link ScormStates}): the SCOs with their status,
 * location and suspend data, read when the player opens the package and written when the SCO commits. Signed-in
 * requests of the learner's own (not the study path: a few a minute at most, unlike heartbeats).
 */
@RestController
@RequestMapping("/api/learning/catalogue/{id}/scorm")
class ScormStateController {

    private final ScormStates states;

    ScormStateController(ScormStates states) {
        this.states = states;
    }

    @GetMapping
    @Requires(SELF_SERVICE)
    ScormStates.PackageState state(@PathVariable long id) {
        return states.of(id);
    }

    @PutMapping
    @Requires(SELF_SERVICE)
    ScormStates.PackageState save(@PathVariable long id, @Valid @RequestBody ScormStates.StateForm form) {
        return states.save(id, form);
    }
}
