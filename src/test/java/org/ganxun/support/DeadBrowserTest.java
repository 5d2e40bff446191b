package org.ganxun.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.NoSuchSessionException;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriverException;

/**
 * A browser that dies under a test is replaced and the test runs once more (BrowserTest); anything else a test
 * fails on is not retried.
 */
class DeadBrowserTest extends BrowserTest {

    private static final AtomicInteger RUNS = new AtomicInteger();

    @Override
    protected String screenshots() {
        return "dead-browser";
    }

    @Test
    void aBrowserKilledUnderATestIsReplacedAndTheTestRunsOnceMore() {
        int run = RUNS.incrementAndGet();
        driver.get("data:text/html,<title>run " + run + "</title>");
        if (run == 1) {
            // what happened on CI: the browser's process went away while the test was signing in
            long pid = ((Number) driver.getCapabilities().getCapability("goog:processID")).longValue();
            ProcessHandle.of(pid).orElseThrow().destroyForcibly();
            driver.get("data:text/html,<title>after</title>");
        }
        assertThat(driver.getTitle()).isEqualTo("run 2");
        assertThat(RUNS).hasValue(2);
    }

    @Test
    void workInABrowserOfItsOwnRunsOnceMoreOnlyWhenTheBrowserDied() throws Throwable {
        AtomicInteger runs = new AtomicInteger();
        onceMoreIfTheBrowserDies(() -> {
            if (runs.incrementAndGet() == 1) {
                throw new NoSuchSessionException("invalid session id: session deleted as the browser has closed the connection");
            }
        });
        assertThat(runs).hasValue(2);

        AtomicInteger failing = new AtomicInteger();
        assertThatThrownBy(() -> onceMoreIfTheBrowserDies(() -> {
            failing.incrementAndGet();
            throw new TimeoutException("Expected condition failed: waiting for title to start with 教务管理");
        })).isInstanceOf(TimeoutException.class);
        assertThat(failing).as("a page that did not show what was awaited is not given a second chance").hasValue(1);
    }

    @Test
    void onlyTheDeathOfTheBrowserCountsAsOne() {
        assertThat(browserDied(new NoSuchSessionException("invalid session id: session deleted as the browser has "
                + "closed the connection\nfrom disconnected: Unable to receive message from renderer"))).isTrue();
        assertThat(browserDied(new WebDriverException("chrome not reachable"))).isTrue();
        assertThat(browserDied(new RuntimeException("wrapped", new NoSuchSessionException("gone")))).isTrue();
        // a page that never showed what the test waited for, a wrong figure, a click that did not take: the page's fault
        assertThat(browserDied(new TimeoutException("Expected condition failed: waiting for visibility of element"))).isFalse();
        assertThat(browserDied(new AssertionError("expected: \"82\" but was: \"90\""))).isFalse();
        assertThat(browserDied(new WebDriverException("element click intercepted"))).isFalse();
    }
}
