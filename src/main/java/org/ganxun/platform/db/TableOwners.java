package org.ganxun.platform.db;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Who owns each table: the one place that answers it. Every table and view the Flyway migrations create belongs to
 * exactly one module, and only that module's SQL names it. Other modules read through the owner's query methods
 * (its public services) or through the read views the owner publishes (listed here as {@code views}); they never
 * name the owner's tables. {@code ModularityTest} parses every SQL string of the main sources and fails on a table
 * named outside its owner (the remaining exceptions are its commented allow-list, which may only shrink), on a
 * table of the migrations missing here, and on a view read by a module that may not depend on its owner.
 * <p>
 * A new table: add it to its module's line in the same commit as its migration. A view over a table of personal
 * data is declared in the owner's {@link ScopedTables} too, so that reads through it still need the scope mark.
 * The generated {@code docs/modules/tables.md} lists this map with each module's description.
 */
public final class TableOwners {

    /** A module's tables (only its own SQL names them) and the views it publishes for others to read. */
    public record Owned(Set<String> tables, Set<String> views) {
    }

    private static final Map<String, Owned> BY_MODULE = new LinkedHashMap<>();

    static {
        own("platform", tables("shedlock", "crypto_key_check", "event_publication"), views());
        own("org", tables("organization", "party_organization"),
                views("org_unit", "party_unit"));
        own("identity", tables("app_user", "app_role", "app_role_permission", "spring_session", "spring_session_attributes",
                "login_throttle", "login_known_address"), views("account_name"));
        own("audit", tables("audit_log", "audit_block", "audit_chain_head", "audit_chain_anchor"), views());
        own("people", tables("cadre", "cadre_post_history", "import_job", "code_set", "code_item"),
                views("cadre_card", "post_history"));
        own("archive", tables("archive_entry", "archive_attachment", "group_study_session", "online_import"),
                views("approved_credit"));
        own("compliance", tables("rule_set", "cadre_standing"), views());
        own("notify", tables("notification", "sms_outbox"), views("sms_delivery"));
        own("training", tables("training_provider", "annual_plan", "instructor", "training_class", "class_review",
                "class_session", "class_quota", "enrollment", "waitlist_skip"),
                views("class_card", "session_card", "enrollment_card", "instructor_card"));
        own("classroom", tables("completion_rule", "attendance",
                "leave_request", "leave_request_session", "assessment_component", "assessment_score", "discipline_record",
                "class_result", "certificate", "evaluation_criterion", "evaluation", "evaluation_score", "evaluation_token",
                "checkin_code_failure"), views());
        own("partyedu", tables("party_member", "party_member_contact", "study_activity", "study_material",
                "study_attendance", "study_invitation", "message_template", "broadcast", "broadcast_recipient", "remote_site",
                "site_equipment", "site_session", "site_alert", "lecturer", "classroom_visit"), views());
        own("secondment", tables("secondment_programme", "secondment_sender", "secondment_post", "secondment_candidate",
                "secondment_posting", "secondment_rotation", "secondment_log", "secondment_review", "secondment_expense",
                "secondment_forum", "secondment_forum_point", "secondment_evaluation"), views());
        own("survey", tables("survey", "survey_target", "survey_return", "survey_answer_value", "survey_forum",
                "survey_forum_point", "survey_class_proposal", "survey_answered", "survey_respondent_group"), views());
        own("learning", tables("course", "course_medium", "study_progress", "study_session", "study_refusal",
                "course_assignment", "course_assignment_course", "scorm_state", "course_assignment_topic"), views("course_card"));
        own("exam", tables("exam_question", "exam", "exam_attempt", "exam_answer"), views());
        own("planning", tables("training_plan", "plan_indicator", "plan_indicator_target", "calendar_feed", "plan_need",
                "fee_standard", "fee_cap", "class_fee_profile", "class_expense", "plan_report_text", "plan_fund",
                "scheduling_settings", "scheduling_season", "scheduling_preference"), views());
    }

    private TableOwners() {
    }

    /** Module name (the top-level package under org.ganxun) → what it owns, in the order above. */
    public static Map<String, Owned> byModule() {
        return java.util.Collections.unmodifiableMap(BY_MODULE);
    }

    /** The module owning a table or publishing a view, if any. */
    public static Optional<String> ownerOf(String tableOrView) {
        return BY_MODULE.entrySet().stream()
                .filter(e -> e.getValue().tables().contains(tableOrView) || e.getValue().views().contains(tableOrView))
                .map(Map.Entry::getKey).findFirst();
    }

    private static void own(String module, Set<String> tables, Set<String> views) {
        BY_MODULE.put(module, new Owned(tables, views));
    }

    private static Set<String> tables(String... names) {
        return Set.of(names);
    }

    private static Set<String> views(String... names) {
        return Set.of(names);
    }
}
