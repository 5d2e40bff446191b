package org.ganxun.partyedu.internal.site;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;

import org.ganxun.partyedu.Branches;
import org.ganxun.platform.security.CurrentUser;
import org.ganxun.platform.security.Role;
import org.ganxun.support.Fixture;
import org.ganxun.support.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Remote-site alerts escalate operator → township → county when not resolved, by days elapsed (defaults:
 * equipment down 15 days raises; 7 days at the operator, then 7 at the township). The job is run for given
 * days, as the daily job would.
 */
@IntegrationTest
class SiteAlertsTest {

    @Autowired Fixture fixture;
    @Autowired RemoteSites sites;
    @Autowired SiteAlerts alerts;
    @Autowired JdbcClient jdbc;

    Branches b;
    CurrentUser countyAdmin;
    CurrentUser townshipLiaison;
    RemoteSites.Site site;

    @BeforeEach
    void setUp() {
        b = new Branches(fixture);
        countyAdmin = fixture.user(Fixture.unique("zzb"), Role.ORG_DEPT_ADMIN, b.county, null, null);
        townshipLiaison = fixture.user(Fixture.unique("town"), Role.UNIT_LIAISON, b.township, null, null);
        site = fixture.as(townshipLiaison, () -> sites.create(new RemoteSites.SiteRequest(b.villageA, "甲村远程教育站点", "村委会二楼",
                "何管理员", "13744440001", LocalDate.of(2024, 3, 1), "县委组织部操作员培训", 0, true)));
    }

    SiteAlerts.Alert only() {
        List<SiteAlerts.Alert> list = fixture.as(countyAdmin, () -> alerts.list(true, site.id()));
        assertThat(list).hasSize(1);
        return list.get(0);
    }

    long notifications(CurrentUser u) {
        return jdbc.sql("select count(*) from notification where user_id = ? and kind = 'SITE_ALERT'").param(u.id()).query(Long.class).single();
    }

    @Test
    void equipmentDownEscalatesFromOperatorToTownshipToCountyAfterTheConfiguredDays() {
        LocalDate broke = LocalDate.now().minusDays(60);
        fixture.as(townshipLiaison, () -> sites.saveEquipment(site.id(), null,
                new RemoteSites.EquipmentRequest("卫星接收机", RemoteSites.EquipmentStatus.FAULTY, 2009, broke, "无信号")));

        alerts.evaluate(broke.plusDays(14));
        assertThat(fixture.as(countyAdmin, () -> alerts.list(true, site.id()))).isEmpty();

        alerts.evaluate(broke.plusDays(15)); // down 15 days: raised at the operator, who gets an SMS
        SiteAlerts.Alert raised = only();
        assertThat(raised.kind()).isEqualTo(SiteAlerts.Kind.EQUIPMENT_DOWN);
        assertThat(raised.level()).isEqualTo(SiteAlerts.Level.OPERATOR);
        assertThat(raised.raisedOn()).isEqualTo(broke.plusDays(15));
        assertThat(raised.detail()).startsWith("卫星接收机自" + broke.getYear() + "年" + broke.getMonthValue() + "月").endsWith("已超过15天未修复");
        assertThat(raised.townshipName()).isEqualTo("测试镇" + b.name);
        assertThat(jdbc.sql("select phone from sms_outbox where dedup_key = ?").param("pe-site:" + raised.id() + ":OPERATOR")
                .query(String.class).single()).isEqualTo("13744440001");

        alerts.evaluate(broke.plusDays(21)); // 6 days at the operator: stays
        assertThat(only().level()).isEqualTo(SiteAlerts.Level.OPERATOR);
        assertThat(notifications(townshipLiaison)).isZero();

        alerts.evaluate(broke.plusDays(22)); // 7 days: the township
        assertThat(only().level()).isEqualTo(SiteAlerts.Level.TOWNSHIP);
        assertThat(only().levelSince()).isEqualTo(broke.plusDays(22));
        assertThat(notifications(townshipLiaison)).isEqualTo(1);
        assertThat(notifications(countyAdmin)).isZero();

        alerts.evaluate(broke.plusDays(22)); // the same day again changes nothing
        alerts.evaluate(broke.plusDays(28));
        assertThat(only().level()).isEqualTo(SiteAlerts.Level.TOWNSHIP);

        alerts.evaluate(broke.plusDays(29)); // 7 more days: the county
        assertThat(only().level()).isEqualTo(SiteAlerts.Level.COUNTY);
        assertThat(notifications(countyAdmin)).isEqualTo(1);
        assertThat(notifications(townshipLiaison)).isEqualTo(1);
        assertThat(jdbc.sql("select title from notification where user_id = ? and kind = 'SITE_ALERT'").param(countyAdmin.id())
                .query(String.class).single()).isEqualTo("远程教育站点预警（已升级至县委组织部）");
    }

    @Test
    void aJobThatMissedDaysCatchesUpAndARepairStopsTheEscalation() {
        LocalDate broke = LocalDate.now().minusDays(50);
        RemoteSites.Equipment e = fixture.as(townshipLiaison, () -> sites.saveEquipment(site.id(), null,
                new RemoteSites.EquipmentRequest("投影仪", RemoteSites.EquipmentStatus.FAULTY, 2012, broke, "灯泡损坏")));
        alerts.evaluate(broke.plusDays(15));
        // nobody ran the job for two weeks: both steps are taken, each from the day it was due
        alerts.evaluate(broke.plusDays(29));
        SiteAlerts.Alert a = only();
        assertThat(a.level()).isEqualTo(SiteAlerts.Level.COUNTY);
        assertThat(a.levelSince()).isEqualTo(broke.plusDays(29));

        LocalDate broke2 = LocalDate.now().minusDays(20);
        fixture.as(townshipLiaison, () -> sites.saveEquipment(site.id(), e.id(),
                new RemoteSites.EquipmentRequest("投影仪", RemoteSites.EquipmentStatus.NORMAL, 2012, null, null)));
        alerts.evaluate(broke.plusDays(30));
        assertThat(only().resolvedOn()).isEqualTo(broke.plusDays(30));
        assertThat(fixture.as(countyAdmin, () -> alerts.list(false, site.id()))).isEmpty();
        // a new fault is a new alert
        fixture.as(townshipLiaison, () -> sites.saveEquipment(site.id(), e.id(),
                new RemoteSites.EquipmentRequest("投影仪", RemoteSites.EquipmentStatus.FAULTY, 2012, broke2, "又坏了")));
        alerts.evaluate(broke2.plusDays(15));
        assertThat(fixture.as(countyAdmin, () -> alerts.list(false, site.id()))).hasSize(1);
    }

    @Test
    void aMonthBelowTargetRaisesAnAlertThatLateLogsOrAHandResolve() {
        fixture.as(townshipLiaison, () -> sites.update(site.id(), new RemoteSites.SiteRequest(b.villageA, site.name(), null, "何管理员",
                "13744440001", null, null, 3, true)));
        jdbc.sql("update remote_site set created_at = now() - interval '1 year' where id = ?").param(site.id()).update();
        LocalDate lastMonth = LocalDate.now().withDayOfMonth(1).minusMonths(1);
        fixture.as(b.secretaryA, () -> sites.addSession(site.id(), new RemoteSites.SessionRequest(lastMonth.plusDays(2),
                "党员远程教育：乡村振兴政策解读", 23, null, null)));
        LocalDate firstOfThisMonth = lastMonth.plusMonths(1);
        alerts.evaluate(firstOfThisMonth);
        SiteAlerts.Alert a = only();
        assertThat(a.kind()).isEqualTo(SiteAlerts.Kind.BELOW_TARGET);
        assertThat(a.detail()).isEqualTo(lastMonth.getYear() + "年" + lastMonth.getMonthValue() + "月播放1场，少于每月目标3场");
        // two late logs reach the target: resolved by the next run
        for (int i = 0; i < 2; i++) {
            int d = i;
            fixture.as(townshipLiaison, () -> sites.addSession(site.id(), new RemoteSites.SessionRequest(lastMonth.plusDays(10 + d),
                    "补录：农业技术", 15, null, "补录")));
        }
        alerts.evaluate(firstOfThisMonth.plusDays(1));
        assertThat(only().resolvedOn()).isEqualTo(firstOfThisMonth.plusDays(1));
        assertThat(only().resolution()).isEqualTo("已补录播放记录，达到月度目标");
    }
}
