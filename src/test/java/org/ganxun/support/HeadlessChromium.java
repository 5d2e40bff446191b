package org.ganxun.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.time.Duration;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;

import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.ElementClickInterceptedException;
import org.openqa.selenium.ElementNotInteractableException;
import org.openqa.selenium.Point;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;

/**
 * Debian's headless Chromium for the browser tests, the same way everywhere: a fresh profile, no
 * background networking (this machine has no network but the registries), and never Selenium Manager
 * (it would try to download a browser). Skips the test when chromium or chromium-driver is missing;
 * fails when the web UI was not built into target/classes/static.
 */
public final class HeadlessChromium implements AutoCloseable {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    private static final Path SHOTS = Path.of("target", "screenshots");

    private final WebDriver driver;
    private final Path profile;
    private String shotPrefix = "browser";
    private int step;

    private HeadlessChromium(WebDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    /** A desktop window of 1400×900. */
    public static HeadlessChromium desktop() throws IOException {
        return start(false);
    }

    /** A phone: a 390×844 viewport (headless windows cannot be narrower than 500 px, so it is emulated). */
    public static HeadlessChromium phone() throws IOException {
        return start(true);
    }

    private static HeadlessChromium start(boolean phone) throws IOException {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "Debian's chromium and chromium-driver are not installed (apt-get install chromium chromium-driver); "
                        + "the browser test is skipped");
        assertThat(new File("target/classes/static/index.html"))
                .as("the web UI must be built into target/classes/static (run the build without -Dskip.web=true)")
                .exists();
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
        Path profile = Files.createTempDirectory("ganxun-chromium");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toString());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--user-data-dir=" + profile, phone ? "--window-size=390,844" : "--window-size=1400,900",
                "--lang=zh-CN");
        // the page's errors (uncaught, and those Vue reports with console.error) for scriptErrors()
        options.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, "SEVERE"));
        if (phone) {
            options.setExperimentalOption("mobileEmulation",
                    Map.of("deviceMetrics", Map.of("width", 390, "height", 844, "pixelRatio", 2.0)));
        }
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        return new HeadlessChromium(new ChromeDriver(service, options), profile);
    }

    public WebDriver driver() {
        return driver;
    }

    /**
     * The script errors the pages logged since the last call: uncaught errors and what Vue reports with
     * {@code console.error} (a render reading a field of data not yet loaded, say). A refused request is not one: the
     * page shows the server's message (main.js keeps it out of the console), and tests of refusals expect it.
     */
    public List<String> scriptErrors() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(LogEntry::getMessage)
                .filter(m -> !m.contains("Failed to load resource"))
                // the browser refusing what the Content-Security-Policy forbids is the policy at work, not the page's
                // script failing (StoredScriptBrowserTest checks that stored scripts never run)
                .filter(m -> !m.contains("Content Security Policy"))
                .toList();
    }

    /** An element by its {@code data-test} attribute (the pages mark what tests use). */
    public static By test(String name) {
        return By.cssSelector("[data-test='" + name + "']");
    }

    /** The native input of an el-input marked {@code data-test} (Element Plus puts the attribute on either). */
    public static By input(String name) {
        return By.cssSelector("input[data-test='" + name + "'], [data-test='" + name + "'] input");
    }

    /** Opens a page from the side menu, as a person would: unfolds the group, clicks the entry, waits for the title. */
    public void openMenu(String group, String item) {
        // another sub-menu may still be sliding shut and moving this one: click its title only when it
        // stands still, and until it is open
        new WebDriverWait(driver, Duration.ofSeconds(15)).ignoring(StaleElementReferenceException.class).until(d -> {
            WebElement sub = d.findElement(test("menu-" + group));
            if (sub.getDomAttribute("class").contains("is-opened")) {
                return true;
            }
            WebElement title = sub.findElement(By.cssSelector(".el-sub-menu__title"));
            Point before = title.getLocation();
            pause(250);
            if (before.equals(title.getLocation())) {
                title.click();
                pause(400);
            }
            return false;
        });
        // the sub-menu slides open: click once its entry takes clicks
        new WebDriverWait(driver, Duration.ofSeconds(10))
                .ignoring(ElementNotInteractableException.class)
                .ignoring(ElementClickInterceptedException.class)
                .until(d -> {
                    d.findElement(test("menu-" + item)).click();
                    return true;
                });
        new WebDriverWait(driver, Duration.ofSeconds(20)).until(d -> d.getTitle().startsWith(item));
    }

    private static void pause(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Screenshots of this run go to target/screenshots/PREFIX-NN-name.png; the last run's are removed. */
    public void screenshots(String prefix) throws IOException {
        this.shotPrefix = prefix;
        Files.createDirectories(SHOTS);
        try (var old = Files.newDirectoryStream(SHOTS, prefix + "-*.png")) {
            for (Path p : old) {
                Files.delete(p);
            }
        }
    }

    /** A PNG of the page as it is now, numbered in step order. */
    public void shot(String name) {
        try {
            Path target = SHOTS.resolve(String.format("%s-%02d-%s.png", shotPrefix, ++step, name));
            Files.write(target, ((org.openqa.selenium.TakesScreenshot) driver).getScreenshotAs(org.openqa.selenium.OutputType.BYTES));
        } catch (Exception e) {
            // a missing screenshot must not hide the real result
        }
    }

    @Override
    public void close() throws IOException {
        driver.quit();
        try (var files = Files.walk(profile)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
