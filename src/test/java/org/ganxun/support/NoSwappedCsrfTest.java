package org.ganxun.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * spring-security-test's {@code csrf()} swaps the CSRF token repository of the filter chain that every test of the
 * shared context uses, and from then on real logins in later tests answer 403 — a failure far from its cause
 * (it cost an afternoon twice). Tests send {@link RealCsrf#token()} instead; this keeps it that way.
 */
class NoSwappedCsrfTest {

    private static final Pattern SWAP = Pattern.compile("SecurityMockMvcRequestPostProcessors\\s*\\.\\s*csrf\\s*\\(|import static [\\w.]*SecurityMockMvcRequestPostProcessors\\.(csrf|\\*)\\s*;");

    @Test
    void noTestSwapsTheSharedCsrfRepository() throws IOException {
        List<Path> offenders;
        try (Stream<Path> files = Files.walk(Path.of("src/test/java"))) {
            offenders = files.filter(p -> p.toString().endsWith(".java") && !p.endsWith("NoSwappedCsrfTest.java"))
                    .filter(p -> {
                        try {
                            return SWAP.matcher(Files.readString(p)).find();
                        } catch (IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    }).toList();
        }
        assertThat(offenders).as("use support.RealCsrf.token() instead of csrf()").isEmpty();
    }
}
