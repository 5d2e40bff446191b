package org.ganxun.compliance.internal.ruleset;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.ganxun.audit.AuditLog;
import org.ganxun.org.OrganizationTrees;
import org.ganxun.org.Tree;
import org.ganxun.platform.security.CurrentUsers;
import org.ganxun.platform.web.BusinessException;
import org.ganxun.platform.web.BusinessException.FieldProblem;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Rule-set versions in the database. A person is governed by the rule set of the nearest organisation
 * above them that has one in force on the date, else by the national defaults.
 */
@Component
public class RuleSetStore {

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final OrganizationTrees trees;
    private final AuditLog audit;

    RuleSetStore(JdbcClient jdbc, JsonMapper json, OrganizationTrees trees, AuditLog audit) {
        this.jdbc = jdbc;
        this.json = json;
        this.trees = trees;
        this.audit = audit;
    }

    /** A version with the path of its jurisdiction, for choosing the nearest. */
    public record Stored(RuleSet ruleSet, String jurisdictionPath, String jurisdictionName) {
    }

    /** Ships the national defaults with a new installation (before anything else computes standings). */
    @EventListener(ApplicationReadyEvent.class)
    @org.springframework.core.annotation.Order(org.springframework.core.Ordered.HIGHEST_PRECEDENCE)
    @Transactional
    public void installNationalDefaults() {
        Long n = jdbc.sql("select count(*) from rule_set where jurisdiction_org_id is null").query(Long.class).single();
        if (n == 0) {
            RuleSet d = NationalRules.defaults();
            jdbc.sql("insert into rule_set (jurisdiction_org_id, name, version, valid_from, valid_to, document, note, created_by)"
                            + " values (null, ?, 1, ?, null, cast(? as jsonb), ?, 'system')")
                    .params(d.name(), d.validFrom(), json.writeValueAsString(RuleDocument.of(d)), d.note()).update();
        }
    }

    public List<Stored> all() {
        return jdbc.sql("""
                select r.id, r.jurisdiction_org_id, r.name, r.version, r.valid_from, r.valid_to, r.document::text as doc, r.note,
                       o.path, o.name as org_name
                from rule_set r left join org_unit o on o.id = r.jurisdiction_org_id
                order by r.jurisdiction_org_id nulls first, r.version""")
                .query((rs, i) -> {
                    RuleDocument d = json.readValue(rs.getString("doc"), RuleDocument.class);
                    RuleSet r = new RuleSet(rs.getLong("id"), rs.getString("name"), rs.getObject("jurisdiction_org_id", Long.class),
                            rs.getInt("version"), rs.getObject("valid_from", LocalDate.class), rs.getObject("valid_to", LocalDate.class),
                            d.requirements(), d.conversions(), d.caps() == null ? List.of() : d.caps(), d.carryOver(), rs.getString("note"),
                            d.assessmentUse());
                    return new Stored(r, rs.getString("path"), rs.getString("org_name"));
                }).list();
    }

    /** Chooses from already-loaded versions (bulk work loads them once). */
    public static Optional<RuleSet> governing(List<Stored> all, String personOrgPath, LocalDate on) {
        Map<String, List<RuleSet>> byJurisdiction = all.stream()
                .filter(s -> s.jurisdictionPath() == null || (personOrgPath != null && personOrgPath.startsWith(s.jurisdictionPath())))
                .collect(Collectors.groupingBy(s -> s.jurisdictionPath() == null ? "" : s.jurisdictionPath(),
                        Collectors.mapping(Stored::ruleSet, Collectors.toList())));
        List<String> nearestFirst = new ArrayList<>(byJurisdiction.keySet());
        nearestFirst.sort(Comparator.comparingInt(String::length).reversed());
        for (String path : nearestFirst) {
            Optional<RuleSet> r = RuleSets.inForce(byJurisdiction.get(path), on);
            if (r.isPresent()) {
                return r;
            }
        }
        return Optional.empty();
    }

    public Optional<RuleSet> governing(String personOrgPath, LocalDate on) {
        return governing(all(), personOrgPath, on);
    }

    /**
     * Saves a new version for a jurisdiction (null: national, system administrators only). The version
     * before it ends the day before the new one starts.
     */
    @Transactional
    public RuleSet saveVersion(Long jurisdictionOrgId, String name, LocalDate validFrom, RuleDocument doc, String note) {
        if (jurisdictionOrgId == null) {
            if (CurrentUsers.require().dataScope() != org.ganxun.platform.security.DataScopeKind.ALL) {
                // the national default binds every jurisdiction: only someone whose data reaches all of them edits it
                throw new BusinessException(403, "只有系统管理员可以修改全国默认规则", List.of());
            }
        } else {
            trees.requireInScope(Tree.ADMINISTRATIVE, jurisdictionOrgId);
        }
        List<FieldProblem> problems = RuleSetValidator.validate(name, validFrom, doc);
        if (!problems.isEmpty()) {
            throw new BusinessException(problems.get(0).message(), problems);
        }
        Integer last = jdbc.sql("select max(version) from rule_set where coalesce(jurisdiction_org_id, 0) = coalesce(?, 0)")
                .param(jurisdictionOrgId).query(Integer.class).optional().orElse(null);
        Optional<LocalDate> lastFrom = jdbc.sql("select max(valid_from) from rule_set where coalesce(jurisdiction_org_id, 0) = coalesce(?, 0)")
                .param(jurisdictionOrgId).query(LocalDate.class).optional();
        if (lastFrom.isPresent() && lastFrom.get() != null && !validFrom.isAfter(lastFrom.get())) {
            throw new BusinessException("新版本的生效日期须晚于上一版本的生效日期（" + lastFrom.get() + "）",
                    List.of(new FieldProblem("validFrom", "生效日期须晚于" + lastFrom.get())));
        }
        int version = last == null ? 1 : last + 1;
        jdbc.sql("update rule_set set valid_to = ? where coalesce(jurisdiction_org_id, 0) = coalesce(?, 0) and (valid_to is null or valid_to >= ?)")
                .params(validFrom.minusDays(1), jurisdictionOrgId, validFrom).update();
        long id = jdbc.sql("insert into rule_set (jurisdiction_org_id, name, version, valid_from, document, note, created_by)"
                        + " values (?, ?, ?, ?, cast(? as jsonb), ?, ?) returning id")
                .params(jurisdictionOrgId, name.strip(), version, validFrom, json.writeValueAsString(doc), note,
                        CurrentUsers.require().username())
                .query(Long.class).single();
        RuleSet saved = all().stream().map(Stored::ruleSet).filter(r -> r.id() == id).findFirst().orElseThrow();
        audit.record("CREATE", "RuleSet", id, "发布规则 " + name + " 第" + version + "版（" + validFrom + "起）", null, saved);
        return saved;
    }
}
