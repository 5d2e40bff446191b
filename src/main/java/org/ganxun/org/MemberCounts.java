package org.ganxun.org;

import java.util.Map;

/**
 * How many active people hang directly on each node. Implemented by the module that owns people, so that
 * the trees can show counts and refuse to retire a unit that still has people, without reading their tables.
 */
public interface MemberCounts {

    /** Active cadres per administrative organisation id. */
    Map<Long, Long> cadresByOrganization();

    /** Active party members per party-organisation id. */
    Map<Long, Long> membersByPartyOrganization();
}
