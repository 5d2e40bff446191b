package org.ganxun.support;

import java.util.Map;

import org.ganxun.platform.security.CurrentUser;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A browser test on a 390×844 phone: the app's address on the test server, and signing a person in on the login
 * page the app shows before anything else.
 */
public abstract class PhoneBrowserTest extends BrowserTest {

    @LocalServerPort protected int port;

    @Override
    protected final boolean phone() {
        return true;
    }

    /** Whether the page should also be told it is on a touch device ({@code mobile: true}), as a trainee's phone is. */
    protected boolean touch() {
        return false;
    }

    @Override
    protected void browserStarted() {
        if (touch()) {
            // headless windows are at least 500px wide: emulate the phone's viewport (390×844, touch) instead
            driver.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                    Map.of("width", 390, "height", 844, "deviceScaleFactor", 2, "mobile", true));
        }
    }

    /** The app's page {@code path} ("/#/m/home") on the test server. */
    protected String url(String path) {
        return "http://localhost:" + port + path;
    }

    /** Fills in the login page with the person's name and the fixtures' password, and signs in. */
    protected void signIn(CurrentUser user) {
        signIn(user, null);
    }

    /** The same, with a screenshot of the filled-in page before signing in. */
    protected void signIn(CurrentUser user, String shot) {
        wait.until(ExpectedConditions.visibilityOfElementLocated(HeadlessChromium.input("login-username"))).sendKeys(user.username());
        driver.findElement(HeadlessChromium.input("login-password")).sendKeys(Fixture.PASSWORD);
        if (shot != null) {
            browser.shot(shot);
        }
        driver.findElement(HeadlessChromium.test("login-submit")).click();
    }
}
