package org.ganxun.partyedu.internal.statistics;

import org.ganxun.partyedu.MemberCategory;
import org.ganxun.partyedu.MemberView;
import org.ganxun.partyedu.Members;
import org.ganxun.partyedu.StudyActivities;
import org.ganxun.partyedu.internal.member.MobileMemberAlerts;
import org.ganxun.partyedu.internal.site.RemoteSites;
import org.ganxun.platform.excel.Workbooks;

import org.ganxun.platform.security.Phones;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import cn.idev.excel.ExcelWriter;
import cn.idev.excel.FastExcel;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Party-member education statistics for the current user's scope: members by branch and category, mobile
 * members and their contact status, study hours against the yearly rule, and remote-site activity; the same
 * figures as an Excel workbook.
 */
@Service
public class PartyEduStatistics {

    public record BranchRow(String partyOrgName, int total, Map<MemberCategory, Integer> byCategory, int cadres, int mobile) {
    }

    /** {@code notRecorded}: mobile members with neither a leaving date nor a contact on record (counted in neither contact figure). */
    public record MobileStatus(int mobile, int transferred, int contactedWithinSixMonths, int outOfContact, int awayNotTransferred,
                               int notRecorded) {
    }

    public record SiteRow(String townshipName, String orgName, String siteName, int monthlyTarget, int sessionsThisYear,
                          int sessionsThisMonth, int faultyEquipment, int openAlerts) {
    }

    public record Summary(int year, LocalDate asOf, int members, Map<String, Integer> byCategory, List<BranchRow> branches,
                          MobileStatus mobile, BigDecimal requiredHours, int hoursMet, int hoursShort,
                          List<StudyActivities.BranchHours> hoursByBranch, int sites, int sessionsThisYear, int sitesWithAlerts,
                          List<SiteRow> siteRows) {
    }

    private final Members members;
    private final StudyActivities activities;
    private final RemoteSites sites;

    private final org.springframework.jdbc.core.simple.JdbcClient jdbc;
    private final Clock clock;

    PartyEduStatistics(Members members, StudyActivities activities, RemoteSites sites,
                       org.springframework.jdbc.core.simple.JdbcClient jdbc, Clock clock) {
        this.clock = clock;
        this.jdbc = jdbc;
        this.members = members;
        this.activities = activities;
        this.sites = sites;
    }

    @Transactional(readOnly = true)
    public Summary summary(Long partyOrgId, int year) {
        LocalDate asOf = LocalDate.now(clock);
        // members by branch and category are counted in SQL; only the mobile members (a few) are read one by one
        members.syncCadreMembers();
        Members.Where w = members.where(new Members.MemberQuery(null, partyOrgId, null, null, null, null));
        Map<Long, BranchRow> byBranchId = new LinkedHashMap<>();
        Map<String, Integer> byCategory = new LinkedHashMap<>();
        for (MemberCategory c : MemberCategory.values()) {
            byCategory.put(c.label(), 0);
        }
        int[] total = {0};
        jdbc.sql("""
                        select p.id as branch_id, p.name as party_org_name, m.category, count(*) as n,
                               count(*) filter (where m.cadre_id is not null) as cadres,
                               count(*) filter (where m.mobile or coalesce(c.mobile_member, false)) as mobile
                        """ + Members.FROM + w.sql() + "\n" + """
                         group by p.id, p.path, p.name, m.category order by tree_path_key(p.path) nulls last, p.id, m.category""")
                .params(w.params()).query(rs -> {
                    long branch = rs.getLong("branch_id");
                    String name = rs.getString("party_org_name");
                    MemberCategory category = MemberCategory.valueOf(rs.getString("category"));
                    int n = rs.getInt("n");
                    BranchRow before = byBranchId.computeIfAbsent(branch, k -> {
                        Map<MemberCategory, Integer> cats = new EnumMap<>(MemberCategory.class);
                        for (MemberCategory c : MemberCategory.values()) {
                            cats.put(c, 0);
                        }
                        return new BranchRow(name == null ? "（未编入支部）" : name, 0, cats, 0, 0);
                    });
                    before.byCategory().merge(category, n, Integer::sum);
                    byBranchId.put(branch, new BranchRow(before.partyOrgName(), before.total() + n, before.byCategory(),
                            before.cadres() + rs.getInt("cadres"), before.mobile() + rs.getInt("mobile")));
                    byCategory.merge(category.label(), n, Integer::sum);
                    total[0] += n;
                });
        List<BranchRow> branches = new ArrayList<>(byBranchId.values());
        int transferred = 0, contacted = 0, outOfContact = 0, awayNotTransferred = 0, mobile = 0, notRecorded = 0;
        for (MemberView m : members.list(new Members.MemberQuery(null, partyOrgId, null, true, null, null))) {
            mobile++;
            if (m.membershipTransferred()) {
                transferred++;
            }
            List<MobileMemberAlerts.Alert> alerts = MobileMemberAlerts.of(m, asOf);
            boolean lost = alerts.stream().anyMatch(a -> a.kind() == MobileMemberAlerts.Kind.OUT_OF_CONTACT);
            if (lost) {
                outOfContact++;
            } else if (alerts.stream().anyMatch(a -> a.kind() == MobileMemberAlerts.Kind.NOT_RECORDED)) {
                notRecorded++;
            } else {
                contacted++;
            }
            if (alerts.stream().anyMatch(a -> a.kind() == MobileMemberAlerts.Kind.AWAY_NOT_TRANSFERRED)) {
                awayNotTransferred++;
            }
        }
        // the hours' totals and branches come from SQL (one row), not from every member's row
        StudyActivities.HoursPage hours = activities.yearlyBranches(partyOrgId, year);
        int met = (int) hours.totals().met();
        List<SiteRow> siteRows = sites.list(null, null).stream()
                .map(s -> new SiteRow(s.townshipName(), s.orgName(), s.name(), s.monthlyTarget(), s.sessionsThisYear(),
                        s.sessionsThisMonth(), s.faultyEquipment(), s.openAlerts())).toList();
        return new Summary(year, asOf, total[0], byCategory, branches,
                new MobileStatus(mobile, transferred, contacted, outOfContact, awayNotTransferred, notRecorded), activities.yearlyHours(), met,
                (int) hours.totals().members() - met, hours.branches(), siteRows.size(),
                siteRows.stream().mapToInt(SiteRow::sessionsThisYear).sum(), (int) siteRows.stream().filter(r -> r.openAlerts() > 0).count(),
                siteRows);
    }

    public static void writeExcel(Summary s, List<StudyActivities.YearlyHours> hours, OutputStream out) {
        ExcelWriter w = FastExcel.write(out).autoCloseStream(false).build();
        // 1. members by branch and category
        List<List<String>> head = new ArrayList<>();
        head.add(List.of("党支部"));
        head.add(List.of("党员总数"));
        for (MemberCategory c : MemberCategory.values()) {
            head.add(List.of(c.label()));
        }
        head.add(List.of("其中干部"));
        head.add(List.of("流动党员"));
        List<List<Object>> rows = new ArrayList<>();
        for (BranchRow b : s.branches()) {
            List<Object> r = new ArrayList<>();
            r.add(b.partyOrgName());
            r.add(b.total());
            for (MemberCategory c : MemberCategory.values()) {
                r.add(b.byCategory().get(c));
            }
            r.add(b.cadres());
            r.add(b.mobile());
            rows.add(r);
        }
        List<Object> total = new ArrayList<>();
        total.add("合计");
        total.add(s.members());
        for (MemberCategory c : MemberCategory.values()) {
            total.add(s.byCategory().get(c.label()));
        }
        total.add(s.branches().stream().mapToInt(BranchRow::cadres).sum());
        total.add(s.mobile().mobile());
        rows.add(total);
        w.write(rows, FastExcel.writerSheet(0, "党员分布").head(head).build());
        // 2. mobile members
        MobileStatus m = s.mobile();
        w.write(List.of(List.<Object>of("流动党员", m.mobile()), List.<Object>of("已转移组织关系", m.transferred()),
                        List.<Object>of("六个月内有联系", m.contactedWithinSixMonths()), List.<Object>of("失去联系满六个月", m.outOfContact()),
                        List.<Object>of("外出满六个月未转组织关系", m.awayNotTransferred()),
                        List.<Object>of("外出和联系情况未登记", m.notRecorded())),
                FastExcel.writerSheet(1, "流动党员").head(List.of(List.of("项目"), List.of("人数"))).build());
        // 3. hours against the rule
        List<List<Object>> hrows = new ArrayList<>();
        for (StudyActivities.YearlyHours h : hours) {
            hrows.add(List.of(h.partyOrgName() == null ? "" : h.partyOrgName(), h.name(), h.categoryLabel(), h.mobile() ? "是" : "否",
                    h.activities(), h.hours(), h.required(), h.missing(), h.met() ? "已达标" : "未达标"));
        }
        w.write(hrows, FastExcel.writerSheet(2, s.year() + "年学时").head(List.of(List.of("党支部"), List.of("姓名"), List.of("党员类别"),
                List.of("流动党员"), List.of("参学次数"), List.of("学时"), List.of("应达学时"), List.of("尚差学时"), List.of("达标情况"))).build());
        // 4. sites
        List<List<Object>> srows = new ArrayList<>();
        for (SiteRow r : s.siteRows()) {
            srows.add(List.of(r.townshipName() == null ? "" : r.townshipName(), r.orgName(), r.siteName(), r.monthlyTarget(),
                    r.sessionsThisMonth(), r.sessionsThisYear(), r.faultyEquipment(), r.openAlerts()));
        }
        w.write(srows, FastExcel.writerSheet(3, "远程教育站点").head(List.of(List.of("乡镇"), List.of("村（社区）"), List.of("站点"),
                List.of("每月目标场次"), List.of("本月播放"), List.of("本年播放"), List.of("故障设备"), List.of("未处理预警"))).build());
        w.finish();
    }

    /** The member list as a sheet (for 导出 on the member page). */
    public static void writeMembers(List<MemberView> list, OutputStream out) {
        List<List<Object>> rows = new ArrayList<>();
        for (MemberView m : list) {
            rows.add(java.util.Arrays.asList(m.partyOrgName(), m.name(), m.genderLabel(), m.birthDate() == null ? null : m.birthDate().toString(),
                    m.citizenIdMasked(), m.joinedPartyOn() == null ? null : m.joinedPartyOn().toString(), m.categoryLabel(),
                    m.cadre() ? "是" : "否", Phones.forReader(m.phone()), String.join("、", m.groups()), m.mobile() ? "是" : "否", m.awayPlace(),
                    m.awaySince() == null ? null : m.awaySince().toString(), m.mobile() ? (m.membershipTransferred() ? "是" : "否") : null,
                    m.contactPerson(), m.lastContactOn() == null ? null : m.lastContactOn().toString(), m.lastContactViaLabel()));
        }
        List<String> head = List.of("党支部", "姓名", "性别", "出生日期", "公民身份号码", "入党时间", "党员类别", "是否干部", "联系电话", "分组",
                "流动党员", "外出地点", "外出时间", "已转组织关系", "联系人", "最近联系日期", "联系方式");
        Workbooks.table(out, "党员名册", head, rows, 4, 8);
    }
}
