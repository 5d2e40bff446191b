package org.ganxun.people;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The streamed audit entry of an imported cadre must say exactly what the map-based entry says. */
class CadreAuditTest {

    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void theStreamedEntryOfANewCadreEqualsTheMapBasedOne() {
        CadreView full = view("李四", "副镇长", RankLevel.TOWNSHIP, RankGrade.DEPUTY, true, 9L, "某镇机关党支部", "1390000\t0001");
        CadreView sparse = view("王\"五\"", null, null, null, false, null, null, null);
        for (CadreView v : new CadreView[]{full, sparse}) {
            JsonNode streamed = json.readTree(CadreAudit.createdJson(v).text());
            JsonNode mapped = json.readTree(json.writeValueAsString(CadreAudit.created(v)));
            assertThat(streamed).isEqualTo(mapped);
        }
        JsonNode sparseJson = json.readTree(CadreAudit.createdJson(sparse).text());
        // nulls, false flags, labels, age and version are left out
        assertThat(sparseJson.has("post")).isFalse();
        assertThat(sparseJson.has("leadership")).isFalse();
        assertThat(sparseJson.has("genderLabel")).isFalse();
        assertThat(sparseJson.has("age")).isFalse();
        assertThat(sparseJson.has("version")).isFalse();
        assertThat(sparseJson.has("personNo")).isFalse(); // derived from the id
        assertThat(json.readTree(CadreAudit.createdJson(full).text()).get("rankTitle").asString()).isEqualTo("Z07");
        assertThat(sparseJson.get("name").asString()).isEqualTo("王\"五\"");
        assertThat(sparseJson.get("birthDate").asString()).isEqualTo("1985-01-02");
    }

    private static CadreView view(String name, String post, RankLevel level, RankGrade grade, boolean flags, Long partyId,
                                  String partyName, String phone) {
        return new CadreView(42, name, Gender.MALE, Gender.MALE.label(), "汉族", LocalDate.of(1985, 1, 2), 41,
                "510***********1234", flags ? Education.BACHELOR : null, flags ? Education.BACHELOR.label() : null,
                PoliticalStatus.values()[0], PoliticalStatus.values()[0].label(), flags ? LocalDate.of(2008, 7, 1) : null,
                7, "某镇人民政府", post, level, level == null ? null : level.label(), grade, grade == null ? null : grade.label(),
                flags, StaffCategory.values()[0], StaffCategory.values()[0].label(), LocalDate.of(2007, 8, 1), phone,
                flags, partyId, partyName, flags, CadreStatus.ACTIVE, CadreStatus.ACTIVE.label(), 3, PersonNo.of(42),
                flags ? "01" : null, flags ? "21" : null, flags ? "大学本科毕业" : null, flags ? "14" : null,
                flags ? "硕士研究生毕业" : null, flags ? "Z07" : null, flags ? "一级主任科员" : null,
                flags ? "按职务“副镇长”中的“镇长”推定为领导职务" : null);
    }
}
