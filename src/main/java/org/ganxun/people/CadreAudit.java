package org.ganxun.people;

import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Compact audit data for cadres written in bulk: a created cadre's stored fields, or only the fields an
 * update changed (before and after). Labels, age and version are derived, so they are left out.
 */
final class CadreAudit {

    private static final List<RecordComponent> FIELDS = Arrays.stream(CadreView.class.getRecordComponents())
            .filter(c -> !c.getName().endsWith("Label") && !c.getName().equals("age") && !c.getName().equals("version"))
            .toList();

    private CadreAudit() {
    }

    static Map<String, Object> created(CadreView v) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (RecordComponent c : FIELDS) {
            Object value = get(c, v);
            if (value != null && !Boolean.FALSE.equals(value)) {
                m.put(c.getName(), value);
            }
        }
        return m;
    }

    /** {@code [before, after]} of the fields that differ; the id is always kept for reference. */
    static Map<String, Object>[] changed(CadreView before, CadreView after) {
        @SuppressWarnings("unchecked")
        Map<String, Object>[] out = new Map[]{new LinkedHashMap<>(), new LinkedHashMap<>()};
        out[0].put("id", before.id());
        out[1].put("id", after.id());
        for (RecordComponent c : FIELDS) {
            Object b = get(c, before);
            Object a = get(c, after);
            if (!Objects.equals(b, a)) {
                out[0].put(c.getName(), b);
                out[1].put(c.getName(), a);
            }
        }
        return out;
    }

    private static Object get(RecordComponent c, CadreView v) {
        try {
            return c.getAccessor().invoke(v);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }
}
