package org.ganxun.org;

import java.time.LocalDate;

/**
 * A node of either tree as the API shows it. {@code kind} is an {@link OrgKind} or {@link PartyOrgKind} name;
 * {@code count} is the number of active people in the node and everything under it (cadres for the
 * administrative tree, party members for the party tree), {@code directCount} those attached to it directly.
 */
public record TreeNode(long id, Long parentId, String name, String kind, String kindLabel, String code, String path,
                       int depth, int sortOrder, boolean retired, LocalDate retiredOn, Long orgId,
                       long count, long directCount) {
}
