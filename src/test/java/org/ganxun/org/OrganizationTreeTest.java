package org.ganxun.org;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;

import org.ganxun.platform.web.BusinessException;
import org.ganxun.support.Fixture;
import org.ganxun.support.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

@IntegrationTest
class OrganizationTreeTest {

    @Autowired OrganizationTrees trees;
    @Autowired Fixture fixture;
    @Autowired JdbcClient jdbc;

    long county;
    long townA;
    long townB;
    long village;
    long group;

    @BeforeEach
    void setUp() {
        county = fixture.org(null, Fixture.unique("树县"), "COUNTY");
        townA = fixture.org(county, Fixture.unique("东镇"), "TOWNSHIP");
        townB = fixture.org(county, Fixture.unique("西镇"), "TOWNSHIP");
        village = fixture.org(townA, Fixture.unique("东村"), "VILLAGE");
        group = fixture.org(village, Fixture.unique("村小组"), "OTHER");
    }

    private TreeNode node(long id) {
        return fixture.as(Fixture.systemAdmin(), () -> trees.get(Tree.ADMINISTRATIVE, id));
    }

    @Test
    void movesANodeWithItsWholeSubtree() {
        fixture.as(Fixture.systemAdmin(), () -> trees.move(Tree.ADMINISTRATIVE, village, townB));
        assertThat(node(village).parentId()).isEqualTo(townB);
        assertThat(node(village).path()).isEqualTo(node(townB).path() + village + "/");
        assertThat(node(group).path()).isEqualTo(node(townB).path() + village + "/" + group + "/");
        assertThat(node(group).depth()).isEqualTo(node(townB).depth() + 2);
        List<Long> underA = fixture.as(Fixture.systemAdmin(), () -> trees.list(Tree.ADMINISTRATIVE, false)).stream()
                .filter(n -> n.path().startsWith(node(townA).path()) && n.id() != townA).map(TreeNode::id).toList();
        assertThat(underA).isEmpty();
    }

    @Test
    void refusesToMoveANodeUnderItsOwnDescendant() {
        assertThatThrownBy(() -> fixture.as(Fixture.systemAdmin(), () -> trees.move(Tree.ADMINISTRATIVE, townA, group)))
                .isInstanceOf(BusinessException.class).hasMessageContaining("下级");
    }

    @Test
    void countsPeopleInTheWholeSubtree() {
        fixture.cadre("甲一", townA);
        fixture.cadre("甲二", village);
        fixture.cadre("甲三", group);
        fixture.cadre("乙一", townB);
        List<TreeNode> list = fixture.as(Fixture.systemAdmin(), () -> trees.list(Tree.ADMINISTRATIVE, false));
        TreeNode a = list.stream().filter(n -> n.id() == townA).findFirst().orElseThrow();
        TreeNode c = list.stream().filter(n -> n.id() == county).findFirst().orElseThrow();
        TreeNode v = list.stream().filter(n -> n.id() == village).findFirst().orElseThrow();
        assertThat(a.count()).isEqualTo(3);
        assertThat(a.directCount()).isEqualTo(1);
        assertThat(v.count()).isEqualTo(2);
        assertThat(c.count()).isEqualTo(4);
    }

    @Test
    void retiresASubtreeOnlyWhenNobodyIsLeftInIt() {
        fixture.cadre("留守", group);
        assertThatThrownBy(() -> fixture.as(Fixture.systemAdmin(), () -> trees.retire(Tree.ADMINISTRATIVE, village, null)))
                .isInstanceOf(BusinessException.class).hasMessageContaining("仍有1名在职干部");
        assertThat(node(village).retired()).isFalse();

        int n = fixture.as(Fixture.systemAdmin(), () -> trees.retire(Tree.ADMINISTRATIVE, townB, LocalDate.of(2026, 1, 1)));
        assertThat(n).isEqualTo(1);
        assertThat(node(townB).retired()).isTrue();
        assertThat(node(townB).retiredOn()).isEqualTo(LocalDate.of(2026, 1, 1));
        assertThat(fixture.as(Fixture.systemAdmin(), () -> trees.list(Tree.ADMINISTRATIVE, false)))
                .noneMatch(x -> x.id() == townB);
        assertThat(fixture.as(Fixture.systemAdmin(), () -> trees.list(Tree.ADMINISTRATIVE, true)))
                .anyMatch(x -> x.id() == townB);
        assertThatThrownBy(() -> fixture.org(townB, "撤销后新建", "VILLAGE"))
                .isInstanceOf(BusinessException.class).hasMessageContaining("已撤销");
    }

    @Test
    void refusesTwoActiveUnitsOfOneNameUnderOneParent() {
        String name = node(village).name();
        long sibling = fixture.org(townA, Fixture.unique("西村"), "VILLAGE");
        long elsewhere = fixture.org(townB, name, "VILLAGE"); // the same name under another parent is fine
        String siblingName = node(sibling).name();

        assertThatThrownBy(() -> fixture.org(townA, " " + name + " ", "VILLAGE"))
                .isInstanceOfSatisfying(BusinessException.class, e -> {
                    assertThat(e.status()).isEqualTo(409);
                    assertThat(e.getMessage()).contains("同一上级下已有名为“" + name + "”");
                });
        assertThatThrownBy(() -> fixture.as(Fixture.systemAdmin(), () -> trees.rename(Tree.ADMINISTRATIVE, sibling, name)))
                .isInstanceOf(BusinessException.class).hasMessageContaining("同一上级下已有");
        assertThatThrownBy(() -> fixture.as(Fixture.systemAdmin(), () -> trees.move(Tree.ADMINISTRATIVE, elsewhere, townA)))
                .isInstanceOf(BusinessException.class).hasMessageContaining("同一上级下已有");
        assertThat(node(sibling).name()).isEqualTo(siblingName);
        assertThat(node(elsewhere).parentId()).isEqualTo(townB);
        assertThat(jdbc.sql("select count(*) from organization where parent_id = ? and name = ?")
                .params(townA, name).query(Long.class).single()).isEqualTo(1);

        // a retired unit's name may be used again
        fixture.as(Fixture.systemAdmin(), () -> trees.retire(Tree.ADMINISTRATIVE, sibling, LocalDate.now()));
        fixture.as(Fixture.systemAdmin(), () -> trees.rename(Tree.ADMINISTRATIVE, village, siblingName));
        assertThat(node(village).name()).isEqualTo(siblingName);
    }

    @Test
    void renameIsAuditedWithBeforeAndAfter() {
        String old = node(townA).name();
        fixture.as(Fixture.systemAdmin(), () -> trees.rename(Tree.ADMINISTRATIVE, townA, old + "新"));
        assertThat(node(townA).name()).isEqualTo(old + "新");
        var row = jdbc.sql("""
                select action, before_data ->> 'name' as before_name, after_data ->> 'name' as after_name, actor_username
                from audit_log where entity_type = 'Organization' and entity_id = ? and action = 'RENAME'""")
                .param(String.valueOf(townA)).query().singleRow();
        assertThat(row.get("before_name")).isEqualTo(old);
        assertThat(row.get("after_name")).isEqualTo(old + "新");
        assertThat(row.get("actor_username")).isEqualTo("test-admin");
    }

    @Test
    void partyTreeHasItsOwnKindsAndLinksToUnits() {
        long committee = fixture.partyOrg(null, Fixture.unique("镇党委"), "COMMITTEE", townA);
        long general = fixture.partyOrg(committee, Fixture.unique("总支"), "GENERAL_BRANCH", townA);
        long branch = fixture.partyOrg(general, Fixture.unique("支部"), "BRANCH", village);
        TreeNode b = fixture.as(Fixture.systemAdmin(), () -> trees.get(Tree.PARTY, branch));
        assertThat(b.kindLabel()).isEqualTo("党支部");
        assertThat(b.orgId()).isEqualTo(village);
        assertThat(b.depth()).isEqualTo(2);
        assertThatThrownBy(() -> fixture.partyOrg(committee, "错误类别", "TOWNSHIP", null))
                .isInstanceOf(BusinessException.class).hasMessageContaining("类别");
    }
}
