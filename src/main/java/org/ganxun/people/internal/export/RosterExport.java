package org.ganxun.people.internal.export;

import org.ganxun.platform.security.Phones;
import java.io.OutputStream;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import cn.idev.excel.ExcelWriter;
import cn.idev.excel.write.metadata.WriteSheet;
import org.ganxun.audit.AuditLog;
import org.ganxun.people.CadreQuery;
import org.ganxun.people.CadreSearch;
import org.ganxun.people.CadreView;
import org.ganxun.people.internal.importing.OrgDirectory;
import org.ganxun.people.internal.importing.RosterColumn;
import org.ganxun.platform.excel.Workbooks;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Writes the rows the roster list shows for a filter (same query, same scope: {@link CadreSearch#forEach})
 * into an .xlsx with the template's columns, streaming: rows go to FastExcel 1,000 at a time. Citizen IDs
 * are masked as on screen; every row carries the person's 人员编号, on which the import matches, so the file can be
 * edited and imported again as it is (a clerk's round trip) without anyone's full number in it. Units are
 * written by the shortest name that is unique in the tree, so that the import finds them again.
 */
@Service
public class RosterExport {

    private static final int CHUNK = 1000;

    private final CadreSearch search;
    private final JdbcClient jdbc;
    private final AuditLog audit;

    RosterExport(CadreSearch search, JdbcClient jdbc, AuditLog audit) {
        this.search = search;
        this.jdbc = jdbc;
        this.audit = audit;
    }

    /** Streams in one transaction (the cursor needs it), which also holds the export's audit entry. */
    @Transactional
    public int write(CadreQuery query, OutputStream out) {
        OrgDirectory units = OrgDirectory.administrative(jdbc);
        OrgDirectory parties = OrgDirectory.party(jdbc);
        Map<Long, String> unitNames = new HashMap<>();
        Map<Long, String> partyNames = new HashMap<>();
        int[] count = {0};
        try (ExcelWriter w = Workbooks.open(out)) {
            WriteSheet sheet = Workbooks.sheet(0, "干部名册", RosterColumn.titles(),
                    RosterColumn.PERSON_NO.ordinal(), RosterColumn.CITIZEN_ID.ordinal(), RosterColumn.PHONE.ordinal());
            List<List<String>> chunk = new ArrayList<>(CHUNK);
            search.forEach(query, v -> {
                chunk.add(row(v, unitNames.computeIfAbsent(v.orgId(), units::shortestUniqueName),
                        v.partyOrgId() == null ? null : partyNames.computeIfAbsent(v.partyOrgId(), parties::shortestUniqueName)));
                count[0]++;
                if (chunk.size() >= CHUNK) {
                    w.write(chunk, sheet);
                    chunk.clear();
                }
            });
            w.write(chunk, sheet);
        }
        audit.recordExport("Cadre", null, "干部名册", query, count[0]);
        return count[0];
    }

    static List<String> row(CadreView v, String unit, String party) {
        List<String> r = new ArrayList<>(RosterColumn.values().length);
        for (RosterColumn c : RosterColumn.values()) {
            r.add(switch (c) {
                case PERSON_NO -> v.personNo();
                case NAME -> v.name();
                case GENDER -> v.genderLabel();
                case ETHNICITY -> v.ethnicity();
                case BIRTH_DATE -> date(v.birthDate());
                case CITIZEN_ID -> v.citizenIdMasked();
                case EDUCATION -> v.educationLabel();
                case EDUCATION_FULL_TIME -> v.educationFullTimeLabel();
                case EDUCATION_IN_SERVICE -> v.educationInServiceLabel();
                case POLITICAL_STATUS -> v.politicalStatusLabel();
                case JOINED_PARTY_ON -> date(v.joinedPartyOn());
                case ORG -> unit;
                case POST -> v.post();
                case RANK_LEVEL -> v.rankLevelLabel();
                case RANK_GRADE -> v.rankGradeLabel();
                case RANK_TITLE -> v.rankTitleLabel();
                case LEADERSHIP -> yes(v.leadership());
                case STAFF_CATEGORY -> v.staffCategoryLabel();
                case ENTERED_WORK_ON -> date(v.enteredWorkOn());
                case PHONE -> Phones.forReader(v.phone());
                case RESERVE_CADRE -> yes(v.reserveCadre());
                case PARTY_ORG -> party;
                case MOBILE_MEMBER -> yes(v.mobileMember());
            });
        }
        return r;
    }

    private static String date(LocalDate d) {
        return d == null ? null : d.toString();
    }

    private static String yes(boolean b) {
        return b ? "是" : "否";
    }
}
