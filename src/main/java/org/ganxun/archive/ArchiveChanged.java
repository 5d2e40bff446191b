package org.ganxun.archive;

/** A person's approved hours changed: their standing needs recomputing. */
public record ArchiveChanged(long cadreId) {
}
