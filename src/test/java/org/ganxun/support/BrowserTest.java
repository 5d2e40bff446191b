package org.ganxun.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A browser test: a fresh headless Chromium (desktop window, or a phone) for every test method, its
 * screenshots under target/screenshots/PREFIX-NN-name.png, closed afterwards. A page that logged a script error
 * meanwhile (an uncaught error, or one Vue reports, such as a render reading data not yet loaded) fails the test,
 * whatever it asserted.
 */
public abstract class BrowserTest {

    protected HeadlessChromium browser;
    protected ChromeDriver driver;
    protected WebDriverWait wait;

    /** The prefix of this test's screenshots. */
    protected abstract String screenshots();

    /** A phone (390×844) instead of a desktop window. */
    protected boolean phone() {
        return false;
    }

    @BeforeEach
    void startBrowser() throws IOException {
        browser = phone() ? HeadlessChromium.phone() : HeadlessChromium.desktop();
        driver = (ChromeDriver) browser.driver();
        wait = new WebDriverWait(driver, Duration.ofSeconds(20));
        browser.screenshots(screenshots());
    }

    @AfterEach
    void stopBrowser() throws IOException {
        if (browser == null) {
            return;
        }
        List<String> errors;
        try {
            errors = browser.scriptErrors();
        } finally {
            browser.close();
        }
        assertThat(errors).as("script errors of the pages this test opened").isEmpty();
    }
}
