package org.ganxun.training;

import java.util.Map;

/**
 * Messages that another module sends to a class's trainees, for the class's message list ({@code ClassMessages}): an
 * implementation names the notification keys of its messages about one class, each with the enrollment it concerns.
 * The classroom implements it for its leave decisions, so that training lists them without depending on the classroom.
 */
public interface ClassMessageKeys {

    /** Notification dedup key → enrollment id, for the class; no scope check (the caller checked the class). */
    Map<String, Long> keysOf(long classId);
}
