package org.ganxun.demo;

import java.util.List;
import java.util.Random;

/** Names for the demo county: people, townships and villages. */
final class DemoNames {

    private DemoNames() {
    }

    /** Common surnames with rough weights (per mille of the population, Sichuan-leaning). */
    private static final Object[][] SURNAMES = {
            {"王", 72}, {"李", 71}, {"张", 67}, {"刘", 54}, {"陈", 53}, {"杨", 45}, {"赵", 22}, {"黄", 22},
            {"周", 21}, {"吴", 20}, {"何", 18}, {"罗", 17}, {"唐", 14}, {"蒋", 12}, {"邓", 12}, {"冯", 11},
            {"谢", 11}, {"徐", 11}, {"胡", 10}, {"曾", 10}, {"彭", 10}, {"杜", 9}, {"任", 9}, {"袁", 9},
            {"肖", 8}, {"文", 8}, {"苟", 8}, {"陶", 7}, {"郑", 7}, {"韩", 6}, {"蒲", 6}, {"向", 6}, {"敬", 5},
            {"雷", 5}, {"龚", 5}, {"范", 5}, {"魏", 5}, {"贾", 5}, {"梁", 5}, {"宋", 5}, {"付", 5}, {"母", 4},
            {"严", 4}, {"胥", 4}, {"蔡", 4}, {"汪", 4}, {"余", 4}, {"冉", 4}, {"钟", 4}, {"姚", 4}, {"邹", 4},
            {"熊", 4}, {"孙", 4}, {"朱", 4}, {"高", 4}, {"林", 3}, {"郭", 3}, {"马", 3}, {"廖", 3}, {"丁", 3},
            {"侯", 3}, {"夏", 3}, {"姜", 3}, {"程", 3}, {"卢", 3}, {"税", 2}, {"岳", 2}, {"庞", 2}, {"银", 2},
            {"伏", 2}, {"寇", 2}, {"车", 2}, {"易", 2}, {"明", 2}, {"谭", 2}, {"史", 2}, {"苏", 2}, {"白", 2},
    };

    private static final int SURNAME_TOTAL;

    static {
        int t = 0;
        for (Object[] s : SURNAMES) {
            t += (Integer) s[1];
        }
        SURNAME_TOTAL = t;
    }

    /** Surnames common among the Hui (回族). */
    private static final String[] HUI_SURNAMES = {"马", "马", "马", "白", "沙", "海", "哈", "米", "丁", "杨"};

    private static final String MALE_CHARS = "伟强军勇斌杰涛明辉刚平磊峰波建国华林超鹏飞宇浩俊东亮文武志成"
            + "兵毅永红春德海江川山松柏家兴发福旭晨凯博鑫瑞祥宏智勤思远";
    private static final String FEMALE_CHARS = "芳丽娟静敏燕艳霞玲婷雪梅兰琴红英华莉萍娜倩洁琳蓉秀慧佳颖"
            + "瑶欣悦雅淑晓月春翠菊凤云丹蕾";

    static String surname(Random r, boolean hui) {
        if (hui) {
            return HUI_SURNAMES[r.nextInt(HUI_SURNAMES.length)];
        }
        int x = r.nextInt(SURNAME_TOTAL);
        for (Object[] s : SURNAMES) {
            x -= (Integer) s[1];
            if (x < 0) {
                return (String) s[0];
            }
        }
        return "王";
    }

    static String givenName(Random r, boolean female) {
        String pool = female ? FEMALE_CHARS : MALE_CHARS;
        char a = pool.charAt(r.nextInt(pool.length()));
        if (r.nextInt(100) < 28) {
            return String.valueOf(a);
        }
        // two characters: mostly from the same pool, sometimes a neutral one
        String second = r.nextInt(5) == 0 ? "文明德晓小永志春海云" : pool;
        char b = second.charAt(r.nextInt(second.length()));
        while (b == a) {
            b = second.charAt(r.nextInt(second.length()));
        }
        return r.nextInt(4) == 0 ? "" + b + a : "" + a + b;
    }

    /** 36 townships of the demo county (names of Yanting's townships and some invented ones), towns first. */
    static final List<String> TOWNSHIPS = List.of(
            "云溪镇", "富驿镇", "金孔镇", "黄甸镇", "八角镇", "玉龙镇", "高渠镇", "柏梓镇", "高灯镇", "两河镇",
            "巨龙镇", "安家镇", "黑坪镇", "鹅溪镇", "金鸡镇",
            "林山乡", "大兴回族乡", "毛公乡", "石牛庙乡", "五龙乡", "永泰乡", "龙泉乡", "洗泽乡", "林农乡",
            "黄溪乡", "来龙乡", "茶亭乡", "三元乡", "五一乡", "冯河乡", "剑河乡", "麻秧乡", "折弓乡", "宝华乡",
            "九龙乡", "新农乡");

    private static final String VILLAGE_FIRST = "龙凤金银青白红黄石柏桂松梓清双三五八九高新永太和兴安宝天玉马鹤狮";
    private static final String VILLAGE_SECOND = "井泉溪河湾山坪岭沟桥堰垭庙林寺观田湖塘坝庄台峰坡";

    static String villageName(Random r) {
        return "" + VILLAGE_FIRST.charAt(r.nextInt(VILLAGE_FIRST.length()))
                + VILLAGE_SECOND.charAt(r.nextInt(VILLAGE_SECOND.length())) + "村";
    }

    private static final String[] COMMUNITY_WORDS = {"嫘祖", "凤凰", "笔峰", "负戴", "文昌", "桂香", "花园", "东街",
            "西街", "南街", "北街", "滨江", "鹅溪", "梓江", "青龙", "新城", "紫金", "龙泉", "金鸡", "玉泉", "天垣",
            "古城", "和平", "胜利", "人民", "红光", "建设", "光明", "团结", "幸福", "育才", "兴隆", "太平", "迎春",
            "朝阳", "锦绣", "阳光", "长乐", "安居", "永兴", "金桥", "翠屏", "银河", "盛世", "丰收", "富民"};

    static String communityName(int i) {
        return COMMUNITY_WORDS[i % COMMUNITY_WORDS.length] + "社区";
    }

    private static final String[] PHONE_PREFIXES = {"133", "135", "136", "137", "138", "139", "150", "151", "152",
            "158", "159", "177", "180", "181", "182", "183", "187", "189", "199"};

    static String phone(Random r) {
        StringBuilder sb = new StringBuilder(PHONE_PREFIXES[r.nextInt(PHONE_PREFIXES.length)]);
        for (int i = 0; i < 8; i++) {
            sb.append(r.nextInt(10));
        }
        return sb.toString();
    }
}
