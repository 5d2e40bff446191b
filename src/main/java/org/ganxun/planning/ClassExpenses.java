package org.ganxun.planning;

import org.ganxun.planning.internal.budget.ClassTier;
import org.ganxun.planning.internal.budget.FeeCaps;
import org.ganxun.planning.internal.budget.FeeStandards;
import org.ganxun.platform.web.PlainText;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.ganxun.audit.AuditLog;
import org.ganxun.org.DataScopes;
import org.ganxun.platform.security.CurrentUsers;
import org.ganxun.platform.security.DataScope;
import org.ganxun.platform.security.Permission;
import org.ganxun.platform.security.Unscoped;
import org.ganxun.platform.web.Bounds;
import org.ganxun.platform.web.BusinessException;
import org.ganxun.platform.web.BusinessException.FieldProblem;
import org.ganxun.training.TrainingClassView;
import org.ganxun.training.TrainingClasses;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A class's actual expenses (培训经费支出) in the categories of the training-fee rules, its fee profile (tier, headcount),
 * and the check against the governing fee standard ({@link FeeCaps}). Entered by whoever runs the class — the provider's
 * registrar or the filing unit — or the organisation department that approves it ({@code EXPENSE_MANAGE}, scope covering
 * the class's filer or approving department); read by the same people and those who keep the plan. A class that is
 * merely visible (the county's approved classes are visible to everyone under the county) does not open its spending.
 */
@Service
public class ClassExpenses {

    static final BigDecimal MAX_AMOUNT = new BigDecimal("10000000");
    static final List<String> COUNTED = List.of("ENROLLED", "COMPLETED", "NOT_COMPLETED", "DISMISSED");

    private final JdbcClient jdbc;
    private final TrainingClasses classes;
    private final DataScopes scopes;
    private final FeeStandards standards;
    private final AuditLog audit;

    ClassExpenses(JdbcClient jdbc, TrainingClasses classes, DataScopes scopes, FeeStandards standards, AuditLog audit) {
        this.jdbc = jdbc;
        this.classes = classes;
        this.scopes = scopes;
        this.standards = standards;
        this.audit = audit;
    }

    public record ExpenseForm(ExpenseCategory category, BigDecimal amount, LocalDate spentOn, Long instructorId, @Size(max = 50, message = "讲课人姓名最多{max}个字") @PlainText(message = "讲课人姓名不能包含网页标记或脚本") String lecturerName,
                              LecturerTitle lecturerTitle, BigDecimal hours, @Size(max = 500, message = "备注最多{max}个字") @PlainText(message = "备注不能包含网页标记或脚本") String note) {
    }

    public record Expense(long id, ExpenseCategory category, String categoryLabel, BigDecimal amount, LocalDate spentOn,
                          Long instructorId, String lecturerName, LecturerTitle lecturerTitle, String lecturerTitleLabel,
                          BigDecimal hours, BigDecimal perHour, String note, String createdBy, Instant createdAt) {
    }

    public record ProfileForm(ClassTier tier, Integer traineeCount, Integer staffCount) {
    }

    public record CategoryTotal(ExpenseCategory category, String label, BigDecimal amount) {
    }

    public record Sheet(long classId, String className, String providerName, String filerOrgName, int year, LocalDate startsOn,
                        LocalDate endsOn, int days, ClassTier tier, String tierLabel, int trainees, Integer traineeOverride,
                        int enrolledTrainees, int staff, long personDays, BigDecimal classHours, BigDecimal budget, BigDecimal spent,
                        BigDecimal balance, BigDecimal perCapita, BigDecimal perHour, BigDecimal perPersonDay,
                        BigDecimal dailyCapPerPersonDay, BigDecimal comprehensiveCap, BigDecimal comprehensiveSpent,
                        String standardName, String standardSource, List<CategoryTotal> byCategory, List<FeeCaps.Warning> warnings,
                        List<Expense> expenses, boolean canEdit) {
    }

    /** The facts of one class the check needs; also used for a whole plan's classes. */
    record ClassFacts(TrainingClassView c, ClassTier tier, Integer traineeOverride, int enrolled, int staff) {
        int trainees() {
            return traineeOverride != null ? traineeOverride : enrolled;
        }

        int days() {
            return (int) ChronoUnit.DAYS.between(c.startsOn(), c.endsOn()) + 1;
        }
    }

    @Transactional(readOnly = true)
    public Sheet sheet(long classId) {
        TrainingClassView c = requireReadable(classId);
        return sheet(facts(c), expenses(classId), canEdit(c));
    }

    Sheet sheet(ClassFacts f, List<Expense> expenses, boolean canEdit) {
        TrainingClassView c = f.c();
        Map<ExpenseCategory, BigDecimal> totals = FeeCaps.emptyTotals();
        List<FeeCaps.Lecture> lectures = new ArrayList<>();
        for (Expense e : expenses) {
            totals.merge(e.category(), e.amount(), BigDecimal::add);
            if (e.category() == ExpenseCategory.LECTURE) {
                lectures.add(new FeeCaps.Lecture(e.id(), e.lecturerName(), e.lecturerTitle(), e.hours(), e.amount()));
            }
        }
        FeeStandards.View std = standards.effective(c.jurisdictionOrgId());
        int people = f.trainees() + f.staff();
        FeeCaps.Result r = FeeCaps.check(FeeStandards.standard(std, f.tier()), f.days(), people, new FeeCaps.Spending(totals, lectures));
        BigDecimal spent = totals.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
        List<CategoryTotal> byCategory = totals.entrySet().stream().map(e -> new CategoryTotal(e.getKey(), e.getKey().label(), e.getValue())).toList();
        return new Sheet(c.id(), c.name(), c.providerName(), c.filerOrgName(), c.planYear(), c.startsOn(), c.endsOn(), f.days(), f.tier(),
                f.tier().label(), f.trainees(), f.traineeOverride(), f.enrolled(), f.staff(), r.personDays(), c.totalHours(), c.budget(), spent,
                c.budget() == null ? null : c.budget().subtract(spent), FeeCaps.per(spent, BigDecimal.valueOf(f.trainees())),
                FeeCaps.per(spent, c.totalHours()), FeeCaps.per(spent, BigDecimal.valueOf(r.personDays())), r.dailyCapPerPersonDay(),
                r.comprehensiveCap(), r.comprehensiveSpent(), std.name(), std.source(), byCategory, r.warnings(), expenses, canEdit);
    }

    ClassFacts facts(TrainingClassView c) {
        Map<String, Object> p = jdbc.sql("select tier, trainee_count, staff_count from class_fee_profile where class_id = ?").param(c.id())
                .query().listOfRows().stream().findFirst().orElse(Map.of());
        int enrolled = jdbc.sql(Unscoped.countsOnly() + "select count(*) from enrollment_card where class_id = ? and status in ('ENROLLED','COMPLETED','NOT_COMPLETED','DISMISSED')")
                .param(c.id()).query(Integer.class).single();
        return new ClassFacts(c, p.get("tier") == null ? ClassTier.THREE : ClassTier.valueOf((String) p.get("tier")),
                (Integer) p.get("trainee_count"), enrolled, p.get("staff_count") == null ? 0 : (Integer) p.get("staff_count"));
    }

    List<Expense> expenses(long classId) {
        return jdbc.sql("select * from class_expense where class_id = ? order by spent_on, id").param(classId)
                .query((rs, i) -> {
                    ExpenseCategory cat = ExpenseCategory.valueOf(rs.getString("category"));
                    String t = rs.getString("lecturer_title");
                    LecturerTitle title = t == null ? null : LecturerTitle.valueOf(t);
                    BigDecimal hours = rs.getBigDecimal("hours");
                    BigDecimal amount = rs.getBigDecimal("amount");
                    return new Expense(rs.getLong("id"), cat, cat.label(), amount, rs.getDate("spent_on").toLocalDate(),
                            (Long) rs.getObject("instructor_id"), rs.getString("lecturer_name"), title, title == null ? null : title.label(),
                            hours, FeeCaps.per(amount, hours), rs.getString("note"), rs.getString("created_by"),
                            rs.getTimestamp("created_at").toInstant());
                }).list();
    }

    @Transactional
    public Expense add(long classId, ExpenseForm f) {
        TrainingClassView c = requireWritable(classId);
        List<FieldProblem> problems = new ArrayList<>();
        if (f == null) {
            throw new BusinessException("请填写支出");
        }
        if (f.category() == null) {
            problems.add(new FieldProblem("category", "请选择支出类别"));
        }
        if (f.amount() == null) {
            problems.add(new FieldProblem("amount", "请填写金额"));
        } else if (f.amount().signum() <= 0 || f.amount().compareTo(MAX_AMOUNT) > 0) {
            problems.add(new FieldProblem("amount", "金额须大于0元、不超过" + MAX_AMOUNT.toPlainString() + "元（一千万元）"));
        } else if (f.amount().stripTrailingZeros().scale() > 2) {
            problems.add(new FieldProblem("amount", "金额最多两位小数（元、角、分）"));
        }
        if (f.spentOn() == null) {
            problems.add(new FieldProblem("spentOn", "请填写支出日期"));
        } else if (f.spentOn().isBefore(c.startsOn().minusYears(1)) || f.spentOn().isAfter(c.endsOn().plusYears(1))) {
            problems.add(new FieldProblem("spentOn", "支出日期应在办班前后一年之内"));
        }
        String note = FeeStandards.clean(problems, "note", "备注", f.note(), 500);
        String lecturer = null;
        LecturerTitle title = null;
        BigDecimal hours = null;
        Long instructorId = null;
        if (f.category() == ExpenseCategory.LECTURE) {
            if (f.instructorId() != null) {
                var row = jdbc.sql("select name from instructor_card where id = ?").param(f.instructorId()).query(String.class).optional();
                if (row.isEmpty()) {
                    problems.add(new FieldProblem("instructorId", "所选教师不存在"));
                } else {
                    instructorId = f.instructorId();
                    lecturer = row.get();
                }
            }
            if (lecturer == null) {
                lecturer = FeeStandards.clean(problems, "lecturerName", "授课教师", f.lecturerName(), 50);
            }
            if (lecturer == null) {
                problems.add(new FieldProblem("lecturerName", "讲课费须填写授课教师"));
            }
            title = f.lecturerTitle();
            if (title == null && instructorId != null) {
                // the title is kept with the instructor's payments: the last one given for this instructor is taken again
                title = lastTitle(instructorId);
            }
            if (title == null) {
                problems.add(new FieldProblem("lecturerTitle", "讲课费须选择教师职称（副高级、正高级、院士或全国知名专家、其他）"));
            }
            hours = f.hours();
            if (hours == null || hours.signum() <= 0) {
                problems.add(new FieldProblem("hours", "讲课费须填写授课学时（大于0）"));
            } else if (hours.compareTo(new BigDecimal("200")) > 0 || hours.stripTrailingZeros().scale() > 2) {
                problems.add(new FieldProblem("hours", "授课学时不能超过200学时，最多两位小数"));
            }
        }
        Bounds.check(problems);
        long id = jdbc.sql("""
                insert into class_expense (class_id, category, amount, spent_on, instructor_id, lecturer_name, lecturer_title, hours, note, created_by)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) returning id""")
                .params(classId, f.category().name(), f.amount(), f.spentOn(), instructorId, lecturer, title == null ? null : title.name(), hours,
                        note, CurrentUsers.require().username())
                .query(Long.class).single();
        Expense e = expenses(classId).stream().filter(x -> x.id() == id).findFirst().orElseThrow();
        audit.record("CREATE", "ClassExpense", id, "培训经费支出：" + c.name() + "，" + e.categoryLabel() + " " + FeeCaps.plain(e.amount()) + "元", null, e);
        return e;
    }

    /** The title (职称) given with the instructor's latest lecture payment, or null before their first. */
    LecturerTitle lastTitle(long instructorId) {
        return jdbc.sql("""
                select lecturer_title from class_expense where instructor_id = ? and lecturer_title is not null
                 order by created_at desc, id desc limit 1""").param(instructorId).query(String.class).optional()
                .map(LecturerTitle::valueOf).orElse(null);
    }

    @Transactional
    public void delete(long classId, long expenseId) {
        TrainingClassView c = requireWritable(classId);
        Expense e = expenses(classId).stream().filter(x -> x.id() == expenseId).findFirst()
                .orElseThrow(() -> BusinessException.notFound("支出记录"));
        jdbc.sql("delete from class_expense where id = ? and class_id = ?").params(expenseId, classId).update();
        audit.record("DELETE", "ClassExpense", expenseId, "培训经费支出：" + c.name() + "，" + e.categoryLabel() + " " + FeeCaps.plain(e.amount()) + "元", e, null);
    }

    @Transactional
    public Sheet profile(long classId, ProfileForm f) {
        TrainingClassView c = requireWritable(classId);
        List<FieldProblem> problems = new ArrayList<>();
        Bounds.seats(problems, "traineeCount", "参训人数", f.traineeCount(), 0, Bounds.MAX_SEATS);
        Bounds.seats(problems, "staffCount", "工作人员人数", f.staffCount(), 0, 1000);
        Bounds.check(problems);
        ClassFacts before = facts(c);
        jdbc.sql("""
                insert into class_fee_profile (class_id, tier, trainee_count, staff_count, updated_by) values (?, ?, ?, ?, ?)
                on conflict (class_id) do update set tier = excluded.tier, trainee_count = excluded.trainee_count,
                  staff_count = excluded.staff_count, updated_by = excluded.updated_by, updated_at = now()""")
                .params(classId, (f.tier() == null ? ClassTier.THREE : f.tier()).name(), f.traineeCount(),
                        f.staffCount() == null ? 0 : f.staffCount(), CurrentUsers.require().username())
                .update();
        ClassFacts after = facts(c);
        audit.record("UPDATE", "ClassFeeProfile", classId, "培训班经费核算口径：" + c.name(),
                Map.of("tier", before.tier(), "trainees", before.trainees(), "staff", before.staff()),
                Map.of("tier", after.tier(), "trainees", after.trainees(), "staff", after.staff()));
        return sheet(after, expenses(classId), true);
    }

    /** Whether the signed-in user's scope covers the class's filer or approving department. */
    boolean covers(TrainingClassView c) {
        DataScope scope = scopes.current();
        if (scope.all()) {
            return true;
        }
        Map<Long, String> paths = new HashMap<>();
        jdbc.sql("select id, path from org_unit where id in (?, ?)").params(c.filerOrgId(), c.jurisdictionOrgId())
                .query(rs -> {
                    paths.put(rs.getLong(1), rs.getString(2));
                });
        return scope.coversOrgPath(paths.get(c.filerOrgId())) || scope.coversOrgPath(paths.get(c.jurisdictionOrgId()));
    }

    private boolean canEdit(TrainingClassView c) {
        return CurrentUsers.require().can(Permission.EXPENSE_MANAGE) && covers(c);
    }

    TrainingClassView requireReadable(long classId) {
        TrainingClassView c = classes.get(classId);
        if (!covers(c)) {
            throw new BusinessException(403, "培训经费只对办班单位、培训机构和备案机关开放", List.of());
        }
        return c;
    }

    private TrainingClassView requireWritable(long classId) {
        TrainingClassView c = requireReadable(classId);
        if (!CurrentUsers.require().can(Permission.EXPENSE_MANAGE)) {
            throw new BusinessException(403, "没有登记培训经费的权限", List.of());
        }
        if ("CANCELLED".equals(c.status().name())) {
            throw new BusinessException("已取消的班次不能登记支出");
        }
        return c;
    }
}
