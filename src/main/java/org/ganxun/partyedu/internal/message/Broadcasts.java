package org.ganxun.partyedu.internal.message;

import org.ganxun.platform.web.PlainText;
import jakarta.validation.constraints.Size;
import org.ganxun.partyedu.MemberCategory;
import org.ganxun.partyedu.MemberView;
import org.ganxun.partyedu.Members;
import org.ganxun.platform.security.Phones;
import org.ganxun.platform.security.InScope.Ref;
import org.ganxun.platform.security.InScope;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

import org.ganxun.audit.AuditLog;
import org.ganxun.notify.SmsOutbox;
import org.ganxun.org.DataScopes;
import org.ganxun.org.OrganizationTrees;
import org.ganxun.org.Tree;
import org.ganxun.platform.security.CurrentUser;
import org.ganxun.platform.security.CurrentUsers;
import org.ganxun.platform.security.DataScope;
import org.ganxun.platform.security.Unscoped;
import org.ganxun.platform.web.BusinessException;
import org.ganxun.platform.web.BusinessException.FieldProblem;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.util.StringUtils;

/**
 * SMS broadcasts (短信群发) to members chosen by branch, category, group or mobile status, from templates with
 * placeholders ({姓名} {支部} {日期} {外出地点}). Each recipient's message goes into the notify outbox in the
 * same transaction with the key {@code pe-bc:<broadcast>:<member>}, so it is sent later with retries, never
 * lost and never twice; the log shows each recipient's delivery state from the outbox.
 */
@Service
public class Broadcasts {

    public static final List<String> PLACEHOLDERS = List.of("{姓名}", "{支部}", "{日期}", "{外出地点}");

    /** {@code editable}: whether the current user may change or delete it (their scope covers its owner's). */
    public record Template(long id, String name, String body, String createdBy, boolean editable) {
    }

    public record TemplateRequest(@Size(max = 100, message = "模板名称最多{max}个字") @PlainText(message = "模板名称不能包含网页标记或脚本") String name, @Size(max = 500, message = "模板内容最多{max}个字") @PlainText(message = "模板内容不能包含网页标记或脚本") String body) {
    }

    /** Whom to send to: the filters (all optional, combined) or explicit member ids; {@code requestId} makes a re-submit harmless. */
    public record BroadcastRequest(Long templateId, @Size(max = 500, message = "短信内容最多{max}个字") String body,
                                   @InScope(Ref.PARTY_ORG) Long partyOrgId, MemberCategory category, @Size(max = 50, message = "分组最多{max}个字") String group,
                                   Boolean mobile, @InScope(Ref.MEMBER) List<Long> memberIds, @Size(max = 64, message = "请求编号最多{max}个字") String requestId) {
    }

    public record Broadcast(long id, String body, String selection, int recipients, int sent, int pending, int failed,
                            int noPhone, String createdBy, Instant createdAt) {
    }

    public record Recipient(long memberId, String name, String phone, String body, String status, String statusLabel,
                            int attempts, String lastError, Instant sentAt) {
    }

    private final JdbcClient jdbc;
    private final Members members;
    private final OrganizationTrees trees;
    private final DataScopes scopes;
    private final SmsOutbox outbox;
    private final AuditLog audit;
    private final Clock clock;

    Broadcasts(JdbcClient jdbc, Members members, OrganizationTrees trees, DataScopes scopes, SmsOutbox outbox, AuditLog audit, Clock clock) {
        this.clock = clock;
        this.jdbc = jdbc;
        this.members = members;
        this.trees = trees;
        this.scopes = scopes;
        this.outbox = outbox;
        this.audit = audit;
    }

    // ---- templates ----

    @Transactional(readOnly = true)
    public List<Template> templates() {
        DataScope scope = scopes.current();
        Map<String, Object> p = templateParams(scope);
        return jdbc.sql(TEMPLATE_SELECT + " where " + templateReadable(scope) + " order by t.id").params(p)
                .query((rs, i) -> template(rs)).list();
    }

    private static final String TEMPLATE_SELECT = """
            select t.id, t.name, t.body, t.created_by, t.owner_org_id, t.owner_party_org_id,
                   o.path as owner_org_path, p.path as owner_party_path, pu.path as owner_party_unit_path
            from message_template t
            left join org_unit o on o.id = t.owner_org_id
            left join party_unit p on p.id = t.owner_party_org_id
            left join org_unit pu on pu.id = p.org_id""";

    /**
     * A template is offered to its owner's scope and the scopes below it (a county's templates serve its
     * branches), never to a sibling's; one without an owner is the system administrator's, for everyone.
     */
    private static String templateReadable(DataScope scope) {
        if (scope.all()) {
            return "true";
        }
        return "((t.owner_org_id is null and t.owner_party_org_id is null)"
                + " or o.path like :scopeOrgPath or p.path like :scopePartyPath or pu.path like :scopeOrgPath"
                + " or (o.path is not null and :ownOrgPath like o.path || '%')"
                + " or (p.path is not null and :ownPartyPath like p.path || '%'))";
    }

    private static Map<String, Object> templateParams(DataScope scope) {
        Map<String, Object> p = new java.util.HashMap<>(scope.sqlParameters());
        p.put("ownOrgPath", scope.orgPath() == null ? "" : scope.orgPath());
        p.put("ownPartyPath", scope.partyOrgPath() == null ? "" : scope.partyOrgPath());
        return p;
    }

    private Template template(java.sql.ResultSet rs) throws java.sql.SQLException {
        DataScope scope = scopes.current();
        String orgPath = rs.getString("owner_org_path");
        String partyPath = rs.getString("owner_party_path");
        String partyUnitPath = rs.getString("owner_party_unit_path");
        // a branch's template is also its unit's: the organisation department over that unit may change it
        boolean editable = scope.all() || (orgPath != null && scope.coversOrgPath(orgPath))
                || (partyPath != null && (scope.coversPartyOrgPath(partyPath) || scope.coversOrgPath(partyUnitPath)));
        return new Template(rs.getLong("id"), rs.getString("name"), rs.getString("body"), rs.getString("created_by"), editable);
    }

    @Transactional
    public Template saveTemplate(Long id, TemplateRequest r) {
        if (r == null || !StringUtils.hasText(r.name()) || !StringUtils.hasText(r.body())) {
            throw new BusinessException("请填写模板名称和内容", List.of(new FieldProblem("body", "必填")));
        }
        if (r.body().strip().length() > 300) {
            throw new BusinessException("短信内容不能超过300字", List.of(new FieldProblem("body", "内容过长")));
        }
        if (id == null) {
            CurrentUser me = CurrentUsers.require();
            boolean everyone = scopes.current().all();
            if (!everyone && me.scopeOrgId() == null && me.scopePartyOrgId() == null) {
                throw new BusinessException(403, "您的账号没有数据范围，不能新建短信模板", List.of());
            }
            long newId = jdbc.sql("""
                    insert into message_template (name, body, created_by, owner_org_id, owner_party_org_id)
                    values (?, ?, ?, ?, ?) returning id""")
                    .params(r.name().strip(), r.body().strip(), me.username(), everyone ? null : me.scopeOrgId(),
                            everyone ? null : me.scopePartyOrgId()).query(Long.class).single();
            Template t = template(newId);
            audit.record("CREATE", "MessageTemplate", newId, "新建短信模板：" + t.name(), null, t);
            return t;
        }
        Template before = requireEditable(id);
        jdbc.sql("update message_template set name = ?, body = ?, updated_at = now() where id = ?")
                .params(r.name().strip(), r.body().strip(), id).update();
        Template after = template(id);
        audit.record("UPDATE", "MessageTemplate", id, "修改短信模板：" + after.name(), before, after);
        return after;
    }

    @Transactional
    public void deleteTemplate(long id) {
        Template before = requireEditable(id);
        jdbc.sql("delete from message_template where id = ?").param(id).update();
        audit.record("DELETE", "MessageTemplate", id, "删除短信模板：" + before.name(), before, null);
    }

    /** A template the current user may use (404 for one they are not offered, as for one that does not exist). */
    private Template template(long id) {
        DataScope scope = scopes.current();
        Map<String, Object> p = templateParams(scope);
        p.put("id", id);
        return jdbc.sql(TEMPLATE_SELECT + " where t.id = :id and " + templateReadable(scope)).params(p)
                .query((rs, i) -> template(rs)).optional()
                .orElseThrow(() -> BusinessException.notFound("短信模板"));
    }

    private Template requireEditable(long id) {
        Template t = template(id);
        if (!t.editable()) {
            throw new BusinessException(403, "该短信模板由上级或其他单位创建，只能使用，不能修改或删除", List.of());
        }
        return t;
    }

    /** Fills the placeholders for one member. */
    public static String render(String body, MemberView m, LocalDate today) {
        return body.replace("{姓名}", m.name() == null ? "" : m.name())
                .replace("{支部}", m.partyOrgName() == null ? "" : m.partyOrgName())
                .replace("{日期}", today.getMonthValue() + "月" + today.getDayOfMonth() + "日")
                .replace("{外出地点}", m.awayPlace() == null ? "" : m.awayPlace());
    }

    // ---- sending ----

    /** Who would receive a broadcast with these filters (for the preview before sending). */
    @Transactional(readOnly = true)
    public List<MemberView> recipients(BroadcastRequest r) {
        if (r.memberIds() != null && !r.memberIds().isEmpty()) {
            List<MemberView> out = new ArrayList<>();
            for (Long id : new LinkedHashSet<>(r.memberIds())) {
                out.add(members.get(id));
            }
            return out;
        }
        return members.list(new Members.MemberQuery(null, r.partyOrgId(), r.category(), r.mobile(), r.group(), null));
    }

    @Transactional
    public Broadcast send(BroadcastRequest r) {
        String body = r.body();
        // the template is a reference the broadcast keeps: one the sender is not offered is not there for them
        Template template = r.templateId() == null ? null : template(r.templateId());
        if (!StringUtils.hasText(body) && template != null) {
            body = template.body();
        }
        if (!StringUtils.hasText(body)) {
            throw new BusinessException("请填写短信内容或选择模板", List.of(new FieldProblem("body", "必填")));
        }
        body = body.strip();
        if (body.length() > 300) {
            throw new BusinessException("短信内容不能超过300字", List.of(new FieldProblem("body", "内容过长")));
        }
        if (StringUtils.hasText(r.requestId())) {
            Long existing = jdbc.sql("select id from broadcast where request_id = ?").param(r.requestId().strip())
                    .query(Long.class).optional().orElse(null);
            if (existing != null) {
                return get(existing);
            }
        }
        List<MemberView> people = recipients(r);
        if (people.isEmpty()) {
            throw new BusinessException("所选范围内没有党员，请调整发送对象");
        }
        DataScope scope = scopes.current();
        String selection = describe(r, people.size());
        long id = jdbc.sql("""
                insert into broadcast (template_id, body, selection, recipients, created_by, scope_party_path, scope_org_path, request_id)
                values (?, ?, ?, ?, ?, ?, ?, ?) returning id""")
                .params(r.templateId(), body, selection, people.size(), CurrentUsers.require().username(),
                        scope.all() ? null : scope.partyOrgPath(), scope.all() ? null : scope.orgPath(),
                        StringUtils.hasText(r.requestId()) ? r.requestId().strip() : null)
                .query(Long.class).single();
        LocalDate today = LocalDate.now(clock);
        for (MemberView m : people) {
            String text = render(body, m, today);
            if (text.length() > 500) {
                text = text.substring(0, 500);
            }
            String key = StringUtils.hasText(m.phone()) ? "pe-bc:" + id + ":" + m.id() : null;
            jdbc.sql("insert into broadcast_recipient (broadcast_id, member_id, name, phone, body, outbox_key) values (?, ?, ?, ?, ?, ?)")
                    .params(id, m.id(), m.name(), m.phone(), text, key).update();
            if (key != null) {
                outbox.enqueue(m.phone(), text, key);
            }
        }
        Broadcast b = get(id);
        audit.record("SEND", "Broadcast", id, "短信群发：" + selection, null, b);
        return b;
    }

    private String describe(BroadcastRequest r, int n) {
        List<String> parts = new ArrayList<>();
        if (r.memberIds() != null && !r.memberIds().isEmpty()) {
            parts.add("指定党员");
        } else {
            parts.add(r.partyOrgId() == null ? "管理范围内全部党员" : trees.requireVisible(Tree.PARTY, r.partyOrgId()).name());
            if (r.category() != null) {
                parts.add(r.category().label());
            }
            if (StringUtils.hasText(r.group())) {
                parts.add("分组：" + r.group().strip());
            }
            if (r.mobile() != null) {
                parts.add(r.mobile() ? "流动党员" : "非流动党员");
            }
        }
        return String.join("，", parts) + "（" + n + "人）";
    }

    // ---- the log ----

    private String scopeCondition(DataScope scope, Map<String, Object> params) {
        if (scope.all()) {
            return "true";
        }
        params.put("pp", scope.partyOrgPath() == null ? "" : scope.partyOrgPath() + "%");
        params.put("op", scope.orgPath() == null ? "" : scope.orgPath() + "%");
        return "((:pp <> '' and b.scope_party_path like :pp) or (:op <> '' and b.scope_org_path like :op))";
    }

    @Transactional(readOnly = true)
    public List<Broadcast> list() {
        Map<String, Object> params = new HashMap<>();
        String cond = scopeCondition(scopes.current(), params);
        return summaries("select * from broadcast b where " + cond + " order by b.id desc limit 200", params);
    }

    Broadcast get(long id) {
        return summaries("select * from broadcast b where b.id = :id", Map.of("id", id)).stream().findFirst()
                .orElseThrow(() -> BusinessException.notFound("群发记录"));
    }

    /**
     * The broadcasts {@code selected} picks (a statement over {@code broadcast b}), newest first, with their
     * recipients counted by delivery state in SQL (the outbox's published {@code sms_delivery}): the log read every
     * recipient of every broadcast listed to count them.
     */
    private List<Broadcast> summaries(String selected, Map<String, Object> params) {
        return jdbc.sql(Unscoped.countsOnly() + """
                        select b.id, b.body, b.selection, b.recipients, b.created_by, b.created_at,
                               count(r.id) filter (where d.status = 'SENT') as sent,
                               count(r.id) filter (where d.status = 'FAILED') as failed,
                               count(r.id) filter (where r.outbox_key is null) as no_phone,
                               count(r.id) as listed
                        from (""" + selected + """
                        ) b
                        left join broadcast_recipient r on r.broadcast_id = b.id
                        left join sms_delivery d on d.dedup_key = r.outbox_key
                        group by b.id, b.body, b.selection, b.recipients, b.created_by, b.created_at
                        order by b.id desc""").params(params)
                .query((rs, i) -> {
                    int sent = rs.getInt("sent"), failed = rs.getInt("failed"), noPhone = rs.getInt("no_phone");
                    // a key without its outbox row yet, or a message not sent yet, is pending
                    int pending = rs.getInt("listed") - sent - failed - noPhone;
                    return new Broadcast(rs.getLong("id"), rs.getString("body"), rs.getString("selection"), rs.getInt("recipients"),
                            sent, pending, failed, noPhone, rs.getString("created_by"), rs.getTimestamp("created_at").toInstant());
                }).list();
    }

    /** A page of a broadcast's recipients in the order they were sent to ({@code total} in all). */
    public record RecipientPage(List<Recipient> rows, long total, int page, int size) {
    }

    /**
     * A page of a broadcast's recipients with their delivery state; paged in SQL (a broadcast to the county's members
     * has tens of thousands).
     */
    @Transactional(readOnly = true)
    public RecipientPage recipientLog(long broadcastId, int page, int size) {
        Map<String, Object> params = new HashMap<>();
        String cond = scopeCondition(scopes.current(), params);
        params.put("id", broadcastId);
        if (jdbc.sql("select count(*) from broadcast b where b.id = :id").params(params).query(Long.class).single() == 0) {
            throw BusinessException.notFound("群发记录");
        }
        if (jdbc.sql("select count(*) from broadcast b where b.id = :id and " + cond).params(params).query(Long.class).single() == 0) {
            throw new BusinessException(403, "无权查看该群发记录", List.of());
        }
        int pg = Math.max(page, 1);
        int sz = Math.min(Math.max(size, 1), 200);
        long total = jdbc.sql(Unscoped.ofChecked("broadcast", "Broadcasts.recipientLog") + "select count(*) from broadcast_recipient where broadcast_id = ?")
                .param(broadcastId).query(Long.class).single();
        return new RecipientPage(recipientsOf(broadcastId, sz, (long) (pg - 1) * sz), total, pg, sz);
    }

    private List<Recipient> recipientsOf(long broadcastId, int limit, long offset) {
        record Row(long memberId, String name, String phone, String body, String key) {
        }
        List<Row> rows = jdbc.sql(Unscoped.ofChecked("broadcast", "Broadcasts.get") + "select member_id, name, phone, body, outbox_key from broadcast_recipient where broadcast_id = ? order by id limit ? offset ?")
                .param(broadcastId).param(limit).param(offset)
                .query((rs, i) -> new Row(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5)))
                .list();
        Map<String, SmsOutbox.Delivery> d = outbox.deliveries(rows.stream().map(Row::key).filter(k -> k != null).toList());
        List<Recipient> out = new ArrayList<>();
        for (Row r : rows) {
            SmsOutbox.Delivery x = r.key() == null ? null : d.get(r.key());
            String status = r.key() == null ? "NO_PHONE" : x == null ? "PENDING" : x.status();
            String label = switch (status) {
                case "SENT" -> "已发送";
                case "FAILED" -> "发送失败";
                case "NO_PHONE" -> "无手机号";
                default -> x != null && x.attempts() > 0 ? "重试中" : "待发送";
            };
            out.add(new Recipient(r.memberId(), r.name(), Phones.mask(r.phone()), r.body(), status, label, x == null ? 0 : x.attempts(),
                    x == null ? null : x.lastError(), x == null ? null : x.sentAt()));
        }
        return out;
    }
}
