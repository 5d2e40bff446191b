package org.ganxun.planning.internal.budget;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.ganxun.audit.AuditLog;
import org.ganxun.org.DataScopes;
import org.ganxun.org.OrganizationTrees;
import org.ganxun.org.Tree;
import org.ganxun.planning.LecturerTitle;
import org.ganxun.platform.security.CurrentUsers;
import org.ganxun.platform.web.Bounds;
import org.ganxun.platform.web.BusinessException;
import org.ganxun.platform.web.BusinessException.FieldProblem;
import org.ganxun.platform.web.RichText;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The training-fee standards as configurable rules: the default set is the central one (财行〔2016〕540号, written by
 * migration V163), and an organisation department may keep its jurisdiction's own set (its province's or county's 办法),
 * which then governs every class approved in its subtree. The nearest set above a class's approving department wins.
 */
@Service
public class FeeStandards {

    private final JdbcClient jdbc;
    private final DataScopes scopes;
    private final OrganizationTrees trees;
    private final AuditLog audit;

    FeeStandards(JdbcClient jdbc, DataScopes scopes, OrganizationTrees trees, AuditLog audit) {
        this.jdbc = jdbc;
        this.scopes = scopes;
        this.trees = trees;
        this.audit = audit;
    }

    /** A cap as the page shows and edits it. */
    public record Cap(@Size(max = 10, message = "费用类别不正确") String kind, @Size(max = 20, message = "地区类别不正确") String tier,
                      @Size(max = 50, message = "地区类别名称最多{max}个字") String tierLabel, @Size(max = 30, message = "费用项目不正确") String item,
                      @Size(max = 50, message = "费用项目名称最多{max}个字") String itemLabel, BigDecimal amount) {
    }

    public record View(Long id, Long jurisdictionOrgId, String jurisdictionName, boolean isDefault, String name, String source,
                       int longAfterDays, BigDecimal longRate, List<Cap> caps) {
    }

    public record Form(@Size(max = 200, message = "标准名称最多{max}个字") String name,
                       @Size(max = 500, message = "依据文件最多{max}个字") String source,
                       Integer longAfterDays, BigDecimal longRate, List<@Valid Cap> caps) {
    }

    /** For the page: the set governing classes approved by {@code orgId}, a unit the reader may see. */
    @Transactional(readOnly = true)
    public View effectiveFor(long orgId) {
        trees.requireVisible(Tree.ADMINISTRATIVE, orgId);
        return effective(orgId);
    }

    /** The set governing classes approved by {@code orgId} (nearest above it, else the default). */
    @Transactional(readOnly = true)
    public View effective(long orgId) {
        String path = jdbc.sql("select path from org_unit where id = ?").param(orgId).query(String.class).optional()
                .orElseThrow(() -> BusinessException.notFound("单位"));
        Long id = jdbc.sql("""
                select s.id from fee_standard s left join org_unit o on o.id = s.jurisdiction_org_id
                 where s.jurisdiction_org_id is null or ? like o.path || '%'
                 order by length(o.path) desc nulls last limit 1""").param(path).query(Long.class).single();
        return view(id);
    }

    View view(long id) {
        View head = jdbc.sql("""
                select s.*, o.name as org_name from fee_standard s left join org_unit o on o.id = s.jurisdiction_org_id where s.id = ?""")
                .param(id)
                .query((rs, i) -> new View(rs.getLong("id"), (Long) rs.getObject("jurisdiction_org_id"), rs.getString("org_name"),
                        rs.getObject("jurisdiction_org_id") == null, rs.getString("name"), rs.getString("source"), rs.getInt("long_after_days"),
                        rs.getBigDecimal("long_rate"), List.of()))
                .single();
        List<Cap> caps = jdbc.sql("select kind, tier, item, amount from fee_cap where standard_id = ? order by kind, tier, item")
                .param(id).query((rs, i) -> cap(rs.getString(1), rs.getString(2), rs.getString(3), rs.getBigDecimal(4))).list();
        List<Cap> sorted = new ArrayList<>(caps);
        sorted.sort(java.util.Comparator.comparing((Cap c) -> c.kind()).thenComparing(c -> tierOrder(c.tier())).thenComparing(c -> itemOrder(c.item())));
        return new View(head.id(), head.jurisdictionOrgId(), head.jurisdictionName(), head.isDefault(), head.name(), head.source(),
                head.longAfterDays(), head.longRate(), sorted);
    }

    private static int tierOrder(String t) {
        try {
            return ClassTier.valueOf(t).ordinal();
        } catch (IllegalArgumentException e) {
            return LecturerTitle.valueOf(t).ordinal();
        }
    }

    private static int itemOrder(String i) {
        return "LECTURE".equals(i) ? 0 : FeeCaps.Item.valueOf(i).ordinal();
    }

    static Cap cap(String kind, String tier, String item, BigDecimal amount) {
        boolean daily = "DAILY".equals(kind);
        return new Cap(kind, tier, daily ? ClassTier.valueOf(tier).label() : LecturerTitle.valueOf(tier).label(), item,
                daily ? FeeCaps.Item.valueOf(item).label() : "讲课费（税后，元/学时）", amount);
    }

    /** The rule object for a class of {@code tier} under the set {@code v}. */
    public static FeeCaps.Standard standard(View v, ClassTier tier) {
        Map<FeeCaps.Item, BigDecimal> daily = new EnumMap<>(FeeCaps.Item.class);
        Map<LecturerTitle, BigDecimal> lecture = new EnumMap<>(LecturerTitle.class);
        for (Cap c : v.caps()) {
            if ("DAILY".equals(c.kind()) && c.tier().equals(tier.name())) {
                daily.put(FeeCaps.Item.valueOf(c.item()), c.amount());
            } else if ("LECTURE".equals(c.kind())) {
                lecture.put(LecturerTitle.valueOf(c.tier()), c.amount());
            }
        }
        return new FeeCaps.Standard(v.name(), v.source(), daily, lecture, v.longAfterDays(), v.longRate());
    }

    /** Keeps {@code orgId}'s own set (an organisation department whose scope covers it). */
    @Transactional
    public View save(long orgId, Form f) {
        var node = trees.requireVisible(Tree.ADMINISTRATIVE, orgId);
        if (!CurrentUsers.require().can(org.ganxun.platform.security.Permission.PLAN_MANAGE) || !scopes.current().coversOrgPath(node.path())) {
            throw new BusinessException(403, "只能维护本人管理范围内的培训费标准", List.of());
        }
        List<FieldProblem> problems = new ArrayList<>();
        String name = clean(problems, "name", "标准名称", f.name(), 200);
        String source = clean(problems, "source", "依据", f.source(), 500);
        int longAfter = f.longAfterDays() == null ? 30 : f.longAfterDays();
        if (longAfter < 1 || longAfter > 366) {
            problems.add(new FieldProblem("longAfterDays", "按全额标准控制的天数须在1到366之间"));
        }
        BigDecimal rate = f.longRate() == null ? new BigDecimal("0.70") : f.longRate();
        if (rate.signum() <= 0 || rate.compareTo(BigDecimal.ONE) > 0 || rate.stripTrailingZeros().scale() > 2) {
            problems.add(new FieldProblem("longRate", "超过天数部分的控制比例须大于0、不超过1，最多两位小数"));
        }
        List<Cap> caps = f.caps() == null ? List.of() : f.caps();
        List<Cap> ok = new ArrayList<>();
        for (int i = 0; i < caps.size(); i++) {
            Cap c = caps.get(i);
            String field = "caps[" + i + "].amount";
            try {
                Cap k = cap(c.kind(), c.tier(), c.item(), c.amount());
                if (!("DAILY".equals(k.kind()) || "LECTURE".equals(k.kind()) && "LECTURE".equals(k.item()))) {
                    throw new IllegalArgumentException();
                }
                if (c.amount() == null || c.amount().signum() < 0 || c.amount().compareTo(new BigDecimal("100000")) > 0
                        || c.amount().stripTrailingZeros().scale() > 2) {
                    problems.add(new FieldProblem(field, k.tierLabel() + k.itemLabel() + "须在0到100000元之间，最多两位小数"));
                } else {
                    ok.add(k);
                }
            } catch (RuntimeException e) {
                problems.add(new FieldProblem("caps[" + i + "]", "不认识的标准项"));
            }
        }
        if (name == null) {
            problems.add(new FieldProblem("name", "请填写标准名称"));
        }
        if (source == null) {
            problems.add(new FieldProblem("source", "请填写依据（文件名称和文号）"));
        }
        Bounds.check(problems);
        View before = jdbc.sql("select id from fee_standard where jurisdiction_org_id = ?").param(orgId).query(Long.class).optional()
                .map(this::view).orElse(null);
        jdbc.sql("delete from fee_standard where jurisdiction_org_id = ?").param(orgId).update();
        long id = jdbc.sql("""
                insert into fee_standard (jurisdiction_org_id, name, source, long_after_days, long_rate, updated_by)
                values (?, ?, ?, ?, ?, ?) returning id""")
                .params(orgId, name, source, longAfter, rate, CurrentUsers.require().username()).query(Long.class).single();
        for (Cap c : ok) {
            jdbc.sql("insert into fee_cap (standard_id, kind, tier, item, amount) values (?, ?, ?, ?, ?) on conflict do nothing")
                    .params(id, c.kind(), c.tier(), c.item(), c.amount()).update();
        }
        View after = view(id);
        audit.record(before == null ? "CREATE" : "UPDATE", "FeeStandard", id, "培训费标准：" + node.name() + "，" + name, before, after);
        return after;
    }

    public static String clean(List<FieldProblem> problems, String field, String label, String value, int max) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.strip();
        if (!v.equals(RichText.text(v))) {
            problems.add(new FieldProblem(field, label + "不能包含网页标记或脚本"));
            return null;
        }
        if (v.length() > max) {
            problems.add(new FieldProblem(field, label + "最多" + max + "个字（现有" + v.length() + "个字）"));
            return null;
        }
        return v;
    }
}
