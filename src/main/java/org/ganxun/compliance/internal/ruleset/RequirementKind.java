package org.ganxun.compliance.internal.ruleset;

/** How a requirement's counting window and deadline are found. */
public enum RequirementKind {
    /** Hours in each calendar year; deadline 31 December. */
    YEARLY,
    /** Hours in fixed multi-year cycles (e.g. 5 years from 2023); deadline the cycle's end. */
    CYCLE,
    /** Training around a promotion: from {@code leadMonths} before to {@code graceMonths} after it. */
    AFTER_PROMOTION,
    /** Training after entering service (初任培训): within {@code graceMonths} of the entry date. */
    AFTER_ENTRY
}
