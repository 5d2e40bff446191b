package org.ganxun.demo;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import org.ganxun.org.OrgKind;
import org.ganxun.org.PartyOrgKind;
import org.ganxun.people.CitizenId;
import org.ganxun.people.Education;
import org.ganxun.people.Gender;
import org.ganxun.people.PoliticalStatus;
import org.ganxun.people.RankGrade;
import org.ganxun.people.RankLevel;
import org.ganxun.people.StaffCategory;
import org.ganxun.platform.security.Role;

/**
 * Generates the demo county from a fixed seed: the same rows every time. Modelled on 盐亭县 as its 2013
 * report describes it (seed 003, section 一): 1 industrial park and 36 townships, 460 villages and 45
 * communities, 43 党(工)委 and 47 党总支 under the county committee, and 607 乡科级 leaders of whom 232 正科
 * and 375 副科, 84 women, 10 of ethnic minorities, 25 outside the party, 603 with 专科 or more, 89 under 35
 * and 317 aged 45 or more. Those leader figures are reproduced exactly (as of {@link #REFERENCE_DATE} and
 * for about a year after it), so the profile statistics filtered to 乡科级 show the report's table.
 */
public final class DemoGenerator {

    public static final long SEED = 20130625L;
    /** The day the demo is "as of": ages, appointments and promotions are placed relative to it. */
    public static final LocalDate REFERENCE_DATE = LocalDate.of(2026, 11, 1);
    public static final String REGION = "510723";
    public static final String COUNTY = "盐亭县";

    static final int PRINCIPALS = 232;
    static final int DEPUTIES = 375;
    static final int LEADER_WOMEN = 84;
    static final int LEADER_MINORITY = 10;
    static final int LEADER_NON_PARTY = 25;
    static final int LEADER_BELOW_ASSOCIATE = 607 - 603;
    static final int LEADER_UNDER_35 = 89;
    static final int LEADER_45_PLUS = 317;

    private static final DateTimeFormatter YMD = DateTimeFormatter.BASIC_ISO_DATE;

    private final Random rnd = new Random(SEED);
    private final LocalDate ref = REFERENCE_DATE;

    private final List<OrgB> orgs = new ArrayList<>();
    private final List<PartyB> parties = new ArrayList<>();
    private final List<CadreB> cadres = new ArrayList<>();
    private final List<DemoJurisdiction.Post> posts = new ArrayList<>();
    private final List<DemoJurisdiction.Account> accounts = new ArrayList<>();
    private final Set<String> citizenIds = new HashSet<>();

    private OrgB root;
    private OrgB partySchool;
    private OrgB daxing;
    private OrgB fuyi;
    private final List<OrgB> organs = new ArrayList<>();
    private final List<OrgB> departments = new ArrayList<>();
    private final List<OrgB> institutions = new ArrayList<>();
    private final List<OrgB> townships = new ArrayList<>(); // the 36 townships and the park
    private final Map<OrgB, List<OrgB>> villagesOf = new HashMap<>();
    /** Where the members of a unit belong in the party tree (several branches: chosen at random). */
    private final Map<OrgB, List<PartyB>> homeBranches = new HashMap<>();
    private final Map<OrgB, PartyB> committeeOf = new HashMap<>();
    private PartyB countyLeadersBranch;
    private PartyB countyCommittee;

    private DemoGenerator() {
    }

    public static DemoJurisdiction generate() {
        return new DemoGenerator().run();
    }

    private DemoJurisdiction run() {
        buildOrganisations();
        buildPartyTree();
        buildCountyLeaders();
        buildTownshipLevelLeaders();
        buildStaff();
        buildVillageCadres();
        assignSecretaries();
        buildAccounts();
        return new DemoJurisdiction(
                orgs.stream().map(o -> new DemoJurisdiction.Org(o.index, o.parent == null ? null : o.parent.index, o.name,
                        o.kind, o.code, o.sort)).toList(),
                parties.stream().map(p -> new DemoJurisdiction.PartyOrg(p.index, p.parent == null ? null : p.parent.index,
                        p.name, p.kind, p.org.index, p.sort, p.secretary, p.phone)).toList(),
                cadres.stream().map(CadreB::build).toList(),
                List.copyOf(posts), List.copyOf(accounts));
    }

    // ------------------------------------------------------------------ organisations

    private static final String[] ORGANS = {"县委办公室", "县委组织部", "县委宣传部", "县委统战部", "县委政法委员会",
            "县纪委监委", "县委机构编制委员会办公室", "县人大常委会办公室", "县政府办公室", "县政协办公室"};

    private static final String[] DEPARTMENTS = {"县发展和改革局", "县财政局", "县教育局", "县卫生健康局", "县农业农村局",
            "县人力资源和社会保障局", "县自然资源局", "县住房和城乡建设局", "县交通运输局", "县水利局", "县民政局", "县司法局",
            "县公安局", "县市场监督管理局", "县审计局", "县统计局", "县商务局", "县文化广播电视和旅游局", "县应急管理局",
            "县退役军人事务局", "县林业局", "县经济信息化和科学技术局", "县医疗保障局", "县信访局", "县乡村振兴局"};

    /** Public institutions (事业单位) under their department. */
    private static final String[][] INSTITUTIONS = {
            {"县教育局", "盐亭中学", "盐亭县城关中学", "盐亭县实验小学", "盐亭县职业技术学校"},
            {"县卫生健康局", "盐亭县人民医院", "盐亭县中医医院", "盐亭县疾病预防控制中心", "盐亭县妇幼保健院"},
            {"县农业农村局", "县农业技术推广中心"},
            {"县人力资源和社会保障局", "县就业服务中心"},
            {"县自然资源局", "县不动产登记中心"},
            {"县住房和城乡建设局", "县建设工程质量安全监督站"},
            {"县水利局", "县水利工程管理站"},
            {"县市场监督管理局", "县检验检测中心"},
            {"县民政局", "县社会福利院"},
            {"县财政局", "县国库集中支付中心"},
    };

    /** Towns that have more than one community (the county seat has most of them). */
    private static final Map<String, Integer> COMMUNITIES = Map.of("云溪镇", 24, "富驿镇", 2, "金孔镇", 2, "两河镇", 2,
            "黄甸镇", 2, "盐亭经济开发区", 3);

    private void buildOrganisations() {
        root = org(null, COUNTY, OrgKind.COUNTY, REGION);
        for (String n : ORGANS) {
            organs.add(org(root, n, OrgKind.COUNTY_ORGAN, null));
        }
        partySchool = org(root, "县委党校", OrgKind.INSTITUTION, null);
        for (String n : DEPARTMENTS) {
            departments.add(org(root, n, OrgKind.DEPARTMENT, null));
        }
        for (String[] group : INSTITUTIONS) {
            OrgB dept = byName(departments, group[0]);
            for (int i = 1; i < group.length; i++) {
                institutions.add(org(dept, group[i], OrgKind.INSTITUTION, null));
            }
        }
        // 36 townships and the park; 460 villages (456 in townships, 4 in the park) and 45 communities
        int[] villages = spread(456, DemoNames.TOWNSHIPS.size(), 8, 18);
        for (int t = 0; t < DemoNames.TOWNSHIPS.size(); t++) {
            String name = DemoNames.TOWNSHIPS.get(t);
            OrgB town = org(root, name, OrgKind.TOWNSHIP, REGION + (101 + t));
            townships.add(town);
            if (name.equals("大兴回族乡")) {
                daxing = town;
            }
            if (name.equals("富驿镇")) {
                fuyi = town;
            }
        }
        OrgB park = org(root, "盐亭经济开发区", OrgKind.PARK, REGION + "400");
        townships.add(park);
        int communityNo = 0;
        for (int t = 0; t < townships.size(); t++) {
            OrgB town = townships.get(t);
            List<OrgB> units = new ArrayList<>();
            int c = COMMUNITIES.getOrDefault(town.name, town.name.endsWith("镇") ? 1 : 0);
            for (int i = 0; i < c; i++) {
                units.add(org(town, DemoNames.communityName(communityNo++), OrgKind.COMMUNITY,
                        town.code + String.format("%03d", 1 + i)));
            }
            int v = t < villages.length ? villages[t] : 4;
            Set<String> names = new HashSet<>();
            for (int i = 0; i < v; i++) {
                String n = DemoNames.villageName(rnd);
                while (!names.add(n)) {
                    n = DemoNames.villageName(rnd);
                }
                units.add(org(town, n, OrgKind.VILLAGE, town.code + String.format("%03d", 201 + i)));
            }
            villagesOf.put(town, units);
        }
    }

    /** Splits {@code total} into {@code n} random parts between min and max. */
    private int[] spread(int total, int n, int min, int max) {
        int[] out = new int[n];
        int sum = 0;
        for (int i = 0; i < n; i++) {
            out[i] = min + rnd.nextInt(max - min + 1);
            sum += out[i];
        }
        while (sum != total) {
            int i = rnd.nextInt(n);
            if (sum < total && out[i] < max) {
                out[i]++;
                sum++;
            } else if (sum > total && out[i] > min) {
                out[i]--;
                sum--;
            }
        }
        return out;
    }

    private OrgB org(OrgB parent, String name, OrgKind kind, String code) {
        OrgB o = new OrgB();
        o.index = orgs.size();
        o.parent = parent;
        o.name = name;
        o.kind = kind;
        o.code = code;
        o.sort = parent == null ? 0 : (int) orgs.stream().filter(x -> x.parent == parent).count() + 1;
        orgs.add(o);
        return o;
    }

    private static OrgB byName(List<OrgB> list, String name) {
        return list.stream().filter(o -> o.name.equals(name)).findFirst().orElseThrow(() -> new IllegalStateException(name));
    }

    // ------------------------------------------------------------------ party tree

    /** County departments whose own party committee sits directly under the county committee. */
    private static final Set<String> DEPARTMENT_COMMITTEES = Set.of("县教育局", "县卫生健康局", "县公安局", "县农业农村局",
            "县住房和城乡建设局");
    /** Organs and departments under the organs' working committee that have a general branch (党总支). */
    private static final Set<String> GENERAL_BRANCHES = Set.of("县发展和改革局", "县财政局", "县人力资源和社会保障局",
            "县自然资源局", "县交通运输局", "县水利局", "县民政局", "县市场监督管理局");
    private static final Set<String> BIG_INSTITUTIONS = Set.of("盐亭中学", "盐亭县人民医院", "盐亭县中医医院");

    private void buildPartyTree() {
        countyCommittee = party(null, "中共盐亭县委", PartyOrgKind.COMMITTEE, root);
        PartyB organsCommittee = party(countyCommittee, "中共盐亭县直属机关工作委员会", PartyOrgKind.WORKING_COMMITTEE, root);
        countyLeadersBranch = party(organsCommittee, "县级领导干部党支部", PartyOrgKind.BRANCH, root);
        List<OrgB> underOrgansCommittee = new ArrayList<>(organs);
        underOrgansCommittee.add(partySchool);
        departments.stream().filter(d -> !DEPARTMENT_COMMITTEES.contains(d.name)).forEach(underOrgansCommittee::add);
        for (OrgB o : underOrgansCommittee) {
            if (GENERAL_BRANCHES.contains(o.name) || o == partySchool) {
                generalBranch(organsCommittee, o, o == partySchool ? new String[]{"教研党支部", "机关党支部"}
                        : new String[]{"机关第一党支部", "机关第二党支部"});
            } else {
                homeBranches.put(o, List.of(party(organsCommittee, o.name + "党支部", PartyOrgKind.BRANCH, o)));
            }
        }
        for (OrgB d : departments) {
            if (DEPARTMENT_COMMITTEES.contains(d.name)) {
                PartyB c = party(countyCommittee, "中共" + d.name.replace("县", "盐亭县") + "委员会", PartyOrgKind.COMMITTEE, d);
                homeBranches.put(d, List.of(party(c, d.name + "机关党支部", PartyOrgKind.BRANCH, d)));
                committeeOf.put(d, c);
            }
        }
        for (OrgB inst : institutions) {
            PartyB parent = committeeOf.get(inst.parent);
            if (parent == null) {
                homeBranches.put(inst, List.of(party(organsCommittee, inst.name + "党支部", PartyOrgKind.BRANCH, inst)));
            } else if (BIG_INSTITUTIONS.contains(inst.name)) {
                generalBranch(parent, inst, new String[]{"第一党支部", "第二党支部", "第三党支部"});
            } else {
                homeBranches.put(inst, List.of(party(parent, inst.name + "党支部", PartyOrgKind.BRANCH, inst)));
            }
        }
        // townships and the park: committee, the offices' branch, a branch (or general branch) per village
        List<OrgB> allVillages = new ArrayList<>();
        townships.forEach(t -> allVillages.addAll(villagesOf.get(t)));
        List<OrgB> shuffled = new ArrayList<>(allVillages);
        Collections.shuffle(shuffled, rnd);
        int generalNow = (int) parties.stream().filter(p -> p.kind == PartyOrgKind.GENERAL_BRANCH).count();
        Set<OrgB> bigVillages = new HashSet<>(shuffled.subList(0, 47 - generalNow));
        for (OrgB t : townships) {
            PartyB c = t.kind == OrgKind.PARK
                    ? party(countyCommittee, "中共盐亭经济开发区工作委员会", PartyOrgKind.WORKING_COMMITTEE, t)
                    : party(countyCommittee, "中共" + t.name + "委员会", PartyOrgKind.COMMITTEE, t);
            committeeOf.put(t, c);
            homeBranches.put(t, List.of(party(c, t.name + "机关党支部", PartyOrgKind.BRANCH, t)));
            for (OrgB v : villagesOf.get(t)) {
                if (bigVillages.contains(v)) {
                    generalBranch(c, v, new String[]{"第一党支部", "第二党支部"});
                } else {
                    homeBranches.put(v, List.of(party(c, v.name + "党支部", PartyOrgKind.BRANCH, v)));
                }
            }
        }
    }

    private void generalBranch(PartyB parent, OrgB o, String[] subs) {
        PartyB g = party(parent, o.name + "党总支", PartyOrgKind.GENERAL_BRANCH, o);
        List<PartyB> branches = new ArrayList<>();
        for (String s : subs) {
            branches.add(party(g, o.name + "党总支" + s, PartyOrgKind.BRANCH, o));
        }
        homeBranches.put(o, branches);
    }

    private PartyB party(PartyB parent, String name, PartyOrgKind kind, OrgB org) {
        PartyB p = new PartyB();
        p.index = parties.size();
        p.parent = parent;
        p.name = name;
        p.kind = kind;
        p.org = org;
        p.sort = parent == null ? 0 : (int) parties.stream().filter(x -> x.parent == parent).count() + 1;
        parties.add(p);
        return p;
    }

    // ------------------------------------------------------------------ people

    private void buildCountyLeaders() {
        Object[][] leaders = {
                {"县委办公室", "县委书记", RankGrade.PRINCIPAL}, {"县政府办公室", "县委副书记、县长", RankGrade.PRINCIPAL},
                {"县人大常委会办公室", "县人大常委会主任", RankGrade.PRINCIPAL}, {"县政协办公室", "县政协主席", RankGrade.PRINCIPAL},
                {"县委办公室", "县委副书记", RankGrade.DEPUTY}, {"县政府办公室", "县委常委、常务副县长", RankGrade.DEPUTY},
                {"县纪委监委", "县委常委、县纪委书记、县监委主任", RankGrade.DEPUTY},
                {"县委组织部", "县委常委、组织部部长", RankGrade.DEPUTY}, {"县委宣传部", "县委常委、宣传部部长", RankGrade.DEPUTY},
                {"县委政法委员会", "县委常委、政法委书记", RankGrade.DEPUTY}, {"县委统战部", "县委常委、统战部部长", RankGrade.DEPUTY},
                {"县委办公室", "县委常委、县委办公室主任", RankGrade.DEPUTY}, {"县政府办公室", "副县长", RankGrade.DEPUTY},
                {"县政府办公室", "副县长", RankGrade.DEPUTY}, {"县政府办公室", "副县长", RankGrade.DEPUTY},
                {"县人大常委会办公室", "县人大常委会副主任", RankGrade.DEPUTY}, {"县政协办公室", "县政协副主席", RankGrade.DEPUTY},
        };
        for (int i = 0; i < leaders.length; i++) {
            OrgB o = byName(organs, (String) leaders[i][0]);
            boolean female = i == 14 || i == 16;
            CadreB c = person(o, female, false, 46 + rnd.nextInt(12));
            c.post = (String) leaders[i][1];
            c.rankLevel = RankLevel.COUNTY;
            c.rankGrade = (RankGrade) leaders[i][2];
            c.leadership = true;
            c.category = StaffCategory.CIVIL_SERVANT;
            c.education = rnd.nextInt(3) == 0 ? Education.MASTER : Education.BACHELOR;
            if (i == 14) {
                c.political = PoliticalStatus.DEMOCRATIC_PARTY;
            } else if (i == 16) {
                c.political = PoliticalStatus.NON_PARTY;
            } else {
                c.political = PoliticalStatus.CPC_MEMBER;
            }
            finish(c, countyLeadersBranch);
            if (c.post.equals("县委书记")) {
                countyCommittee.secretary = c.name;
                countyCommittee.phone = c.phone;
            }
            leaderHistory(c, RankLevel.COUNTY);
        }
    }

    /** A 乡科级 leadership slot before a person is put in it. */
    private record Slot(OrgB org, String post, RankGrade grade, StaffCategory category) {
    }

    private void buildTownshipLevelLeaders() {
        List<Slot> slots = new ArrayList<>();
        for (OrgB o : organs) {
            String head = switch (o.name) {
                case "县委办公室", "县政府办公室", "县人大常委会办公室", "县政协办公室" -> "主任";
                case "县委组织部", "县委宣传部", "县委统战部" -> "常务副部长";
                case "县委政法委员会" -> "常务副书记";
                case "县纪委监委" -> "县纪委副书记、县监委副主任";
                default -> "主任";
            };
            String deputy = switch (o.name) {
                case "县委组织部", "县委宣传部", "县委统战部" -> "副部长";
                case "县委政法委员会" -> "副书记";
                case "县纪委监委" -> "县纪委常委";
                default -> "副主任";
            };
            if (o.name.equals("县委办公室") || o.name.equals("县政府办公室")) {
                head = "主任";
                slots.add(new Slot(o, "常务副主任（正科级）", RankGrade.PRINCIPAL, StaffCategory.CIVIL_SERVANT));
            }
            slots.add(new Slot(o, head, RankGrade.PRINCIPAL, StaffCategory.CIVIL_SERVANT));
            if (o.name.equals("县纪委监委")) {
                slots.add(new Slot(o, head, RankGrade.PRINCIPAL, StaffCategory.CIVIL_SERVANT));
                slots.add(new Slot(o, "县监委委员", RankGrade.DEPUTY, StaffCategory.CIVIL_SERVANT));
                slots.add(new Slot(o, "县监委委员", RankGrade.DEPUTY, StaffCategory.CIVIL_SERVANT));
                slots.add(new Slot(o, "派驻纪检监察组组长", RankGrade.DEPUTY, StaffCategory.CIVIL_SERVANT));
                slots.add(new Slot(o, "派驻纪检监察组组长", RankGrade.DEPUTY, StaffCategory.CIVIL_SERVANT));
            }
            int deputies = o.name.startsWith("县委组织部") || o.name.startsWith("县政府") || o.name.equals("县委办公室") ? 3 : 2;
            for (int i = 0; i < deputies; i++) {
                slots.add(new Slot(o, deputy, RankGrade.DEPUTY, StaffCategory.CIVIL_SERVANT));
            }
        }
        slots.add(new Slot(partySchool, "常务副校长", RankGrade.PRINCIPAL, StaffCategory.CIVIL_SERVANT_EQUIVALENT));
        slots.add(new Slot(partySchool, "副校长", RankGrade.DEPUTY, StaffCategory.CIVIL_SERVANT_EQUIVALENT));
        slots.add(new Slot(partySchool, "副校长", RankGrade.DEPUTY, StaffCategory.CIVIL_SERVANT_EQUIVALENT));
        for (OrgB d : departments) {
            if (d.name.equals("县公安局")) {
                slots.add(new Slot(d, "党委书记、局长", RankGrade.PRINCIPAL, StaffCategory.CIVIL_SERVANT));
                slots.add(new Slot(d, "政委", RankGrade.PRINCIPAL, StaffCategory.CIVIL_SERVANT));
                for (int i = 0; i < 4; i++) {
                    slots.add(new Slot(d, "副局长", RankGrade.DEPUTY, StaffCategory.CIVIL_SERVANT));
                }
                continue;
            }
            slots.add(new Slot(d, "党组书记、局长", RankGrade.PRINCIPAL, StaffCategory.CIVIL_SERVANT));
            int n = 2 + rnd.nextInt(2);
            for (int i = 0; i < n; i++) {
                slots.add(new Slot(d, "党组成员、副局长", RankGrade.DEPUTY, StaffCategory.CIVIL_SERVANT));
            }
        }
        for (OrgB inst : institutions) {
            String head = inst.name.contains("医院") || inst.name.contains("保健院") ? "院长"
                    : inst.name.contains("中学") || inst.name.contains("小学") || inst.name.contains("学校") ? "校长" : "主任";
            slots.add(new Slot(inst, head, BIG_INSTITUTIONS.contains(inst.name) ? RankGrade.PRINCIPAL : RankGrade.DEPUTY,
                    StaffCategory.PUBLIC_INSTITUTION));
            if (BIG_INSTITUTIONS.contains(inst.name)) {
                slots.add(new Slot(inst, "党委书记", RankGrade.PRINCIPAL, StaffCategory.PUBLIC_INSTITUTION));
                slots.add(new Slot(inst, "副" + head, RankGrade.DEPUTY, StaffCategory.PUBLIC_INSTITUTION));
                slots.add(new Slot(inst, "副" + head, RankGrade.DEPUTY, StaffCategory.PUBLIC_INSTITUTION));
            }
        }
        for (OrgB t : townships) {
            boolean park = t.kind == OrgKind.PARK;
            boolean town = t.name.endsWith("镇");
            String head = park ? "管委会主任" : town ? "镇长" : "乡长";
            slots.add(new Slot(t, park ? "党工委书记" : "党委书记", RankGrade.PRINCIPAL, StaffCategory.CIVIL_SERVANT));
            slots.add(new Slot(t, park ? "党工委副书记、管委会主任" : "党委副书记、" + head, RankGrade.PRINCIPAL, StaffCategory.CIVIL_SERVANT));
            if (!park) {
                slots.add(new Slot(t, "人大主席", RankGrade.PRINCIPAL, StaffCategory.CIVIL_SERVANT));
                slots.add(new Slot(t, "党委副书记", RankGrade.DEPUTY, StaffCategory.CIVIL_SERVANT));
                slots.add(new Slot(t, "党委委员、纪委书记", RankGrade.DEPUTY, StaffCategory.CIVIL_SERVANT));
                slots.add(new Slot(t, "党委委员、组织委员", RankGrade.DEPUTY, StaffCategory.CIVIL_SERVANT));
                slots.add(new Slot(t, "党委委员、宣传委员", RankGrade.DEPUTY, StaffCategory.CIVIL_SERVANT));
                slots.add(new Slot(t, "党委委员、武装部长", RankGrade.DEPUTY, StaffCategory.CIVIL_SERVANT));
            }
            int n = park ? 3 : 2;
            for (int i = 0; i < n; i++) {
                slots.add(new Slot(t, park ? "管委会副主任" : "副" + head, RankGrade.DEPUTY, StaffCategory.CIVIL_SERVANT));
            }
        }
        // fill up to the report's figures: full-time deputy secretaries at 正科 level, and more deputies
        long principals = slots.stream().filter(s -> s.grade() == RankGrade.PRINCIPAL).count();
        long deputies = slots.size() - principals;
        List<OrgB> fillPrincipal = new ArrayList<>(townships.subList(0, 36));
        fillPrincipal.addAll(departments);
        for (int i = 0; principals < PRINCIPALS; i++, principals++) {
            OrgB o = fillPrincipal.get(i % fillPrincipal.size());
            slots.add(new Slot(o, o.kind == OrgKind.TOWNSHIP ? "党委专职副书记（正科级）" : "党组副书记（正科级）",
                    RankGrade.PRINCIPAL, StaffCategory.CIVIL_SERVANT));
        }
        List<OrgB> fillDeputy = new ArrayList<>(townships.subList(0, 36));
        Collections.shuffle(fillDeputy, rnd);
        for (int i = 0; deputies < DEPUTIES; i++, deputies++) {
            OrgB o = fillDeputy.get(i % fillDeputy.size());
            slots.add(new Slot(o, o.name.endsWith("镇") ? "副镇长" : "副乡长", RankGrade.DEPUTY, StaffCategory.CIVIL_SERVANT));
        }
        if (principals != PRINCIPALS || deputies != DEPUTIES) {
            throw new IllegalStateException("leader slots: " + principals + " 正科, " + deputies + " 副科");
        }
        placeLeaders(slots);
    }

    /**
     * Puts a person in each 乡科级 slot so that the report's figures come out exactly: women, minorities,
     * non-party, education below 专科, and the age bands.
     */
    private void placeLeaders(List<Slot> slots) {
        int n = slots.size();
        List<Integer> principals = new ArrayList<>();
        List<Integer> deputies = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            (slots.get(i).grade() == RankGrade.PRINCIPAL ? principals : deputies).add(i);
        }
        Collections.shuffle(principals, rnd);
        Collections.shuffle(deputies, rnd);
        // ages as of the reference date; bands kept off their edges so they hold for a year or so
        int[] age = new int[n];
        int under35Principal = 9;
        int oldPrincipal = 150;
        for (int k = 0; k < principals.size(); k++) {
            age[principals.get(k)] = k < under35Principal ? 31 + rnd.nextInt(3)
                    : k < under35Principal + oldPrincipal ? 46 + rnd.nextInt(13) : 36 + rnd.nextInt(8);
        }
        int under35Deputy = LEADER_UNDER_35 - under35Principal;
        int oldDeputy = LEADER_45_PLUS - oldPrincipal;
        for (int k = 0; k < deputies.size(); k++) {
            age[deputies.get(k)] = k < under35Deputy ? 28 + rnd.nextInt(6)
                    : k < under35Deputy + oldDeputy ? 46 + rnd.nextInt(13) : 36 + rnd.nextInt(8);
        }
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            order.add(i);
        }
        // women: not among the armed-forces and police posts
        boolean[] female = pick(order, LEADER_WOMEN, i -> !slots.get(i).post().contains("武装")
                && !slots.get(i).org().name.equals("县公安局"));
        // minorities: Hui in 大兴回族乡, a few others elsewhere
        String[] ethnicity = new String[n];
        boolean[] daxingHui = pick(order, 4, i -> slots.get(i).org() == daxing);
        boolean[] otherMinority = pick(order, LEADER_MINORITY - 4, i -> slots.get(i).org() != daxing);
        String[] others = {"回族", "回族", "藏族", "羌族", "彝族", "土家族"};
        int m = 0;
        for (int i = 0; i < n; i++) {
            ethnicity[i] = daxingHui[i] ? "回族" : otherMinority[i] ? others[m++ % others.length] : "汉族";
        }
        boolean[] nonParty = pick(order, LEADER_NON_PARTY, i -> slots.get(i).grade() == RankGrade.DEPUTY
                && slots.get(i).org().kind != OrgKind.COUNTY_ORGAN && slots.get(i).post().contains("副")
                && !slots.get(i).post().contains("党") && !slots.get(i).post().contains("纪"));
        boolean[] lowEducation = pick(order, LEADER_BELOW_ASSOCIATE, i -> age[i] >= 50);
        for (int i = 0; i < n; i++) {
            Slot s = slots.get(i);
            CadreB c = person(s.org(), female[i], ethnicity[i].equals("回族"), age[i]);
            c.ethnicity = ethnicity[i];
            c.post = s.post();
            c.rankLevel = RankLevel.TOWNSHIP;
            c.rankGrade = s.grade();
            c.leadership = true;
            c.category = s.category();
            if (lowEducation[i]) {
                c.education = rnd.nextBoolean() ? Education.TECHNICAL_SECONDARY : Education.HIGH_SCHOOL;
            } else {
                int e = rnd.nextInt(100);
                c.education = e < 6 ? Education.MASTER : e < 78 ? Education.BACHELOR : Education.ASSOCIATE;
            }
            c.political = nonParty[i] ? (rnd.nextInt(5) < 3 ? PoliticalStatus.DEMOCRATIC_PARTY : PoliticalStatus.NON_PARTY)
                    : PoliticalStatus.CPC_MEMBER;
            c.reserve = s.grade() == RankGrade.DEPUTY && age[i] < 40 && rnd.nextInt(100) < 35;
            finish(c, home(s.org()));
            if ((s.post().equals("党委书记") || s.post().equals("党工委书记")) && townships.contains(s.org())) {
                PartyB committee = committeeOf.get(s.org());
                committee.secretary = c.name;
                committee.phone = c.phone;
            }
            leaderHistory(c, RankLevel.TOWNSHIP);
        }
    }

    /** Marks {@code count} of the candidates (in a random order) that pass the test. */
    private boolean[] pick(List<Integer> all, int count, java.util.function.IntPredicate ok) {
        List<Integer> order = new ArrayList<>(all);
        Collections.shuffle(order, rnd);
        boolean[] out = new boolean[all.size()];
        int picked = 0;
        for (int i : order) {
            if (picked == count) {
                break;
            }
            if (ok.test(i)) {
                out[i] = true;
                picked++;
            }
        }
        if (picked != count) {
            throw new IllegalStateException("could pick only " + picked + " of " + count);
        }
        return out;
    }

    private static final String[] ORGAN_STAFF_POSTS = {"科员", "科员", "一级科员", "二级科员", "四级主任科员", "综合股股长",
            "办公室科员", "办事员"};
    private static final String[] TOWNSHIP_STAFF_POSTS = {"党政办公室科员", "经济发展办公室科员", "社会事务办公室科员",
            "综合执法办公室科员", "党建办公室科员", "财政所工作人员", "便民服务中心工作人员", "农业服务中心工作人员"};
    private static final String[] SCHOOL_POSTS = {"教师", "教师", "教师", "班主任", "教务处主任", "会计"};
    private static final String[] HOSPITAL_POSTS = {"医师", "主治医师", "护士", "护师", "药剂师", "检验技师", "会计"};
    private static final String[] INSTITUTION_POSTS = {"专业技术人员", "技术员", "助理工程师", "办事员", "会计"};
    private static final String[] PARTY_SCHOOL_POSTS = {"教研室教师", "讲师", "副教授", "教务处工作人员", "办公室科员"};

    private void buildStaff() {
        for (OrgB o : organs) {
            staff(o, 4 + rnd.nextInt(7), ORGAN_STAFF_POSTS, StaffCategory.CIVIL_SERVANT);
        }
        staff(partySchool, 12, PARTY_SCHOOL_POSTS, StaffCategory.CIVIL_SERVANT_EQUIVALENT);
        for (OrgB d : departments) {
            staff(d, 6 + rnd.nextInt(11), ORGAN_STAFF_POSTS, d.name.equals("县农业农村局") || d.name.equals("县统计局")
                    ? StaffCategory.CIVIL_SERVANT_EQUIVALENT : StaffCategory.CIVIL_SERVANT);
        }
        for (OrgB inst : institutions) {
            boolean school = inst.name.contains("学") || inst.name.contains("学校");
            boolean hospital = inst.name.contains("医院") || inst.name.contains("保健院") || inst.name.contains("疾病");
            int n = BIG_INSTITUTIONS.contains(inst.name) ? 40 + rnd.nextInt(20) : 10 + rnd.nextInt(20);
            staff(inst, n, school ? SCHOOL_POSTS : hospital ? HOSPITAL_POSTS : INSTITUTION_POSTS, StaffCategory.PUBLIC_INSTITUTION);
        }
        for (OrgB t : townships) {
            int n = 10 + rnd.nextInt(7);
            for (int i = 0; i < n; i++) {
                staff(t, 1, TOWNSHIP_STAFF_POSTS, rnd.nextInt(100) < 65 ? StaffCategory.CIVIL_SERVANT : StaffCategory.PUBLIC_INSTITUTION);
            }
        }
    }

    private void staff(OrgB o, int n, String[] postNames, StaffCategory category) {
        for (int i = 0; i < n; i++) {
            boolean female = rnd.nextInt(100) < (category == StaffCategory.PUBLIC_INSTITUTION ? 55 : 38);
            CadreB c = person(o, female, o == daxing && rnd.nextInt(100) < 30, 24 + rnd.nextInt(36));
            if (o == daxing && c.hui) {
                c.ethnicity = "回族";
            } else if (rnd.nextInt(1000) < 4) {
                c.ethnicity = rnd.nextBoolean() ? "羌族" : "藏族";
            }
            c.post = postNames[rnd.nextInt(postNames.length)];
            c.rankLevel = RankLevel.STAFF;
            c.category = category;
            int e = rnd.nextInt(100);
            c.education = e < 3 ? Education.MASTER : e < 58 ? Education.BACHELOR : e < 88 ? Education.ASSOCIATE
                    : e < 95 ? Education.TECHNICAL_SECONDARY : Education.HIGH_SCHOOL;
            int p = rnd.nextInt(100);
            c.political = p < 62 ? PoliticalStatus.CPC_MEMBER : p < 64 ? PoliticalStatus.CPC_PROBATIONARY
                    : c.age < 28 && p < 80 ? PoliticalStatus.CYL_MEMBER : p < 66 ? PoliticalStatus.DEMOCRATIC_PARTY
                    : PoliticalStatus.MASSES;
            c.reserve = c.age < 35 && rnd.nextInt(100) < 10;
            finish(c, home(o));
            posts.add(new DemoJurisdiction.Post(c.index, o.index, c.post, RankLevel.STAFF, null, false, c.enteredWorkOn,
                    null, "参加工作"));
        }
    }

    private void buildVillageCadres() {
        int graduates = 0;
        for (OrgB t : townships) {
            for (OrgB v : villagesOf.get(t)) {
                boolean community = v.kind == OrgKind.COMMUNITY;
                boolean hui = t == daxing;
                LocalDate elected = LocalDate.of(2021, 3, 1).plusDays(rnd.nextInt(90));
                List<PartyB> branches = homeBranches.get(v);
                String branchWord = branches.size() > 1 ? "党总支" : "党支部";
                boolean combined = rnd.nextInt(100) < 35;
                CadreB sec = villager(v, hui, false, 38 + rnd.nextInt(21), true, community
                        ? "社区" + branchWord + "书记" + (combined ? "、居委会主任" : "")
                        : "村" + branchWord + "书记" + (combined ? "、村委会主任" : ""), elected);
                v.secretary = sec;
                if (!combined) {
                    villager(v, hui, rnd.nextInt(100) < 15, 32 + rnd.nextInt(24), rnd.nextInt(100) < 85,
                            community ? "居委会主任" : "村委会主任", elected);
                }
                villager(v, hui, rnd.nextInt(100) < 40, 26 + rnd.nextInt(30), rnd.nextInt(100) < 60,
                        community ? "社区专职工作者" : "村文书", elected);
                if (rnd.nextInt(100) < 30 || community) {
                    villager(v, hui, true, 30 + rnd.nextInt(25), rnd.nextInt(100) < 60,
                            community ? "社区专职工作者" : "村妇女主任", elected);
                }
                if (!community && rnd.nextInt(100) < 15) {
                    villager(v, hui, false, 40 + rnd.nextInt(19), rnd.nextInt(100) < 70, "村务监督委员会主任", elected);
                }
                int leaders = community || rnd.nextInt(100) >= 20 ? 0 : 1;
                for (int i = 0; i < leaders; i++) {
                    villager(v, hui, rnd.nextInt(100) < 20, 35 + rnd.nextInt(24), rnd.nextInt(100) < 50, "村民小组长", elected);
                }
                if (!community && graduates < 40 && rnd.nextInt(100) < 9) {
                    graduates++;
                    CadreB g = person(v, rnd.nextInt(100) < 45, false, 25 + rnd.nextInt(6));
                    g.post = "村党支部书记助理";
                    g.rankLevel = RankLevel.STAFF;
                    g.category = StaffCategory.COLLEGE_GRADUATE_VILLAGE_OFFICIAL;
                    g.education = Education.BACHELOR;
                    g.political = rnd.nextInt(100) < 70 ? PoliticalStatus.CPC_MEMBER : PoliticalStatus.CYL_MEMBER;
                    g.reserve = rnd.nextInt(100) < 30;
                    finish(g, branches.get(rnd.nextInt(branches.size())));
                    posts.add(new DemoJurisdiction.Post(g.index, v.index, g.post, RankLevel.STAFF, null, false,
                            g.enteredWorkOn, null, "选聘到村任职"));
                }
            }
        }
    }

    private CadreB villager(OrgB v, boolean hui, boolean female, int age, boolean member, String post, LocalDate elected) {
        boolean isHui = hui && rnd.nextInt(100) < 40;
        CadreB c = person(v, female, isHui, age);
        if (isHui) {
            c.ethnicity = "回族";
        }
        c.post = post;
        c.rankLevel = null;
        c.leadership = post.contains("书记") || post.contains("主任");
        c.category = StaffCategory.VILLAGE_CADRE;
        int e = rnd.nextInt(100);
        c.education = e < 6 ? Education.BACHELOR : e < 32 ? Education.ASSOCIATE : e < 52 ? Education.TECHNICAL_SECONDARY
                : e < 85 ? Education.HIGH_SCHOOL : Education.BELOW_HIGH_SCHOOL;
        c.political = post.contains("书记") || member ? PoliticalStatus.CPC_MEMBER : PoliticalStatus.MASSES;
        c.enteredWorkOn = elected.minusYears(rnd.nextInt(12)).minusDays(rnd.nextInt(60));
        if (c.enteredWorkOn.isBefore(c.birthDate.plusYears(22))) {
            c.enteredWorkOn = c.birthDate.plusYears(22).plusDays(rnd.nextInt(300));
        }
        if (c.enteredWorkOn.isAfter(elected)) {
            c.enteredWorkOn = elected;
        }
        List<PartyB> branches = homeBranches.get(v);
        finish(c, branches.get(rnd.nextInt(branches.size())));
        // about one in ten party members of a village works away from it (流动党员)
        c.mobile = c.partyOrg != null && !post.contains("书记") && !post.contains("主任") && rnd.nextInt(100) < 35;
        c.reserve = age < 35 && rnd.nextInt(100) < 15;
        if (!c.enteredWorkOn.equals(elected) && rnd.nextInt(100) < 40) {
            posts.add(new DemoJurisdiction.Post(c.index, v.index, post.equals("村民小组长") ? "村民小组长" : "村委会委员", null,
                    null, false, c.enteredWorkOn, elected, "换届"));
            posts.add(new DemoJurisdiction.Post(c.index, v.index, post, null, null, c.leadership, elected, null, "换届"));
        } else {
            posts.add(new DemoJurisdiction.Post(c.index, v.index, post, null, null, c.leadership, c.enteredWorkOn, null, "任职"));
        }
        return c;
    }

    /** A new person of this age (as of the reference date) in this unit, with a valid citizen ID. */
    private CadreB person(OrgB o, boolean female, boolean hui, int age) {
        CadreB c = new CadreB();
        c.index = cadres.size();
        c.org = o;
        c.female = female;
        c.hui = hui;
        c.age = age;
        c.name = DemoNames.surname(rnd, hui) + DemoNames.givenName(rnd, female);
        LocalDate birth = ref.minusYears(age + 1L).plusDays(1 + rnd.nextInt(364));
        if (birth.getYear() < 1966) {
            birth = LocalDate.of(1966, 1, 1).plusDays(rnd.nextInt(200));
        }
        if (birth.getYear() > 2001) {
            birth = LocalDate.of(2001, 12, 31).minusDays(rnd.nextInt(200));
        }
        c.birthDate = birth;
        c.citizenId = citizenId(birth, female);
        c.phone = DemoNames.phone(rnd);
        c.ethnicity = "汉族";
        int start = 21 + rnd.nextInt(4);
        c.enteredWorkOn = birth.plusYears(start).withMonth(7 + rnd.nextInt(3)).withDayOfMonth(1);
        if (c.enteredWorkOn.isAfter(ref)) {
            c.enteredWorkOn = ref.minusMonths(3);
        }
        cadres.add(c);
        return c;
    }

    private String citizenId(LocalDate birth, boolean female) {
        while (true) {
            int seq = rnd.nextInt(499) * 2 + (female ? 2 : 1); // odd for men, even for women
            String first17 = REGION + YMD.format(birth) + String.format("%03d", seq);
            String id = first17 + CitizenId.checkChar(first17);
            if (citizenIds.add(id)) {
                return id;
            }
        }
    }

    /** Party branch and join date for members; every member joins at 18 or later. */
    private void finish(CadreB c, PartyB branch) {
        if (c.political == PoliticalStatus.CPC_MEMBER || c.political == PoliticalStatus.CPC_PROBATIONARY) {
            c.partyOrg = branch;
            LocalDate earliest = c.birthDate.plusYears(18).plusDays(1);
            if (c.political == PoliticalStatus.CPC_PROBATIONARY) {
                c.joinedPartyOn = ref.minusDays(30 + rnd.nextInt(300));
            } else {
                LocalDate latest = ref.minusYears(1);
                long span = Math.max(1, java.time.temporal.ChronoUnit.DAYS.between(earliest, latest));
                // most join in their twenties
                long days = Math.min(span - 1, (long) (Math.abs(rnd.nextGaussian()) * 365 * 5 + rnd.nextInt(365 * 4)));
                c.joinedPartyOn = earliest.plusDays(Math.max(0, days));
            }
            if (c.joinedPartyOn.isBefore(earliest)) {
                c.joinedPartyOn = earliest;
            }
        }
    }

    private PartyB home(OrgB o) {
        List<PartyB> b = homeBranches.get(o);
        return b.get(rnd.nextInt(b.size()));
    }

    /**
     * Post history of a leader: the current post since an appointment date; some were promoted within the
     * last five years from the deputy grade (正科 from 副科) or from 科员 (副科), elsewhere or in the same unit.
     */
    private void leaderHistory(CadreB c, RankLevel level) {
        LocalDate appointed = ref.minusDays(60 + rnd.nextInt(365 * 7));
        if (appointed.isBefore(c.enteredWorkOn.plusYears(3))) {
            appointed = c.enteredWorkOn.plusYears(3);
        }
        if (appointed.isAfter(ref)) {
            appointed = ref.minusDays(30);
        }
        boolean promotedRecently = !appointed.isBefore(ref.minusYears(5)) && rnd.nextInt(100) < 60;
        if (promotedRecently) {
            LocalDate earlierStart = appointed.minusYears(2 + rnd.nextInt(5));
            if (earlierStart.isBefore(c.enteredWorkOn)) {
                earlierStart = c.enteredWorkOn;
            }
            if (c.rankGrade == RankGrade.PRINCIPAL) {
                OrgB from = rnd.nextBoolean() ? c.org : townships.get(rnd.nextInt(36));
                String post = from.kind == OrgKind.TOWNSHIP ? (from.name.endsWith("镇") ? "副镇长" : "副乡长")
                        : level == RankLevel.COUNTY ? "副县长" : "副局长";
                posts.add(new DemoJurisdiction.Post(c.index, from.index, post, level, RankGrade.DEPUTY, true, earlierStart,
                        appointed, from == c.org ? "职务变动" : "调动"));
            } else if (level == RankLevel.COUNTY) {
                OrgB from = townships.get(rnd.nextInt(36));
                posts.add(new DemoJurisdiction.Post(c.index, from.index, "党委书记", RankLevel.TOWNSHIP, RankGrade.PRINCIPAL,
                        true, earlierStart, appointed, "调动"));
            } else {
                String post = c.org.kind == OrgKind.TOWNSHIP ? "党政办公室科员" : "科员";
                posts.add(new DemoJurisdiction.Post(c.index, c.org.index, post, RankLevel.STAFF, null, false,
                        earlierStart, appointed, earlierStart.equals(c.enteredWorkOn) ? "参加工作" : "调动"));
            }
            posts.add(new DemoJurisdiction.Post(c.index, c.org.index, c.post, level, c.rankGrade, true, appointed, null, "职级变动"));
        } else {
            posts.add(new DemoJurisdiction.Post(c.index, c.org.index, c.post, level, c.rankGrade, true, appointed, null, "任职"));
        }
    }

    private void assignSecretaries() {
        for (PartyB p : parties) {
            OrgB v = p.org;
            if (p.secretary == null && v.secretary != null && p.kind != PartyOrgKind.COMMITTEE
                    && (p.kind == PartyOrgKind.GENERAL_BRANCH || homeBranches.get(v).size() == 1)) {
                p.secretary = v.secretary.name;
                p.phone = v.secretary.phone;
            }
        }
    }

    private void buildAccounts() {
        OrgB firstVillage = villagesOf.get(fuyi).stream().filter(v -> v.kind == OrgKind.VILLAGE && homeBranches.get(v).size() == 1)
                .findFirst().orElseThrow();
        PartyB branch = homeBranches.get(firstVillage).get(0);
        CadreB secretary = firstVillage.secretary;
        // a 副科 leader of 富驿镇 who is a party member (the yearly 90-hour rule and party study both apply)
        CadreB deputyMayor = cadres.stream().filter(c -> c.org == fuyi && c.rankLevel == RankLevel.TOWNSHIP
                        && c.rankGrade == RankGrade.DEPUTY && c.political == PoliticalStatus.CPC_MEMBER)
                .min(java.util.Comparator.comparing((CadreB c) -> !"副镇长".equals(c.post)).thenComparing(c -> c.index))
                .orElseThrow();
        accounts.add(new DemoJurisdiction.Account("admin", "系统管理员", Role.SYSTEM_ADMIN, null, null, null));
        // 三员分立: the security and the audit administrator beside the system administrator
        accounts.add(new DemoJurisdiction.Account("anquan", "安全管理员", Role.SECURITY_ADMIN, null, null, null));
        accounts.add(new DemoJurisdiction.Account("shenji", "审计管理员", Role.AUDIT_ADMIN, null, null, null));
        accounts.add(new DemoJurisdiction.Account("zzb", "县委组织部干训科", Role.ORG_DEPT_ADMIN, root.index, null, null));
        accounts.add(new DemoJurisdiction.Account("dangxiao", "县委党校教务处", Role.PROVIDER_REGISTRAR, partySchool.index, null, null));
        accounts.add(new DemoJurisdiction.Account("fuyi", "富驿镇培训专管员", Role.UNIT_LIAISON, fuyi.index, null, null));
        accounts.add(new DemoJurisdiction.Account("zhibu", secretary.name, Role.BRANCH_SECRETARY, null, branch.index,
                secretary.index));
        accounts.add(new DemoJurisdiction.Account("ganbu", deputyMayor.name, Role.CADRE, null, null, deputyMayor.index));
    }

    // ------------------------------------------------------------------ builders

    private static final class OrgB {
        int index;
        OrgB parent;
        String name;
        OrgKind kind;
        String code;
        int sort;
        CadreB secretary;
    }

    private static final class PartyB {
        int index;
        PartyB parent;
        String name;
        PartyOrgKind kind;
        OrgB org;
        int sort;
        String secretary;
        String phone;
    }

    private static final class CadreB {
        int index;
        OrgB org;
        boolean female;
        boolean hui;
        int age;
        String name;
        String ethnicity;
        LocalDate birthDate;
        String citizenId;
        Education education;
        PoliticalStatus political;
        LocalDate joinedPartyOn;
        String post;
        RankLevel rankLevel;
        RankGrade rankGrade;
        boolean leadership;
        StaffCategory category;
        LocalDate enteredWorkOn;
        String phone;
        boolean reserve;
        PartyB partyOrg;
        boolean mobile;

        DemoJurisdiction.Cadre build() {
            return new DemoJurisdiction.Cadre(index, name, female ? Gender.FEMALE : Gender.MALE, ethnicity, birthDate,
                    citizenId, education, political, joinedPartyOn, org.index, post, rankLevel, rankGrade, leadership,
                    category, enteredWorkOn, phone, reserve, partyOrg == null ? null : partyOrg.index, mobile);
        }
    }
}
