package org.ganxun.compliance.internal.ruleset;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.ganxun.archive.CreditSource;
import org.ganxun.archive.Delivery;
import org.ganxun.archive.TrainingType;
import org.ganxun.people.RankLevel;
import org.ganxun.people.StaffCategory;

/**
 * The national defaults of ../shared/RULES.md, shipped with the product as the first rule set. A
 * jurisdiction copies and edits them; each requirement keeps its source and its status (V/S/L).
 */
public final class NationalRules {

    public static final String REGULATION = "《干部教育培训工作条例》(2023)";
    public static final LocalDate VALID_FROM = LocalDate.of(2023, 1, 1);
    /** The rule set's note, shown to clerks: where the rules come from and how a locality adapts them. */
    public static final String NOTE = "依据《干部教育培训工作条例》《全国干部教育培训规划(2023-2027年)》《中国共产党党员教育管理工作条例》"
            + "《公务员法》《公务员培训规定》等全国性规定；各地可“复制为新版本”后按本地规定修改";

    /**
     * The sources counted toward a cadre's requirements by default: all but party study. Listed, not "any": a
     * source added later counts toward a requirement only once a rule set lists it.
     */
    static final Set<CreditSource> CADRE_SOURCES = java.util.Collections.unmodifiableSet(EnumSet.of(CreditSource.CLASS_COMPLETION,
            CreditSource.ONLINE_COURSE, CreditSource.ONLINE_ACADEMY, CreditSource.GROUP_STUDY, CreditSource.EXTERNAL_TRAINING, CreditSource.TEACHING,
            CreditSource.OTHER));

    private NationalRules() {
    }

    /**
     * Not national: 《公务员培训规定》第四条 only says training results count in appraisal and promotion. Seed report
     * 002's county rule (a failed class assessment bars that year's 优秀) has been the platform's behaviour since
     * the first release, so a new installation starts with it; a jurisdiction changes it in its own rule set.
     */
    static final RuleSet.AssessmentUse DEFAULT_ASSESSMENT_USE = new RuleSet.AssessmentUse(true, false,
            "本地规定：干部教育培训考核不合格的，年度考核不得确定为优秀等次（依据《公务员培训规定》第四条，培训考核结果作为年度考核的重要内容；可在规则集中修改）");

    public static RuleSet defaults() {
        Set<RankLevel> leaders = EnumSet.of(RankLevel.PROVINCIAL, RankLevel.BUREAU, RankLevel.COUNTY);
        Set<RankLevel> township = EnumSet.of(RankLevel.TOWNSHIP, RankLevel.STAFF);
        Set<StaffCategory> civilServants = EnumSet.of(StaffCategory.CIVIL_SERVANT, StaffCategory.CIVIL_SERVANT_EQUIVALENT);
        // what counts toward what is written out (issue 15 item 4): party study counts toward party members' study,
        // not toward a cadre's training (a jurisdiction that counts it adds PARTY_STUDY to its requirement)
        Set<CreditSource> cadreSources = CADRE_SOURCES;
        Set<CreditSource> partySources = EnumSet.copyOf(CADRE_SOURCES);
        partySources.add(CreditSource.PARTY_STUDY);
        CountFilter fullTimeConcentrated = new CountFilter(EnumSet.of(Delivery.CONCENTRATED), true, null, Set.of(), cadreSources);
        CountFilter concentrated = new CountFilter(EnumSet.of(Delivery.CONCENTRATED), null, null, Set.of(), cadreSources);
        CountFilter partyConcentrated = new CountFilter(EnumSet.of(Delivery.CONCENTRATED), null, null, Set.of(), partySources);
        CountFilter online = new CountFilter(EnumSet.of(Delivery.ONLINE), null, null, Set.of(), cadreSources);
        CountFilter appointment = new CountFilter(Set.of(), null, null, EnumSet.of(TrainingType.APPOINTMENT), cadreSources);
        CountFilter initial = new CountFilter(Set.of(), null, null, EnumSet.of(TrainingType.INITIAL), cadreSources);
        String art14 = REGULATION + "第十四条";
        List<Requirement> reqs = List.of(
                // 第十四条 names 四级调研员以上职级公务员 beside the leaders: every 县处级 period counts, leading post or not.
                // "累计3个月或者550学时": either meets it; 3 months are counted as 90 days (a month as 30 days)
                new Requirement("LEADER_CYCLE", "县处级以上领导干部和四级调研员以上职级公务员每5年脱产培训", RequirementKind.CYCLE, new BigDecimal("550"),
                        new BigDecimal("90"),
                        leaders, Set.of(), Set.of(), false, false, fullTimeConcentrated, 5, 2023, null, 12, null, art14,
                        "县处级以上领导干部……每5年应当参加党校（行政学院）、干部学院或者经厅局级以上单位组织（人事）部门认可的其他培训机构累计3个月或者550学时以上的培训；新提拔的领导干部提拔前未达到该要求的，应当在提拔后1年内完成。",
                        "V"),
                new Requirement("TOWNSHIP_YEARLY", "乡科级领导干部及一级主任科员以下公务员年度培训", RequirementKind.YEARLY,
                        new BigDecimal("90"), new BigDecimal("12"), township, Set.of(), civilServants, false, false, concentrated, null, null,
                        null, null, null, art14, "乡科级领导干部、一级主任科员以下公务员每年参加集中培训时间累计不少于12天或者90学时。", "V"),
                // the plan asks it of all cadres (条例第二条: 机关, 事业单位, 国有企业), not only civil servants;
                // village committee members (村干部) are not cadres in that sense
                new Requirement("ONLINE_YEARLY", "网络自学年度学时", RequirementKind.YEARLY, new BigDecimal("50"), null,
                        Set.of(), Set.of(), EnumSet.complementOf(EnumSet.of(StaffCategory.VILLAGE_CADRE)), false, false, online, null, null, null, null, null,
                        "《全国干部教育培训规划(2023-2027年)》", "干部每年参加网络自学不少于50学时。", "S"),
                new Requirement("PARTY_YEARLY", "党员年度集中学习培训", RequirementKind.YEARLY, new BigDecimal("32"), null,
                        Set.of(), Set.of(), Set.of(), false, true, partyConcentrated, null, null, null, null, null,
                        "《中国共产党党员教育管理工作条例》(2019) 第二十条", "党员每年集中学习培训时间一般不少于32学时。", "V"),
                new Requirement("APPOINTMENT_COUNTY", "县处级副职以上任职培训", RequirementKind.AFTER_PROMOTION, null, new BigDecimal("30"),
                        leaders, Set.of(), civilServants, true, false, appointment, null, null, 12, 12, VALID_FROM,
                        "《公务员培训规定》", "担任县处级副职以上领导职务的，应当在提任前或者提任后1年内参加任职培训，时间不少于30天。", "S"),
                new Requirement("APPOINTMENT_TOWNSHIP", "乡科级任职培训", RequirementKind.AFTER_PROMOTION, null, new BigDecimal("15"),
                        EnumSet.of(RankLevel.TOWNSHIP), Set.of(), civilServants, true, false, appointment, null, null, 12, 12, VALID_FROM,
                        "《公务员培训规定》", "担任乡科级领导职务的，应当在提任前或者提任后1年内参加任职培训，时间不少于15天。", "S"),
                new Requirement("INITIAL", "新录用公务员初任培训", RequirementKind.AFTER_ENTRY, null, new BigDecimal("12"),
                        Set.of(), Set.of(), EnumSet.of(StaffCategory.CIVIL_SERVANT), false, false, initial, null, null, 0, 12,
                        VALID_FROM, "《公务员法》《公务员培训规定》", "新录用公务员在试用期内参加初任培训，时间不少于12天。", "S"));
        RuleSet.Conversions conversions = new RuleSet.Conversions(new BigDecimal("8"), List.of(
                new RuleSet.OnlineBand(30, new BigDecimal("1")), new RuleSet.OnlineBand(15, new BigDecimal("0.5")),
                new RuleSet.OnlineBand(0, new BigDecimal("0.25"))), new BigDecimal("0.5"), BigDecimal.ONE,
                "1天脱产培训按8学时计（地方可改为6或7.5）；网络课程≥30分钟计1学时、15-30分钟计0.5学时、<15分钟计0.25学时，通过课程测试加0.5学时（云南干部在线学院做法）");
        return new RuleSet(0, "全国默认规则", null, 1, VALID_FROM, null, reqs, conversions,
                List.<RuleSet.SourceCap>of(), new RuleSet.CarryOver(false, null, null),
                NOTE, DEFAULT_ASSESSMENT_USE);
    }

}
