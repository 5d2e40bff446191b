package org.ganxun.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;
import org.openqa.selenium.NoSuchSessionException;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A browser test: a fresh headless Chromium (desktop window, or a phone) for every test method, its
 * screenshots under target/screenshots/PREFIX-NN-name.png, closed afterwards. A page that logged a script error
 * meanwhile (an uncaught error, or one Vue reports, such as a render reading data not yet loaded) fails the test,
 * whatever it asserted.
 *
 * <p>When the browser itself dies under a test (its process gone: "browser has closed the connection", "Unable to
 * receive message from renderer"), the test runs once more in a new browser and says so on stderr; a second death, and
 * every failed assertion or refused click, fails the test as it is. CI once lost a whole run to one such crash on the
 * login page of a fresh browser (stop 26), which no page of the platform can cause or prevent.
 */
@ExtendWith(BrowserTest.OnceMoreIfTheBrowserDied.class)
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
        browserStarted();
    }

    /** Set-up of each new browser (also of the one that replaces a browser that died). */
    protected void browserStarted() {
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

    private void restartBrowser() throws IOException {
        try {
            browser.close();
        } catch (RuntimeException | IOException e) {
            // the process is gone already; its profile directory may stay behind in the temp directory
        }
        startBrowser();
    }

    /** Whether a test failed because the browser process died, not because of anything the page did. */
    public static boolean browserDied(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof NoSuchSessionException) {
                return true;
            }
            String message = String.valueOf(t.getMessage());
            if (t instanceof WebDriverException && (message.contains("chrome not reachable")
                    || message.contains("browser has closed the connection")
                    || message.contains("Unable to receive message from renderer"))) {
                return true;
            }
        }
        return false;
    }

    /** Work with a browser; it may throw whatever a test method may. */
    public interface BrowserWork {
        void run() throws Throwable;
    }

    /** Runs {@code work} (which opens a browser of its own), and once more if its browser died under it. */
    public static void onceMoreIfTheBrowserDies(BrowserWork work) throws Throwable {
        onceMoreIfTheBrowserDies(work, work);
    }

    /**
     * Runs {@code work}; when it failed because its browser's process died (not for anything the page did), runs
     * {@code again}, which starts from a new browser. The one place the suite decides to try a second time.
     */
    public static void onceMoreIfTheBrowserDies(BrowserWork work, BrowserWork again) throws Throwable {
        try {
            work.run();
        } catch (Throwable first) {
            if (!browserDied(first)) {
                throw first;
            }
            System.err.println("WARNING the browser died (" + String.valueOf(first.getMessage()).lines().findFirst()
                    .orElse("") + "); once more in a new browser");
            try {
                again.run();
            } catch (Throwable second) {
                second.addSuppressed(first);
                throw second;
            }
        }
    }

    static final class OnceMoreIfTheBrowserDied implements InvocationInterceptor {

        @Override
        public void interceptTestMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> context,
                ExtensionContext extension) throws Throwable {
            BrowserTest test = (BrowserTest) context.getTarget().orElseThrow();
            Method method = context.getExecutable();
            onceMoreIfTheBrowserDies(invocation::proceed, () -> {
                test.restartBrowser();
                method.setAccessible(true);
                try {
                    method.invoke(test, context.getArguments().toArray());
                } catch (InvocationTargetException e) {
                    throw e.getCause();
                }
            });
        }
    }
}
