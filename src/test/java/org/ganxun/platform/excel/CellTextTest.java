package org.ganxun.platform.excel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;

import org.junit.jupiter.api.Test;

class CellTextTest {

    /** squeeze and collapse replace regexes on the import's hot path; they must do exactly what the regexes did. */
    @Test
    void squeezeAndCollapseDoWhatTheRegexesDid() {
        char[] alphabet = {' ', '\t', '\n', '\r', '\f', '\u000B', '\u3000', '\u00A0', '王', '五', 'a', '1', '·'};
        Random random = new Random(7);
        for (int n = 0; n < 20_000; n++) {
            StringBuilder b = new StringBuilder();
            for (int i = random.nextInt(12); i > 0; i--) {
                b.append(alphabet[random.nextInt(alphabet.length)]);
            }
            String s = b.toString();
            assertThat(CellText.squeeze(s)).as("squeeze [%s]", s).isEqualTo(s.replaceAll("\\s+", ""));
            assertThat(CellText.collapse(s)).as("collapse [%s]", s).isEqualTo(s.replaceAll("\\s+", " "));
        }
        assertThat(CellText.name("王  五")).isEqualTo("王五");
        assertThat(CellText.name("Tom \t Lee")).isEqualTo("Tom Lee");
        assertThat(CellText.bool(" 是 ")).isTrue();
    }
}
