package org.ganxun.secondment;

import org.ganxun.platform.web.PlainText;
import jakarta.validation.constraints.Size;
import org.ganxun.platform.security.InScope.Ref;
import org.ganxun.platform.security.InScope;
import org.ganxun.platform.security.DataScopeKind;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.ganxun.audit.AuditLog;
import org.ganxun.people.CadreQuery;
import org.ganxun.people.CadreSearch;
import org.ganxun.people.CadreStatus;
import org.ganxun.people.CadreView;
import org.ganxun.people.RankLevel;
import org.ganxun.people.Roster;
import org.ganxun.platform.security.CurrentUser;
import org.ganxun.platform.security.CurrentUsers;
import org.ganxun.platform.security.Unscoped;
import org.ganxun.platform.web.BusinessException;
import org.ganxun.secondment.internal.SecondmentAccess;
import org.ganxun.secondment.internal.selection.CandidateStatus;
import org.ganxun.secondment.internal.selection.Eligibility;
import org.ganxun.secondment.internal.selection.SelectionScoring;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.util.StringUtils;

/**
 * Selection (选拔): candidates put forward from the reserve pool or by recommendation, checked against the
 * programme's bounds, scored and ranked ({@link SelectionScoring}); the organisation department selects a
 * candidate for a post (which creates the posting) or does not; a sending unit may refuse to release a
 * selected person, with a reason that is reported by unit.
 */
@Service
public class Selection {

    private final JdbcClient jdbc;
    private final SecondmentAccess access;
    private final Programmes programmes;
    private final Roster roster;
    private final CadreSearch search;
    private final AuditLog audit;
    private final Clock clock;

    Selection(JdbcClient jdbc, SecondmentAccess access, Programmes programmes, Roster roster, CadreSearch search, AuditLog audit, Clock clock) {
        this.clock = clock;
        this.jdbc = jdbc;
        this.access = access;
        this.programmes = programmes;
        this.roster = roster;
        this.search = search;
        this.audit = audit;
    }

    public record CandidateForm(@InScope(Ref.CADRE) Long cadreId, CandidateSource source, @Size(max = 100, message = "推荐人最多{max}个字") @PlainText(message = "推荐人不能包含网页标记或脚本") String recommendedBy, @Size(max = 500, message = "推荐意见最多{max}个字") @PlainText(message = "推荐意见不能包含网页标记或脚本") String note) {
    }

    public record ScoreForm(BigDecimal writtenScore, BigDecimal interviewScore, BigDecimal recommendationScore) {
    }

    public record ApproveForm(Long postId, LocalDate startsOn, LocalDate endsOn) {
    }

    public record ReasonForm(@Size(max = 500, message = "理由不能超过{max}个字") String reason) {
    }

    public record Candidate(long id, long programmeId, long cadreId, String name, String genderLabel, Integer age,
                            String rankLabel, String post, long sendingOrgId, String sendingOrgName, boolean reserveCadre,
                            CandidateSource source, String sourceLabel, String recommendedBy, String note,
                            Instant registeredAt, BigDecimal writtenScore, BigDecimal interviewScore,
                            BigDecimal recommendationScore, BigDecimal composite, Integer rank, CandidateStatus status,
                            String statusLabel, Long postingId, String postTitle, String receivingOrgName,
                            String refusalReason, Instant refusedAt, String refusedBy, List<String> ineligibleReasons,
                            boolean canRefuse) {
    }

    public record EligibleCadre(long cadreId, String name, String genderLabel, int age, String orgName, String post,
                                String rankLabel, LocalDate enteredWorkOn, boolean reserveCadre, boolean eligible,
                                List<String> reasons, boolean alreadyCandidate) {
    }

    public record Refusal(long candidateId, long programmeId, String programmeName, int year, String directionLabel,
                          long cadreId, String cadreName, long sendingOrgId, String sendingOrgName, String reason,
                          Instant refusedAt, String refusedBy) {
    }

    public record RefusalsByUnit(long sendingOrgId, String sendingOrgName, long count) {
    }

    public record RefusalReport(List<Refusal> rows, List<RefusalsByUnit> byUnit) {
    }

    // ---- eligibility ----

    /** The most people the candidate pool lists at once (narrow it by name or unit). */
    static final int POOL_LIMIT = 500;

    /** Reserve-pool cadres (or all, when {@code reserveOnly} is false) in the user's scope, with eligibility. */
    @Transactional(readOnly = true)
    public List<EligibleCadre> eligible(long programmeId, boolean reserveOnly, String name, Long orgId) {
        Programmes.ProgrammeView pr = programmes.get(programmeId);
        CadreQuery q = new CadreQuery(name, null, orgId, null, null, null, null, null, null, null, null,
                reserveOnly ? Boolean.TRUE : null, null, null, null, null, CadreStatus.ACTIVE, "name");
        // keep only the senders' people before cutting the list: cutting first (the first 500 of the whole
        // jurisdiction by name) left most of the senders' cadres out of the pool
        Set<Long> senderUnits = pr.senders().isEmpty() ? null : new HashSet<>(jdbc.sql("""
                select o.id from org_unit o
                where exists (select 1 from secondment_sender s join org_unit x on x.id = s.org_id
                              where s.programme_id = ? and o.path like x.path || '%')""")
                .param(programmeId).query(Long.class).list());
        List<CadreView> rows = new ArrayList<>();
        search.forEach(q, c -> {
            if (rows.size() < POOL_LIMIT && (senderUnits == null || senderUnits.contains(c.orgId()))) {
                rows.add(c);
            }
        });
        List<EligibleCadre> out = new ArrayList<>();
        for (CadreView c : rows) {
            List<String> reasons = reasons(pr, c.id(), c.birthDate(), c.rankLevel(), c.enteredWorkOn(), c.status());
            boolean already = jdbc.sql(Unscoped.countsOnly() + "select count(*) from secondment_candidate where programme_id = ? and cadre_id = ?")
                    .params(programmeId, c.id()).query(Long.class).single() > 0;
            out.add(new EligibleCadre(c.id(), c.name(), c.genderLabel(), c.age(), c.orgName(), c.post(), rankLabel(c.rankLevel(),
                    c.rankGradeLabel()), c.enteredWorkOn(), c.reserveCadre(), reasons.isEmpty(), reasons, already));
        }
        return out;
    }

    List<String> reasons(Programmes.ProgrammeView pr, long cadreId, LocalDate birth, RankLevel rank, LocalDate entered,
                         CadreStatus status) {
        String other = jdbc.sql(Unscoped.referenceChecked("the cadre put forward (SecondmentAccess)") + """
                select pr.name || '，' || sp.starts_on || '至' || sp.ends_on from secondment_posting sp
                join secondment_programme pr on pr.id = sp.programme_id
                where sp.cadre_id = ? and sp.status = 'ACTIVE' and sp.programme_id <> ?
                  and sp.starts_on <= ? and sp.ends_on >= ? order by sp.starts_on limit 1""")
                .params(cadreId, pr.id(), pr.endsOn(), pr.startsOn()).query(String.class).optional().orElse(null);
        return Eligibility.decide(pr.bounds(), new Eligibility.Facts(birth, rank, entered, status, other), pr.startsOn()).texts();
    }

    // ---- candidates ----

    @Transactional
    public Candidate register(long programmeId, CandidateForm f) {
        Programmes.ProgrammeView pr = programmes.get(programmeId);
        if (f.cadreId() == null || f.source() == null) {
            throw new BusinessException("请选择干部和产生途径");
        }
        CurrentUser me = CurrentUsers.require();
        CadreView c;
        if (me.dataScope() == DataScopeKind.SELF) {
            if (f.source() != CandidateSource.SELF || !f.cadreId().equals(me.cadreId())) {
                throw new BusinessException(403, "干部本人只能以个人自荐方式报名", List.of());
            }
            if (!LocalDate.now(clock).isBefore(pr.startsOn())) {
                throw BusinessException.conflict("“" + pr.name() + "”已于" + pr.startsOn() + "开始，不能再自荐报名");
            }
            c = roster.get(f.cadreId());
        } else {
            c = roster.get(f.cadreId());
        }
        // the sending unit is the cadre's own unit; the programme's senders bound where candidates may come from
        long sendingOrgId = c.orgId();
        if (!pr.senders().isEmpty() && sendingOrgFor(pr, c.orgId()) == null) {
            throw new BusinessException("“" + c.name() + "”所在单位（" + c.orgName() + "）不是本批次的派出单位");
        }
        if (me.dataScope() != DataScopeKind.SELF) {
            String sendingPath = path(c.orgId());
            if (!access.organises(pr.organiserPath()) && !access.managesAny(sendingPath)) {
                throw new BusinessException(403, "只有主办的组织部门或派出单位可以推荐人选", List.of());
            }
        }
        if (f.source() == CandidateSource.RESERVE_POOL && !c.reserveCadre()) {
            throw new BusinessException("“" + c.name() + "”不在后备干部库中，请选择其他产生途径");
        }
        String recommendedBy = StringUtils.hasText(f.recommendedBy()) ? f.recommendedBy().strip() : null;
        if (f.source() == CandidateSource.SELF) {
            recommendedBy = c.name() + "（本人）";
        } else if (f.source() == CandidateSource.PUBLIC && recommendedBy == null) {
            throw new BusinessException("群众推荐须写明推荐人或推荐会议（如：某某单位民主推荐会，得票数）");
        } else if (recommendedBy == null) {
            recommendedBy = me.displayName();
        }
        if (recommendedBy.length() > 100) {
            throw new BusinessException("推荐人不能超过100个字");
        }
        List<String> reasons = reasons(pr, c.id(), c.birthDate(), c.rankLevel(), c.enteredWorkOn(), c.status());
        if (!reasons.isEmpty()) {
            throw new BusinessException("“" + c.name() + "”不符合本批次的资格条件：" + String.join("；", reasons));
        }
        if (jdbc.sql(Unscoped.countsOnly() + "select count(*) from secondment_candidate where programme_id = ? and cadre_id = ?")
                .params(programmeId, c.id()).query(Long.class).single() > 0) {
            throw BusinessException.conflict("“" + c.name() + "”已是本批次的人选");
        }
        long id = jdbc.sql("""
                insert into secondment_candidate (programme_id, cadre_id, sending_org_id, source, recommended_by,
                    recommended_by_user, recommendation_note)
                values (?, ?, ?, ?, ?, ?, ?) returning id""")
                .params(programmeId, c.id(), sendingOrgId, f.source().name(), recommendedBy, me.id(), Programmes.trim(f.note()))
                .query(Long.class).single();
        Candidate after = candidate(id);
        audit.record("CREATE", "SecondmentCandidate", id, "挂职人选报名：" + pr.name() + " · " + c.name() + "（"
                + f.source().label() + "，推荐人：" + recommendedBy + "）", null, after);
        return after;
    }

    /** The programme's candidates the user may see, ranked over all candidates of the programme. */
    @Transactional(readOnly = true)
    public List<Candidate> candidates(long programmeId) {
        Programmes.ProgrammeView pr = programmes.get(programmeId);
        Map<String, Object> p = access.params();
        p.put("programme", programmeId);
        List<Row> rows = jdbc.sql(CANDIDATE_SELECT + " where sc.programme_id = :programme and " + SecondmentAccess.CANDIDATE_VISIBLE)
                .params(p).query(Selection::row).list();
        return ranked(pr, rows, true);
    }

    Candidate candidate(long id) {
        Row r = jdbc.sql(Unscoped.rowChecked("callers of Selection.candidate, SecondmentAccess on its programme") + CANDIDATE_SELECT + " where sc.id = ?").param(id).query(Selection::row).optional()
                .orElseThrow(() -> BusinessException.notFound("挂职人选"));
        Programmes.ProgrammeView pr = programmes.load(r.programmeId);
        return ranked(pr, List.of(r), false).get(0);
    }

    @Transactional
    public Candidate score(long candidateId, ScoreForm f) {
        Candidate before = candidate(candidateId);
        undecided(before, "成绩不能再修改");
        for (BigDecimal s : new BigDecimal[]{f.writtenScore(), f.interviewScore(), f.recommendationScore()}) {
            if (s != null && (s.signum() < 0 || s.compareTo(BigDecimal.valueOf(100)) > 0 || s.scale() > 2)) {
                throw new BusinessException("成绩须在0到100之间，最多两位小数");
            }
        }
        jdbc.sql("""
                update secondment_candidate set written_score = ?, interview_score = ?, recommendation_score = ?,
                    version = version + 1 where id = ?""")
                .params(f.writtenScore(), f.interviewScore(), f.recommendationScore(), candidateId).update();
        Candidate after = candidate(candidateId);
        audit.record("SCORE", "SecondmentCandidate", candidateId, "录入挂职人选成绩：" + after.name(), before, after);
        return after;
    }

    /** The candidate's programme, for its organiser, while the candidate is not yet decided on ({@code refused} says what not). */
    private Programmes.ProgrammeView undecided(Candidate c, String refused) {
        Programmes.ProgrammeView pr = programmes.get(c.programmeId());
        access.requireOrganiser(pr.organiserPath());
        if (c.status() != CandidateStatus.REGISTERED) {
            throw BusinessException.conflict("“" + c.name() + "”" + decided(c) + "，" + refused);
        }
        return pr;
    }

    /**
     * Selects the candidate for a post: creates the posting (by default for the programme's period). Refused
     * when the post is full or when the cadre would be in two postings at once.
     */
    @Transactional
    public Candidate approve(long candidateId, ApproveForm f) {
        Candidate before = candidate(candidateId);
        Programmes.ProgrammeView pr = undecided(before, "不能再作选派决定");
        if (f.postId() == null) {
            throw new BusinessException("请选择挂职岗位");
        }
        Programmes.PostView post = programmes.post(f.postId());
        if (post.programmeId() != pr.id()) {
            throw new BusinessException("所选岗位不属于本批次");
        }
        LocalDate starts = f.startsOn() == null ? pr.startsOn() : f.startsOn();
        LocalDate ends = f.endsOn() == null ? pr.endsOn() : f.endsOn();
        if (ends.isBefore(starts)) {
            throw new BusinessException("挂职结束日期不能早于开始日期");
        }
        if (starts.isBefore(pr.startsOn()) || ends.isAfter(pr.endsOn())) {
            throw new BusinessException("挂职期须在本批次期限（" + pr.startsOn() + "至" + pr.endsOn() + "）之内");
        }
        // one posting at a time: lock the cadre, then look for an overlapping posting
        jdbc.sql(Unscoped.rowChecked("approve: SecondmentAccess on the candidate") + "select id from cadre_card where id = ? for update").param(before.cadreId()).query(Long.class).single();
        jdbc.sql("select id from secondment_post where id = ? for update").param(post.id()).query(Long.class).single();
        String overlap = jdbc.sql(Unscoped.referenceChecked("the candidate approved (SecondmentAccess)") + """
                select pr.name || '（' || sp.starts_on || '至' || sp.ends_on || '）' from secondment_posting sp
                join secondment_programme pr on pr.id = sp.programme_id
                where sp.cadre_id = ? and sp.status = 'ACTIVE' and sp.starts_on <= ? and sp.ends_on >= ? limit 1""")
                .params(before.cadreId(), ends, starts).query(String.class).optional().orElse(null);
        if (overlap != null) {
            throw BusinessException.conflict("“" + before.name() + "”在" + overlap + "中挂职，与本次挂职时间重叠；同一干部不能同时在两处挂职");
        }
        long filled = jdbc.sql(Unscoped.countsOnly() + "select count(*) from secondment_posting where post_id = ? and status = 'ACTIVE'")
                .param(post.id()).query(Long.class).single();
        if (filled >= post.seats()) {
            throw BusinessException.conflict("岗位“" + post.title() + "”职数" + post.seats() + "人已满");
        }
        long postingId = jdbc.sql("""
                insert into secondment_posting (programme_id, candidate_id, cadre_id, post_id, sending_org_id, receiving_org_id,
                    starts_on, ends_on) values (?, ?, ?, ?, ?, ?, ?, ?) returning id""")
                .params(pr.id(), candidateId, before.cadreId(), post.id(), before.sendingOrgId(), post.receivingOrgId(), starts, ends)
                .query(Long.class).single();
        jdbc.sql("""
                update secondment_candidate set status = 'SELECTED', decided_at = now(), decided_by = ?, version = version + 1
                where id = ?""").params(CurrentUsers.require().username(), candidateId).update();
        Candidate after = candidate(candidateId);
        audit.record("APPROVE", "SecondmentCandidate", candidateId, "选派挂职：" + after.name() + " → " + post.receivingOrgName()
                + " · " + post.title() + "（" + starts + "至" + ends + "）", before, after);
        audit.record("CREATE", "SecondmentPosting", postingId, "新建挂职安排：" + after.name(), null, after);
        return after;
    }

    @Transactional
    public Candidate reject(long candidateId, ReasonForm f) {
        Candidate before = candidate(candidateId);
        undecided(before, "不能再作选派决定");
        jdbc.sql("""
                update secondment_candidate set status = 'NOT_SELECTED', decided_at = now(), decided_by = ?,
                    recommendation_note = coalesce(?, recommendation_note), version = version + 1 where id = ?""")
                .params(CurrentUsers.require().username(), f == null ? null : Programmes.trim(f.reason()), candidateId).update();
        Candidate after = candidate(candidateId);
        audit.record("REJECT", "SecondmentCandidate", candidateId, "未选派：" + after.name(), before, after);
        return after;
    }

    /**
     * The sending unit refuses to release a selected person: a reason is required; the posting is cancelled
     * and the refusal is reported by unit.
     */
    @Transactional
    public Candidate refuse(long candidateId, ReasonForm f) {
        Candidate before = candidate(candidateId);
        Programmes.ProgrammeView pr = programmes.get(before.programmeId());
        if (!access.managesAny(path(before.sendingOrgId()))) {
            throw new BusinessException(403, "只有派出单位可以登记不放行", List.of());
        }
        if (before.status() != CandidateStatus.SELECTED) {
            throw BusinessException.conflict("只有已选派的人选才能登记派出单位不放行");
        }
        if (f == null || !StringUtils.hasText(f.reason()) || f.reason().strip().length() < 4) {
            throw new BusinessException("派出单位不放行必须写明理由（至少4个字）");
        }
        if (f.reason().strip().length() > 500) {
            throw new BusinessException("理由不能超过500个字");
        }
        long logs = jdbc.sql(Unscoped.countsOnly() + """
                select count(*) from secondment_log l join secondment_posting sp on sp.id = l.posting_id
                where sp.candidate_id = ? and sp.status = 'ACTIVE'""").param(candidateId).query(Long.class).single();
        if (logs > 0) {
            throw BusinessException.conflict("“" + before.name() + "”已到岗并填写了工作日志，不能再登记不放行");
        }
        jdbc.sql("update secondment_posting set status = 'CANCELLED', version = version + 1 where candidate_id = ? and status = 'ACTIVE'")
                .param(candidateId).update();
        jdbc.sql("""
                update secondment_candidate set status = 'REFUSED', refusal_reason = ?, refused_at = now(), refused_by = ?,
                    version = version + 1 where id = ?""")
                .params(f.reason().strip(), CurrentUsers.require().displayName(), candidateId).update();
        Candidate after = candidate(candidateId);
        audit.record("REFUSE", "SecondmentCandidate", candidateId, "派出单位不放行：" + pr.name() + " · " + after.name()
                + "，理由：" + f.reason().strip(), before, after);
        return after;
    }

    @Transactional(readOnly = true)
    public RefusalReport refusals(Integer year, Long programmeId) {
        Map<String, Object> p = access.params();
        StringBuilder w = new StringBuilder(" where sc.status = 'REFUSED' and ").append(SecondmentAccess.CANDIDATE_VISIBLE);
        if (year != null) {
            w.append(" and extract(year from pr.starts_on) = :year");
            p.put("year", year);
        }
        if (programmeId != null) {
            w.append(" and pr.id = :programme");
            p.put("programme", programmeId);
        }
        List<Refusal> rows = jdbc.sql("""
                select sc.id, pr.id as programme_id, pr.name as programme_name, pr.starts_on, pr.direction, sc.cadre_id,
                       c.name as cadre_name, sc.sending_org_id, so.name as sending_name, sc.refusal_reason, sc.refused_at, sc.refused_by
                from secondment_candidate sc
                join secondment_programme pr on pr.id = sc.programme_id
                join org_unit op on op.id = pr.organiser_org_id
                join org_unit so on so.id = sc.sending_org_id
                join cadre_card c on c.id = sc.cadre_id""" + w + " order by tree_path_key(so.path), sc.refused_at desc")
                .params(p)
                .query((rs, i) -> new Refusal(rs.getLong("id"), rs.getLong("programme_id"), rs.getString("programme_name"),
                        rs.getObject("starts_on", LocalDate.class).getYear(), Direction.valueOf(rs.getString("direction")).label(),
                        rs.getLong("cadre_id"), rs.getString("cadre_name"), rs.getLong("sending_org_id"), rs.getString("sending_name"),
                        rs.getString("refusal_reason"), rs.getTimestamp("refused_at").toInstant(), rs.getString("refused_by")))
                .list();
        Map<Long, RefusalsByUnit> byUnit = new LinkedHashMap<>();
        for (Refusal r : rows) {
            byUnit.merge(r.sendingOrgId(), new RefusalsByUnit(r.sendingOrgId(), r.sendingOrgName(), 1),
                    (a, b) -> new RefusalsByUnit(a.sendingOrgId(), a.sendingOrgName(), a.count() + 1));
        }
        List<RefusalsByUnit> units = new ArrayList<>(byUnit.values());
        units.sort((a, b) -> Long.compare(b.count(), a.count()));
        return new RefusalReport(rows, units);
    }

    // ---- helpers ----

    private static final String CANDIDATE_SELECT = """
            select sc.*, c.name, c.gender, c.birth_date, c.rank_level, c.rank_grade, c.post, c.reserve_cadre, c.entered_work_on,
                   c.status as cadre_status, so.name as sending_name, so.path as sending_path,
                   sp.id as posting_id, pst.title as post_title, ro.name as receiving_name
            from secondment_candidate sc
            join secondment_programme pr on pr.id = sc.programme_id
            join org_unit op on op.id = pr.organiser_org_id
            join org_unit so on so.id = sc.sending_org_id
            join cadre_card c on c.id = sc.cadre_id
            left join secondment_posting sp on sp.candidate_id = sc.id and sp.status = 'ACTIVE'
            left join secondment_post pst on pst.id = sp.post_id
            left join org_unit ro on ro.id = sp.receiving_org_id
            """;

    private record Row(long id, long programmeId, long cadreId, String name, String gender, LocalDate birthDate,
                       RankLevel rankLevel, String rankGrade, String post, boolean reserve, LocalDate enteredWorkOn,
                       CadreStatus cadreStatus, long sendingOrgId, String sendingName, String sendingPath,
                       CandidateSource source, String recommendedBy, String note, Instant registeredAt, BigDecimal written,
                       BigDecimal interview, BigDecimal recommendation, CandidateStatus status, Long postingId,
                       String postTitle, String receivingName, String refusalReason, Instant refusedAt, String refusedBy) {
    }

    private static Row row(ResultSet rs, int i) throws SQLException {
        String rl = rs.getString("rank_level");
        return new Row(rs.getLong("id"), rs.getLong("programme_id"), rs.getLong("cadre_id"), rs.getString("name"),
                rs.getString("gender"), rs.getObject("birth_date", LocalDate.class), rl == null ? null : RankLevel.valueOf(rl),
                rs.getString("rank_grade"), rs.getString("post"), rs.getBoolean("reserve_cadre"),
                rs.getObject("entered_work_on", LocalDate.class), CadreStatus.valueOf(rs.getString("cadre_status")),
                rs.getLong("sending_org_id"), rs.getString("sending_name"), rs.getString("sending_path"),
                CandidateSource.valueOf(rs.getString("source")), rs.getString("recommended_by"),
                rs.getString("recommendation_note"), rs.getTimestamp("registered_at").toInstant(),
                rs.getBigDecimal("written_score"), rs.getBigDecimal("interview_score"), rs.getBigDecimal("recommendation_score"),
                CandidateStatus.valueOf(rs.getString("status")), rs.getObject("posting_id", Long.class),
                rs.getString("post_title"), rs.getString("receiving_name"), rs.getString("refusal_reason"),
                rs.getTimestamp("refused_at") == null ? null : rs.getTimestamp("refused_at").toInstant(), rs.getString("refused_by"));
    }

    /** Ranks over every candidate of the programme (not only those shown), then maps the given rows. */
    private List<Candidate> ranked(Programmes.ProgrammeView pr, List<Row> rows, boolean checkEligibility) {
        List<SelectionScoring.Scores> all = jdbc.sql(Unscoped.ofChecked("programme", "SecondmentAccess") + """
                select id, written_score, interview_score, recommendation_score, registered_at from secondment_candidate
                where programme_id = ? order by id""")
                .param(pr.id())
                .query((rs, i) -> new SelectionScoring.Scores(rs.getLong(1), rs.getBigDecimal(2), rs.getBigDecimal(3),
                        rs.getBigDecimal(4), rs.getTimestamp(5).toInstant()))
                .list();
        Map<Long, SelectionScoring.Ranked> ranks = new HashMap<>();
        for (SelectionScoring.Ranked r : SelectionScoring.rank(pr.selectionWeights(), all)) {
            ranks.put(r.candidateId(), r);
        }
        List<Candidate> out = new ArrayList<>();
        for (Row r : rows) {
            SelectionScoring.Ranked rk = ranks.get(r.id());
            BigDecimal composite = rk != null ? rk.composite()
                    : SelectionScoring.composite(pr.selectionWeights(), new SelectionScoring.Scores(r.id(), r.written(),
                    r.interview(), r.recommendation(), r.registeredAt()));
            List<String> reasons = checkEligibility && r.status() == CandidateStatus.REGISTERED
                    ? reasons(pr, r.cadreId(), r.birthDate(), r.rankLevel(), r.enteredWorkOn(), r.cadreStatus()) : List.of();
            boolean canRefuse = r.status() == CandidateStatus.SELECTED && CurrentUsers.current().isPresent()
                    && access.managesAny(r.sendingPath());
            String gradeLabel = r.rankGrade() == null ? null : org.ganxun.people.RankGrade.valueOf(r.rankGrade()).label();
            out.add(new Candidate(r.id(), r.programmeId(), r.cadreId(), r.name(),
                    org.ganxun.people.Gender.valueOf(r.gender()).label(),
                    r.birthDate() == null ? null : java.time.Period.between(r.birthDate(), LocalDate.now(clock)).getYears(),
                    rankLabel(r.rankLevel(), gradeLabel), r.post(), r.sendingOrgId(), r.sendingName(), r.reserve(), r.source(),
                    r.source().label(), r.recommendedBy(), r.note(), r.registeredAt(), r.written(), r.interview(),
                    r.recommendation(), composite, rk == null ? null : rk.rank(), r.status(), r.status().label(), r.postingId(),
                    r.postTitle(), r.receivingName(), r.refusalReason(), r.refusedAt(), r.refusedBy(), reasons, canRefuse));
        }
        out.sort((a, b) -> {
            if (a.rank() != null && b.rank() != null) {
                return Integer.compare(a.rank(), b.rank());
            }
            if (a.rank() != null) {
                return -1;
            }
            if (b.rank() != null) {
                return 1;
            }
            return Long.compare(a.id(), b.id());
        });
        return out;
    }

    /** "当前状态为“已选派”": the labels read 已选派 / 未选派 / 派出单位不放行, so no "已" in front of them. */
    static String decided(Candidate c) {
        return "当前状态为“" + c.statusLabel() + "”";
    }

    static String rankLabel(RankLevel level, String gradeLabel) {
        if (level == null) {
            return null;
        }
        return level.label() + (gradeLabel == null ? "" : "·" + gradeLabel);
    }

    /** The sender organisation covering the cadre's unit (the nearest one), or null. */
    private Long sendingOrgFor(Programmes.ProgrammeView pr, long cadreOrgId) {
        String cadrePath = path(cadreOrgId);
        Long best = null;
        int bestLen = -1;
        for (Programmes.OrgRef s : pr.senders()) {
            String sp = path(s.id());
            if (cadrePath.startsWith(sp) && sp.length() > bestLen) {
                best = s.id();
                bestLen = sp.length();
            }
        }
        return best;
    }

    String path(long orgId) {
        return jdbc.sql("select path from org_unit where id = ?").param(orgId).query(String.class).single();
    }
}
