package org.ganxun.people;

import java.io.StringWriter;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.ganxun.audit.AuditLog;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.json.JsonFactory;

/**
 * Compact audit data for cadres written in bulk: a created cadre's stored fields, or only the fields an
 * update changed (before and after). Labels, age and version are derived, so they are left out.
 */
final class CadreAudit {

    private static final List<RecordComponent> FIELDS = Arrays.stream(CadreView.class.getRecordComponents())
            .filter(c -> !c.getName().endsWith("Label") && !c.getName().equals("age") && !c.getName().equals("version")
                    && !c.getName().equals("personNo"))
            .toList();

    private CadreAudit() {
    }

    private static final JsonFactory JSON = new JsonFactory();

    /**
     * The same entry as {@link #created}, rendered straight to JSON text: an import writes 100,000 of these,
     * and streaming them costs a fraction of building and serialising maps.
     */
    static AuditLog.Json createdJson(CadreView v) {
        StringWriter out = new StringWriter(400);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeNumberProperty("id", v.id());
            text(g, "name", v.name());
            text(g, "gender", v.gender());
            text(g, "ethnicity", v.ethnicity());
            text(g, "birthDate", v.birthDate());
            text(g, "citizenIdMasked", v.citizenIdMasked());
            text(g, "education", v.education());
            text(g, "politicalStatus", v.politicalStatus());
            text(g, "joinedPartyOn", v.joinedPartyOn());
            g.writeNumberProperty("orgId", v.orgId());
            text(g, "orgName", v.orgName());
            text(g, "post", v.post());
            text(g, "rankLevel", v.rankLevel());
            text(g, "rankGrade", v.rankGrade());
            flag(g, "leadership", v.leadership());
            text(g, "staffCategory", v.staffCategory());
            text(g, "enteredWorkOn", v.enteredWorkOn());
            text(g, "phone", v.phone());
            flag(g, "reserveCadre", v.reserveCadre());
            if (v.partyOrgId() != null) {
                g.writeNumberProperty("partyOrgId", v.partyOrgId());
            }
            text(g, "partyOrgName", v.partyOrgName());
            flag(g, "mobileMember", v.mobileMember());
            text(g, "status", v.status());
            text(g, "politicalStatusCode", v.politicalStatusCode());
            text(g, "educationFullTime", v.educationFullTime());
            text(g, "educationInService", v.educationInService());
            text(g, "rankTitle", v.rankTitle());
            text(g, "leadershipBasis", v.leadershipBasis());
            g.writeEndObject();
        }
        return new AuditLog.Json(out.toString());
    }

    private static void text(JsonGenerator g, String name, Object value) {
        if (value != null) {
            g.writeStringProperty(name, value instanceof Enum<?> e ? e.name() : value.toString());
        }
    }

    private static void flag(JsonGenerator g, String name, boolean value) {
        if (value) {
            g.writeBooleanProperty(name, true);
        }
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
