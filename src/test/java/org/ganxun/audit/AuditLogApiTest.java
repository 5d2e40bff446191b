package org.ganxun.audit;

import static org.hamcrest.Matchers.hasItem;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.math.BigDecimal;
import java.time.LocalDate;

import org.ganxun.archive.ArchiveEntries;
import org.ganxun.archive.CreditSource;
import org.ganxun.archive.Delivery;
import org.ganxun.archive.QuantityUnit;
import org.ganxun.archive.TrainingType;
import org.ganxun.platform.security.CurrentUser;
import org.ganxun.platform.security.Role;
import org.ganxun.support.Fixture;
import org.ganxun.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

/** The audit log names what was changed and how in Chinese, and every kind of entry can be filtered. */
@IntegrationTest
class AuditLogApiTest {

    @Autowired MockMvc mvc;
    @Autowired Fixture fixture;
    @Autowired ArchiveEntries entries;
    @Autowired AuditLog audit;

    @Test
    void anArchiveEntrysChangeIsFoundByItsTypeAndShownInChinese() throws Exception {
        long county = fixture.org(null, Fixture.unique("审计县"), "COUNTY");
        long town = fixture.org(county, Fixture.unique("审计镇"), "TOWNSHIP");
        long otherTown = fixture.org(county, Fixture.unique("审计乙镇"), "TOWNSHIP");
        long cadre = fixture.cadre("王学时", town);
        CurrentUser townAdmin = fixture.user(Fixture.unique("aud"), Role.ORG_DEPT_ADMIN, town, null, null);
        // the audit log is read by audit administrators (三员分立), here one per township
        CurrentUser townAuditor = fixture.user(Fixture.unique("auda"), Role.AUDIT_ADMIN, town, null, null);
        CurrentUser otherAuditor = fixture.user(Fixture.unique("audb"), Role.AUDIT_ADMIN, otherTown, null, null);
        LocalDate on = LocalDate.now().minusDays(3);
        String title = Fixture.unique("乡村振兴专题班");
        long id = fixture.as(townAdmin, () -> entries.record(new ArchiveEntries.EntryRequest(cadre,
                CreditSource.EXTERNAL_TRAINING, null, title, "市委党校", on.minusDays(2), on, on, new BigDecimal("3"),
                QuantityUnit.DAYS, null, Delivery.CONCENTRATED, true, true, TrainingType.THEMATIC, "结业证书")).id());

        mvc.perform(get("/api/audit").param("entityType", "ArchiveEntry").param("entityId", String.valueOf(id))
                        .with(user(townAuditor)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.total").value(1))
                .andExpect(jsonPath("$.rows[0].entityType").value("ArchiveEntry"))
                .andExpect(jsonPath("$.rows[0].entityTypeLabel").value("学时记录"))
                .andExpect(jsonPath("$.rows[0].action").value("CREATE"))
                .andExpect(jsonPath("$.rows[0].actionLabel").value("新增"))
                .andExpect(jsonPath("$.rows[0].summary").value("登记学时：王学时 " + title));
        // filtering by type keeps the data scope: another township's administrator does not see it
        mvc.perform(get("/api/audit").param("entityType", "ArchiveEntry").param("entityId", String.valueOf(id))
                        .with(user(otherAuditor)))
                .andExpect(status().isOk()).andExpect(jsonPath("$.total").value(0));
    }

    @Test
    void theFiltersOfferTheTypesWrittenWithChineseLabelsAndANewTypeByItsCode() throws Exception {
        CurrentUser admin = Fixture.systemAdmin();
        String newType = Fixture.unique("Zz");
        fixture.as(admin, () -> {
            audit.record("REQUEST_LEAVE", "LeaveRequest", 1, "请假申请：测试", null, null);
            audit.record("CREATE", newType, 1, "某个以后新增的对象", null, null);
            return null;
        });
        CurrentUser auditor = Fixture.auditAdmin();
        mvc.perform(get("/api/audit/facets").with(user(auditor)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.entityTypes[?(@.value == 'LeaveRequest')].label").value(hasItem("请假")))
                .andExpect(jsonPath("$.entityTypes[?(@.value == '" + newType + "')].label").value(hasItem(newType)))
                .andExpect(jsonPath("$.actions[?(@.value == 'REQUEST_LEAVE')].label").value(hasItem("请假申请")))
                .andExpect(jsonPath("$.actions[?(@.value == 'CREATE')].label").value(hasItem("新增")));
        mvc.perform(get("/api/audit").param("entityType", "LeaveRequest").param("action", "REQUEST_LEAVE").with(user(auditor)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.rows[0].entityTypeLabel").value("请假"))
                .andExpect(jsonPath("$.rows[0].actionLabel").value("请假申请"));
    }
}
