package org.ganxun.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ganxun.support.HeadlessChromium.input;
import static org.ganxun.support.HeadlessChromium.test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;

import cn.idev.excel.FastExcel;
import org.ganxun.people.CitizenId;
import org.ganxun.support.BrowserTest;
import org.ganxun.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * The roster as a clerk of an organisation department uses it, in Debian's headless Chromium against
 * the real application and UI (served from target/classes/static, built by the Maven build): sign in,
 * import a roster workbook on 花名册导入, find one of the imported cadres on 干部花名册, and read the
 * figures on 干部队伍结构统计. A PNG of every step goes to target/screenshots/.
 */
@IntegrationTest
class RosterBrowserTest extends BrowserTest {

    @Override
    protected String screenshots() {
        return "roster";
    }

    private static final String PASSWORD = "Ui#Test2026pw";
    /** Given-name characters for unique, valid (Han only) cadre names. */
    private static final String GIVEN = "安柏诚达丰国海弘佳建景俊凯朗立茂鹏启荣瑞韶泰伟文贤晓欣雅毅云哲志宏宁远卓";

    @LocalServerPort int port;
    @Autowired JdbcClient jdbc;
    @Autowired PasswordEncoder encoder;

    @Test
    void importsARosterFindsACadreAndSeesTheStatistics() throws Exception {
        // ---- fixture: a county with a township, and an organisation-department administrator of the county
        String tag = Long.toString(System.nanoTime() % 1_000_000_000L, 36);
        long county = org(null, "界面测试县" + tag, "COUNTY", null);
        String townshipName = "界面测试镇" + tag;
        String townshipCode = "UIT" + tag.toUpperCase();
        org(county, townshipName, "TOWNSHIP", townshipCode);
        String username = "uitest_" + tag;
        jdbc.sql("""
                insert into app_user (username, display_name, password_hash, role, scope_org_id)
                values (?, '李组织', ?, 'ORG_DEPT_ADMIN', ?)""")
                .params(username, encoder.encode(PASSWORD), county).update();
        List<Person> people = people(4);

        try {
            // ---- 登录: a wrong password first shows the server's message, then the right one gets in
            driver.get(base() + "/");
            WebElement user = wait.until(ExpectedConditions.visibilityOfElementLocated(input("login-username")));
            assertThat(driver.getCurrentUrl()).contains("#/login");
            shot("login");
            user.sendKeys(username);
            driver.findElement(input("login-password")).sendKeys("Wrong#pass123");
            driver.findElement(test("login-submit")).click();
            WebElement error = wait.until(ExpectedConditions.visibilityOfElementLocated(test("login-error")));
            assertThat(error.getText()).contains("用户名或密码错误").contains("还可尝试4次");
            shot("login-error");
            driver.findElement(input("login-password")).sendKeys(PASSWORD);
            driver.findElement(test("login-submit")).click();
            wait.until(ExpectedConditions.textToBePresentInElementLocated(test("current-user"), "李组织"));
            wait.until(ExpectedConditions.textToBePresentInElementLocated(test("home-unit-count"), "2"));
            shot("home");

            // ---- 花名册导入: upload a workbook made like the template, wait for the job to finish
            browser.openMenu("干部管理", "花名册导入");
            wait.until(ExpectedConditions.presenceOfElementLocated(test("import-upload")));
            Path workbook = workbook(people, townshipName, townshipCode);
            driver.findElement(By.cssSelector("[data-test=import-upload] input[type=file]"))
                    .sendKeys(workbook.toAbsolutePath().toString());
            driver.findElement(By.cssSelector("[data-test=import-mode-ALL_OR_NOTHING]")).click();
            wait.until(ExpectedConditions.elementToBeClickable(test("import-start"))).click();
            WebElement job = new WebDriverWait(driver, Duration.ofSeconds(90)).until(d -> {
                failOnErrorMessage("花名册导入");
                List<WebElement> found = d.findElements(By.cssSelector("[data-test=import-job]"));
                return found.isEmpty() || !List.of("COMPLETED", "REJECTED", "FAILED").contains(found.get(0).getDomAttribute("data-status"))
                        ? null : found.get(0);
            });
            shot("import-finished");
            assertThat(job.getDomAttribute("data-status"))
                    .as("import job status; page says: %s", job.getText()).isEqualTo("COMPLETED");
            assertThat(driver.findElement(By.cssSelector("[data-test=import-created] .el-statistic__number")).getText())
                    .isEqualTo(String.valueOf(people.size()));
            assertThat(driver.findElement(By.cssSelector("[data-test=import-error-count] .el-statistic__number")).getText())
                    .isEqualTo("0");

            // ---- 干部花名册: search one of them by name and see them in the table
            Person wanted = people.get(1);
            browser.openMenu("干部管理", "干部花名册");
            WebElement name = wait.until(ExpectedConditions.visibilityOfElementLocated(input("search-name")));
            name.sendKeys(wanted.name());
            driver.findElement(test("search-submit")).click();
            wait.until(ExpectedConditions.textToBe(test("roster-total"), "1"));
            WebElement row = wait.until(ExpectedConditions.visibilityOfElementLocated(
                    By.cssSelector("[data-test=roster-table] .el-table__body-wrapper tbody tr")));
            assertThat(row.getText()).contains(wanted.name()).contains(townshipName)
                    .contains(CitizenId.mask(wanted.citizenId()))
                    .doesNotContain(wanted.citizenId())
                    .containsPattern("GX\\d{9,}"); // the 人员编号 exports carry
            shot("roster-search");
            row.findElement(By.cssSelector("[data-test=cadre-name]")).click();
            WebElement drawer = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".el-drawer")));
            wait.until(ExpectedConditions.presenceOfElementLocated(test("cadre-history")));
            // the drawer slides in: its second column of details is visible only once it has arrived
            wait.until(ExpectedConditions.textToBePresentInElement(drawer, "人员编号"));
            assertThat(drawer.getText()).contains(wanted.name()).contains("任职经历").contains(townshipName)
                    .contains("人员编号").contains("全日制学历");
            shot("cadre-detail");
            // the drawer may still be sliding in: click its close button once it takes the click
            new WebDriverWait(driver, Duration.ofSeconds(10))
                    .ignoring(org.openqa.selenium.ElementNotInteractableException.class)
                    .ignoring(org.openqa.selenium.ElementClickInterceptedException.class)
                    .until(d -> {
                        d.findElement(By.cssSelector(".el-drawer .el-drawer__close-btn")).click();
                        return true;
                    });
            wait.until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector(".el-drawer")));

            // ---- 干部队伍结构统计: the administrator's county, everyone just imported
            browser.openMenu("统计分析", "干部队伍结构统计");
            wait.until(d -> {
                failOnErrorMessage("干部队伍结构统计");
                List<WebElement> total = d.findElements(test("stats-total"));
                return !total.isEmpty() && total.get(0).getText().equals(String.valueOf(people.size()));
            });
            WebElement table = driver.findElement(test("stats-table"));
            assertThat(table.getText()).contains("职级").contains("年龄").contains("学历");
            wait.until(d -> !d.findElements(By.cssSelector(".echart canvas")).isEmpty());
            shot("statistics");
        } catch (AssertionError | RuntimeException e) {
            shot("failure");
            throw e;
        }
    }

    // ---- fixture helpers

    private record Person(String name, String citizenId, LocalDate birth, boolean male, String rank, String education) {
    }

    private long org(Long parentId, String name, String kind, String code) {
        String parentPath = parentId == null ? "/" : jdbc.sql("select path from organization where id = ?")
                .param(parentId).query(String.class).single();
        long id = jdbc.sql("""
                insert into organization (parent_id, name, kind, code, path, depth, sort_order)
                values (?, ?, ?, ?, '', ?, 0) returning id""")
                .params(parentId, name, kind, code, parentId == null ? 0 : parentPath.split("/").length - 1)
                .query(Long.class).single();
        jdbc.sql("update organization set path = ? where id = ?").params(parentPath + id + "/", id).update();
        return id;
    }

    /** People of different ages, ranks and education, with valid and unique GB 11643 numbers. */
    private static List<Person> people(int n) {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        String[] surnames = {"赵", "钱", "孙", "李", "周", "吴", "郑", "王"};
        LocalDate[] births = {LocalDate.of(1993, 4, 12), LocalDate.of(1985, 9, 3), LocalDate.of(1976, 1, 28),
                LocalDate.of(1968, 11, 6), LocalDate.of(1990, 6, 30)};
        String[] ranks = {"科员及以下", "乡科级", "乡科级", "县处级", "科员及以下"};
        String[] education = {"大学本科", "硕士研究生", "大学本科", "大学专科", "大学本科"};
        List<Person> out = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String name;
            do {
                name = surnames[r.nextInt(surnames.length)] + GIVEN.charAt(r.nextInt(GIVEN.length()))
                        + GIVEN.charAt(r.nextInt(GIVEN.length()));
            } while (names.contains(name) || names.stream().anyMatch(name::contains));
            names.add(name);
            boolean male = i % 2 == 0;
            LocalDate b = births[i % births.length];
            int seq = r.nextInt(10, 99) * 10 + (male ? 1 : 2) + r.nextInt(0, 4) * 2;
            String body = "5107" + String.format("%02d", r.nextInt(1, 30))
                    + String.format("%04d%02d%02d", b.getYear(), b.getMonthValue(), b.getDayOfMonth()) + seq;
            out.add(new Person(name, body + CitizenId.checkChar(body), b, male, ranks[i % ranks.length],
                    education[i % education.length]));
        }
        return out;
    }

    /**
     * A roster workbook laid out like the server's own template (GET /api/cadres/import/template): its
     * leading rows are copied and every column the test knows is filled by its header; unknown columns
     * stay empty. Without a template (the endpoint not built yet) the documented CadreForm labels are used.
     */
    private Path workbook(List<Person> people, String unitName, String unitCode) throws Exception {
        List<List<String>> leading = templateRows();
        int headerRow = -1;
        for (int i = 0; i < leading.size(); i++) {
            String joined = String.join("|", leading.get(i));
            if (joined.contains("姓名") && joined.contains("身份")) {
                headerRow = i;
                break;
            }
        }
        List<String> header;
        if (headerRow < 0) {
            leading = new ArrayList<>();
            header = List.of("姓名", "公民身份号码", "性别", "民族", "出生日期", "学历", "政治面貌", "入党时间", "单位",
                    "职务", "职级层次", "正副职", "是否领导职务", "人员类别", "参加工作时间", "联系电话", "是否后备干部",
                    "所在党组织", "是否流动党员");
            leading.add(header);
        } else {
            leading = new ArrayList<>(leading.subList(0, headerRow + 1));
            header = leading.get(headerRow);
        }
        List<List<Object>> rows = new ArrayList<>();
        for (List<String> l : leading) {
            rows.add(new ArrayList<>(l));
        }
        for (Person p : people) {
            List<Object> row = new ArrayList<>();
            for (String h : header) {
                row.add(cell(h == null ? "" : h, p, unitName, unitCode));
            }
            rows.add(row);
        }
        Path file = Files.createTempFile("花名册-", ".xlsx");
        FastExcel.write(file.toFile()).sheet("花名册").doWrite(rows);
        return file;
    }

    private static String cell(String header, Person p, String unitName, String unitCode) {
        String h = header.replace("*", "").replace("＊", "").strip();
        if (h.contains("姓名")) return p.name();
        if (h.contains("身份")) return p.citizenId();
        if (h.contains("性别")) return p.male() ? "男" : "女";
        if (h.contains("民族")) return "汉族";
        if (h.contains("出生")) return p.birth().toString();
        if (h.contains("学历")) return p.education();
        if (h.contains("政治面貌")) return "中共党员";
        if (h.contains("入党")) return p.birth().plusYears(25).toString();
        if (h.contains("流动")) return "否";
        if (h.contains("党组织") || h.contains("党支部")) return "";
        if (h.contains("单位") && (h.contains("编码") || h.contains("代码"))) return unitCode;
        if (h.contains("单位")) return unitName;
        if (h.contains("领导")) return p.rank().equals("科员及以下") ? "否" : "是";
        if (h.contains("正副") || h.contains("正职") || h.contains("副职")) return p.rank().equals("科员及以下") ? "" : "正职";
        if (h.contains("职级")) return p.rank();
        if (h.contains("职务")) return p.rank().equals("科员及以下") ? "科员" : "副镇长";
        if (h.contains("人员类别")) return "公务员";
        if (h.contains("参加工作")) return p.birth().plusYears(22).withMonth(7).withDayOfMonth(1).toString();
        if (h.contains("后备")) return "否";
        if (h.contains("状态")) return "在职";
        return "";
    }

    /** The first rows of the server's template, read with the browser's session; empty when there is none. */
    private List<List<String>> templateRows() throws IOException, InterruptedException {
        String cookies = driver.manage().getCookies().stream().map(c -> c.getName() + "=" + c.getValue())
                .collect(Collectors.joining("; "));
        HttpResponse<byte[]> res = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(base() + "/api/cadres/import/template")).header("Cookie", cookies).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        if (res.statusCode() != 200 || res.body().length < 4 || res.body()[0] != 'P' || res.body()[1] != 'K') {
            return List.of();
        }
        List<Map<Integer, String>> raw = FastExcel.read(new ByteArrayInputStream(res.body())).sheet(0).headRowNumber(0).doReadSync();
        List<List<String>> out = new ArrayList<>();
        for (Map<Integer, String> m : raw.subList(0, Math.min(raw.size(), 6))) {
            int width = m.keySet().stream().mapToInt(Integer::intValue).max().orElse(-1) + 1;
            List<String> row = new ArrayList<>();
            for (int i = 0; i < width; i++) {
                row.add(m.get(i) == null ? "" : m.get(i));
            }
            out.add(row);
        }
        return out;
    }

    // ---- browser helpers

    private String base() {
        return "http://localhost:" + port;
    }

    /** The UI shows the server's refusals as an error toast: fail with its text rather than time out. */
    private void failOnErrorMessage(String step) {
        for (WebElement m : driver.findElements(By.cssSelector(".el-message--error"))) {
            if (m.isDisplayed()) {
                shot("error-toast");
                throw new AssertionError(step + ": the page says “" + m.getText() + "”");
            }
        }
    }

    private void shot(String name) {
        browser.shot(name);
    }
}
