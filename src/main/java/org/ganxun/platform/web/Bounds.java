package org.ganxun.platform.web;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * The limits of numbers and dates people type into forms (seats, hours, money, years), in one place so that
 * every form refuses the same absurd values with the same words: a quota of 2,147,483,647 seats or a class in
 * the year 9999 is a typing slip or an attack, never a plan. Each check adds a problem naming the field and
 * the limit to the caller's list.
 */
public final class Bounds {

    /** No class, quota or session has more people than this. */
    public static final int MAX_SEATS = 10_000;
    /** The largest amount of money (元) on any one budget line. */
    public static final BigDecimal MAX_MONEY = new BigDecimal("100000000");
    /** The most hours one entry, session or course may credit. */
    public static final BigDecimal MAX_HOURS = new BigDecimal("1000");
    /** The earliest year a record of training may carry (archives reach back to a cadre's first years of work). */
    public static final int MIN_YEAR = 1950;
    /** The earliest year of anything planned now (annual plans, classes, programmes, surveys). */
    public static final int MIN_PLAN_YEAR = 2000;
    /** How many years ahead anything may be planned. */
    public static final int PLAN_YEARS_AHEAD = 10;

    private Bounds() {
    }

    /** A whole number of people between {@code min} and {@code max}. */
    public static void seats(List<BusinessException.FieldProblem> problems, String field, String label, Integer value, int min, int max) {
        if (value != null && (value < min || value > max)) {
            problems.add(new BusinessException.FieldProblem(field, label + "须在" + min + "到" + max + "之间"));
        }
    }

    /** Money in 元, from 0 to {@link #MAX_MONEY}. */
    public static void money(List<BusinessException.FieldProblem> problems, String field, String label, BigDecimal value) {
        if (value != null && (value.signum() < 0 || value.compareTo(MAX_MONEY) > 0)) {
            problems.add(new BusinessException.FieldProblem(field, label + "须在0到" + MAX_MONEY.toPlainString() + "元（一亿元）之间"));
        }
    }

    /** Hours above 0 up to {@code max}. */
    public static void hours(List<BusinessException.FieldProblem> problems, String field, String label, BigDecimal value, BigDecimal max) {
        if (value != null && value.compareTo(max) > 0) {
            problems.add(new BusinessException.FieldProblem(field, label + "不能超过" + max.stripTrailingZeros().toPlainString() + "学时"));
        }
    }

    /** A year of planning: from {@link #MIN_PLAN_YEAR} to {@link #PLAN_YEARS_AHEAD} years after {@code today}. */
    public static void planYear(List<BusinessException.FieldProblem> problems, String field, String label, Integer year, LocalDate today) {
        if (year != null) {
            int max = today.getYear() + PLAN_YEARS_AHEAD;
            if (year < MIN_PLAN_YEAR || year > max) {
                problems.add(new BusinessException.FieldProblem(field, label + "须在" + MIN_PLAN_YEAR + "年到" + max + "年之间"));
            }
        }
    }

    /** A date of planning: its year as {@link #planYear}. */
    public static void planDate(List<BusinessException.FieldProblem> problems, String field, String label, LocalDate date, LocalDate today) {
        if (date != null) {
            int max = today.getYear() + PLAN_YEARS_AHEAD;
            if (date.getYear() < MIN_PLAN_YEAR || date.getYear() > max) {
                problems.add(new BusinessException.FieldProblem(field, label + "须在" + MIN_PLAN_YEAR + "年到" + max + "年之间（填写的是"
                        + date.getYear() + "年）"));
            }
        }
    }

    /** A date something happened: from {@link #MIN_YEAR} to one year after {@code today}. */
    public static void pastDate(List<BusinessException.FieldProblem> problems, String field, String label, LocalDate date, LocalDate today) {
        if (date != null && (date.getYear() < MIN_YEAR || date.isAfter(today.plusYears(1)))) {
            problems.add(new BusinessException.FieldProblem(field, label + "须在" + MIN_YEAR + "年到" + today.plusYears(1).getYear()
                    + "年之间（填写的是" + date.getYear() + "年）"));
        }
    }

    /** Throws the problems, if any, as one 400 whose message is the first problem. */
    public static void check(List<BusinessException.FieldProblem> problems) {
        if (!problems.isEmpty()) {
            throw new BusinessException(problems.get(0).message(), problems);
        }
    }
}
