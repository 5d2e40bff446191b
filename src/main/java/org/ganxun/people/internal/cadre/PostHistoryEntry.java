package org.ganxun.people.internal.cadre;

import java.time.LocalDate;
import org.ganxun.people.RankGrade;
import org.ganxun.people.RankLevel;

/** One dated period in a post and rank; {@code endedOn} is null for the current one. */
public record PostHistoryEntry(long id, long orgId, String orgName, String post, RankLevel rankLevel, String rankLevelLabel,
                               RankGrade rankGrade, String rankGradeLabel, boolean leadership, LocalDate startedOn,
                               LocalDate endedOn, String note) {
}
