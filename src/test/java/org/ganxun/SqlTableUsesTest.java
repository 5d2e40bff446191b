package org.ganxun;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;

import org.junit.jupiter.api.Test;

/** The tokenizer behind ModularityTest's table check: what it counts as a table named in SQL, and what not. */
class SqlTableUsesTest {

    private static final Set<String> KNOWN = Set.of("cadre", "organization", "archive_entry", "app_user", "plan_need");

    @Test
    void namesAfterFromJoinIntoUpdateDeleteAndCopyAreTables() {
        assertThat(SqlTableUses.tablesInSql("select * from cadre c join organization o on o.id = c.org_id", KNOWN))
                .containsExactlyInAnyOrder("cadre", "organization");
        assertThat(SqlTableUses.tablesInSql("insert into plan_need (org_id, year) values (?, ?)", KNOWN)).containsExactly("plan_need");
        assertThat(SqlTableUses.tablesInSql("update app_user set enabled = false", KNOWN)).containsExactly("app_user");
        assertThat(SqlTableUses.tablesInSql("delete from archive_entry where id = ?", KNOWN)).containsExactly("archive_entry");
        assertThat(SqlTableUses.tablesInSql("COPY cadre (id, name) FROM STDIN", KNOWN)).containsExactly("cadre");
        // a comma-separated FROM list, with and without aliases
        assertThat(SqlTableUses.tablesInSql("select 1 from plan_need n, cadre c, organization where true", KNOWN))
                .containsExactlyInAnyOrder("plan_need", "cadre", "organization");
    }

    @Test
    void columnsFunctionsLiteralsAndOtherWordsAreNot() {
        assertThat(SqlTableUses.tablesInSql("select extract(year from cadre.birth_date) from x", KNOWN)).isEmpty();
        assertThat(SqlTableUses.tablesInSql("select * from unnest(?) as cadre", KNOWN)).isEmpty();
        assertThat(SqlTableUses.tablesInSql("select 'from cadre' as label -- join organization\n from x", KNOWN)).isEmpty();
        assertThat(SqlTableUses.tablesInSql("insert into x values (1) on conflict do update set cadre = 1", KNOWN)).isEmpty();
        assertThat(SqlTableUses.tablesInSql("select * from cadre_card c", KNOWN)).isEmpty();
    }

    @Test
    void javaLiteralsJoinedByPlusReadAsOneStatementAndCommentsAreSkipped() {
        String java = """
                class X {
                    // from cadre in a comment
                    String a = "select id from " + "organization where true";
                    String b = "select " + column + " from";
                    String c = "cadre"; /* a separate literal: not after b's FROM */
                    char q = '"';
                    String d = \"""
                            select 1 from archive_entry e
                            \""";
                }
                """;
        assertThat(SqlTableUses.tablesNamed(java, KNOWN)).containsExactlyInAnyOrder("organization", "archive_entry");
    }
}
