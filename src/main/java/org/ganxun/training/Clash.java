package org.ganxun.training;

/**
 * A filing clash, shown as a warning to the filer and the approver. {@code message} says in Chinese
 * which class or session, when and why; {@code otherClassId} is the link target.
 */
public record Clash(ClashKind kind, String kindLabel, long otherClassId, String otherClassName,
                    String otherClassStatus, Long sessionId, Long otherSessionId, String when, String message,
                    Double score) {
}
