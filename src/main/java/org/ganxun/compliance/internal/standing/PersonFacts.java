package org.ganxun.compliance.internal.standing;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import org.ganxun.people.RankGrade;
import org.ganxun.people.RankLevel;
import org.ganxun.people.StaffCategory;

/** What the rules need to know about a person, including their dated post and rank history. */
public record PersonFacts(long cadreId, StaffCategory staffCategory, boolean partyMember, LocalDate enteredServiceOn,
                          List<Period> periods) {

    /** A dated period in a rank; {@code endedOn} null while current. */
    public record Period(LocalDate startedOn, LocalDate endedOn, RankLevel rankLevel, RankGrade rankGrade, boolean leadership) {

        boolean covers(LocalDate d) {
            return !startedOn.isAfter(d) && (endedOn == null || d.isBefore(endedOn));
        }

        /** Higher rank level (lower ordinal), or same level and principal after deputy, or a leading post gained. */
        boolean above(Period before) {
            int l = ord(rankLevel);
            int b = ord(before.rankLevel);
            if (l != b) {
                return l < b;
            }
            if (rankGrade == RankGrade.PRINCIPAL && before.rankGrade == RankGrade.DEPUTY) {
                return true;
            }
            return leadership && !before.leadership && rankGrade == before.rankGrade;
        }

        private static int ord(RankLevel l) {
            return l == null ? Integer.MAX_VALUE : l.ordinal();
        }
    }

    public Optional<Period> periodOn(LocalDate d) {
        return periods.stream().filter(p -> p.covers(d)).max(Comparator.comparing(Period::startedOn));
    }

    public List<Period> chronological() {
        return periods.stream().sorted(Comparator.comparing(Period::startedOn)).toList();
    }
}
