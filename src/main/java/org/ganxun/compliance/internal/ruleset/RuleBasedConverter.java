package org.ganxun.compliance.internal.ruleset;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.ganxun.archive.CreditSource;
import org.ganxun.archive.HoursConverter;
import org.ganxun.archive.QuantityUnit;
import org.ganxun.platform.web.BusinessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Converts days, minutes and hours taught into 学时 with the conversions of the governing rule set. */
@Component
class RuleBasedConverter implements HoursConverter {

    private final RuleSetStore store;
    private final JdbcClient jdbc;

    RuleBasedConverter(RuleSetStore store, JdbcClient jdbc) {
        this.store = store;
        this.jdbc = jdbc;
    }

    @Override
    public Conversion convert(long orgId, LocalDate on, CreditSource source, BigDecimal quantity, QuantityUnit unit, boolean passedTest) {
        String path = jdbc.sql("select path from org_unit where id = ?").param(orgId).query(String.class).single();
        RuleSet rules = store.governing(path, on)
                .orElseThrow(() -> new BusinessException("没有适用于" + on + "的学时规则，请先配置规则"));
        return convert(rules, source, quantity, unit, passedTest);
    }

    @Override
    public HoursConverter cached() {
        List<RuleSetStore.Stored> all = store.all();
        Map<Long, String> paths = new HashMap<>();
        return (orgId, on, source, quantity, unit, passedTest) -> {
            String path = paths.computeIfAbsent(orgId,
                    id -> jdbc.sql("select path from org_unit where id = ?").param(id).query(String.class).single());
            RuleSet rules = RuleSetStore.governing(all, path, on)
                    .orElseThrow(() -> new BusinessException("没有适用于" + on + "的学时规则，请先配置规则"));
            return convert(rules, source, quantity, unit, passedTest);
        };
    }

    static Conversion convert(RuleSet rules, CreditSource source, BigDecimal quantity, QuantityUnit unit, boolean passedTest) {
        RuleSet.Conversions c = rules.conversions();
        String by = "（" + rules.name() + "第" + rules.version() + "版）";
        BigDecimal hours;
        String note;
        switch (unit) {
            case DAYS -> {
                hours = quantity.multiply(c.hoursPerDay());
                note = quantity.stripTrailingZeros().toPlainString() + "天×每天" + c.hoursPerDay().stripTrailingZeros().toPlainString() + "学时" + by;
            }
            case MINUTES -> {
                // per course, as the bands are written: the highest band whose minimum the course reaches
                int minutes = quantity.setScale(0, RoundingMode.DOWN).intValueExact();
                RuleSet.OnlineBand band = c.onlineBands().stream()
                        .filter(b -> minutes >= b.minMinutes())
                        .max(Comparator.comparingInt(RuleSet.OnlineBand::minMinutes))
                        .orElseThrow(() -> new BusinessException("网络课程时长" + minutes + "分钟不在折算范围内"));
                hours = band.hours();
                note = "网络课程" + minutes + "分钟计" + band.hours().stripTrailingZeros().toPlainString() + "学时";
                if (passedTest && c.onlineTestBonus() != null) {
                    hours = hours.add(c.onlineTestBonus());
                    note += "，通过测试加" + c.onlineTestBonus().stripTrailingZeros().toPlainString() + "学时";
                }
                note += by;
            }
            default -> {
                if (source == CreditSource.TEACHING && c.teachingMultiplier() != null) {
                    hours = quantity.multiply(c.teachingMultiplier());
                    note = "授课" + quantity.stripTrailingZeros().toPlainString() + "学时×" + c.teachingMultiplier().stripTrailingZeros().toPlainString() + by;
                } else {
                    hours = quantity;
                    note = null;
                }
            }
        }
        return new Conversion(hours.setScale(2, RoundingMode.HALF_UP), note);
    }
}
