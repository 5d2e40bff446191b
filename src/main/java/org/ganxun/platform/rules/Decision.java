package org.ganxun.platform.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The one shape of a rule's answer: allowed or not, the reasons a user reads, and the source of each rule.
 * Completion of a class, eligibility for a secondment programme, a trainee's enrollment, the appraisal and
 * promotion checks all answer with it, so a page shows every "no" the same way and every reason can say
 * which regulation (or local rule) it comes from.
 *
 * <p>A reason either <em>refuses</em> (it is why the answer is no) or <em>explains</em> (it says why the answer is
 * yes, or notes something that does not change it). The answer is allowed exactly when no reason refuses.
 */
public record Decision(boolean allowed, List<Reason> reasons) {

    public Decision {
        reasons = List.copyOf(reasons);
        if (allowed == reasons.stream().anyMatch(Reason::refuses)) {
            throw new IllegalArgumentException("a decision is allowed exactly when none of its reasons refuses");
        }
    }

    /**
     * {@code code}: a stable key for programs (e.g. {@code LEAVE_SHARE}); {@code title}: the rule's short name;
     * {@code text}: what the user reads, with this case's figures; {@code source}: where the rule comes from
     * (a regulation and article, or the local rule set that set it); {@code refuses}: whether it makes the answer no.
     */
    public record Reason(String code, String title, String text, String source, boolean refuses) {

        public Reason {
            Objects.requireNonNull(code, "code");
            Objects.requireNonNull(text, "text");
        }
    }

    /** Yes, with nothing to explain. */
    public static Decision yes() {
        return new Decision(true, List.of());
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The refusing reasons, in order. */
    public List<Reason> refusals() {
        return reasons.stream().filter(Reason::refuses).toList();
    }

    /** The texts of all reasons, in order (for lists shown as plain lines). */
    public List<String> texts() {
        return reasons.stream().map(Reason::text).toList();
    }

    /** The texts of the refusing reasons joined with "；" (for a one-line refusal), or empty when allowed. */
    public String refusalText() {
        return String.join("；", refusals().stream().map(Reason::text).toList());
    }

    public Optional<Reason> reason(String code) {
        return reasons.stream().filter(r -> r.code().equals(code)).findFirst();
    }

    public static final class Builder {
        private final List<Reason> reasons = new ArrayList<>();

        /** A reason that makes the answer no. */
        public Builder refuse(String code, String title, String text, String source) {
            reasons.add(new Reason(code, title, text, source, true));
            return this;
        }

        /** A reason that explains the answer without changing it. */
        public Builder explain(String code, String title, String text, String source) {
            reasons.add(new Reason(code, title, text, source, false));
            return this;
        }

        public boolean refusing() {
            return reasons.stream().anyMatch(Reason::refuses);
        }

        public Decision build() {
            return new Decision(!refusing(), reasons);
        }
    }
}
