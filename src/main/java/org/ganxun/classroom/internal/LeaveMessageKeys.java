package org.ganxun.classroom.internal;

import java.util.LinkedHashMap;
import java.util.Map;

import org.ganxun.platform.security.Unscoped;
import org.ganxun.training.ClassMessageKeys;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The keys of the messages about a class's leave requests ({@code training:leave:<leaveId>}, sent by {@link Leaves}). */
@Component
class LeaveMessageKeys implements ClassMessageKeys {

    private final JdbcClient jdbc;

    LeaveMessageKeys(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Map<String, Long> keysOf(long classId) {
        Map<String, Long> keys = new LinkedHashMap<>();
        jdbc.sql(Unscoped.ofChecked("class", "ClassMessages.of (approver or registrar)")
                        + "select id, enrollment_id from leave_request where class_id = ?")
                .param(classId)
                .query((rs, i) -> keys.put("training:leave:" + rs.getLong(1), rs.getLong(2)))
                .list();
        return keys;
    }
}
