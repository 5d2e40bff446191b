package org.ganxun.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * Every entity type and action the code writes to the audit log has a Chinese name, so the log never shows
 * an administrator a code such as "LeaveRequest" or "REQUEST_LEAVE".
 */
class AuditLabelsTest {

    private static final Pattern CALL = Pattern.compile("(?:audit\\.record(?:As|Export)?|AuditLog\\.Change)\\(([^;]*)");
    private static final Pattern LITERAL = Pattern.compile("\"([^\"\\\\]*)\"");
    private static final Pattern ACTION = Pattern.compile("[A-Z][A-Z_]+");
    private static final Pattern TYPE = Pattern.compile("[A-Z][a-z][A-Za-z]*");

    @Test
    void everyTypeAndActionWrittenHasAChineseName() throws IOException {
        TreeSet<String> types = new TreeSet<>();
        TreeSet<String> actions = new TreeSet<>();
        List<Path> sources;
        try (Stream<Path> files = Files.walk(Path.of("src/main/java/org/ganxun"))) {
            sources = files.filter(p -> p.toString().endsWith(".java")).toList();
        }
        for (Path p : sources) {
            Matcher call = CALL.matcher(Files.readString(p));
            while (call.find()) {
                Matcher lit = LITERAL.matcher(call.group(1));
                // the codes come before the summary, the first literal with Chinese text in it
                while (lit.find() && lit.group(1).chars().allMatch(c -> c < 128)) {
                    String s = lit.group(1);
                    if (ACTION.matcher(s).matches()) {
                        actions.add(s);
                    } else if (TYPE.matcher(s).matches()) {
                        types.add(s);
                    }
                }
            }
        }
        assertThat(types).as("entity types written").contains("ArchiveEntry", "LeaveRequest", "StudyActivity");
        assertThat(actions).as("actions written").contains("REQUEST_LEAVE", "LOGIN_LOCKED", "ROLL_CALL");
        assertThat(AuditLabels.ENTITY_TYPES.keySet()).containsAll(types);
        assertThat(AuditLabels.ACTIONS.keySet()).containsAll(actions);
        assertThat(AuditLabels.ENTITY_TYPES.values()).allMatch(l -> l.chars().anyMatch(c -> c >= 0x4e00));
        assertThat(AuditLabels.ACTIONS.values()).allMatch(l -> l.chars().anyMatch(c -> c >= 0x4e00));
    }
}
