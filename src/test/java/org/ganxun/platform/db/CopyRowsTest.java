package org.ganxun.platform.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import javax.sql.DataSource;

import org.ganxun.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** What bulk writers put through {@link CopyRows} is what PostgreSQL stores, whatever the text holds. */
@IntegrationTest
class CopyRowsTest {

    @Autowired
    DataSource dataSource;

    @Test
    void storesTextWithCopySpecialCharactersNullsAndBooleansExactly() throws Exception {
        List<String> texts = List.of(
                "张三",
                "tab\there",
                "two\nlines\r\nand a return",
                "back\\slash \\N not null",
                "{\"after\":{\"name\":\"李四\",\"note\":\"a\\tb\"}}",
                "x".repeat(20_000)); // longer than one chunk
        CopyRows rows = new CopyRows();
        for (int i = 0; i < texts.size(); i++) {
            rows.add(i).add(texts.get(i)).add(i % 2 == 0).endRow();
        }
        rows.add(texts.size()).add(null).add(null).endRow();

        try (Connection con = dataSource.getConnection(); Statement st = con.createStatement()) {
            st.execute("create temporary table copy_rows_probe (n int, t text, b boolean)");
            rows.copyIn(con, "copy copy_rows_probe (n, t, b) from stdin");
            List<List<Object>> stored = new ArrayList<>();
            try (ResultSet rs = st.executeQuery("select n, t, b from copy_rows_probe order by n")) {
                while (rs.next()) {
                    stored.add(Arrays.asList(rs.getInt(1), rs.getString(2), rs.getObject(3)));
                }
            }
            st.execute("drop table copy_rows_probe");

            assertThat(rows.rows()).isEqualTo(texts.size() + 1);
            assertThat(stored).hasSize(texts.size() + 1);
            for (int i = 0; i < texts.size(); i++) {
                assertThat(stored.get(i)).containsExactly(i, texts.get(i), i % 2 == 0);
            }
            assertThat(stored.get(texts.size())).containsExactly(texts.size(), null, null);
        }
    }
}
