package io.catalogbulk.status.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

import io.catalogbulk.core.operation.OperationStatus;
import io.catalogbulk.testsupport.ServiceTestResource;
import io.catalogbulk.testsupport.TestTokens;

/**
 * The console in a real browser: Debian's headless chromium driven through chromedriver (bin/infra installs both).
 * An operator signs in, finds a bulk, watches it finish without reloading, opens its failures, retries them,
 * acknowledges the bulk and signs out; operation data made of markup stays text. The worker's part (operations
 * finishing) is played by statements on the test database, as the worker's batches leave them.
 * <p>
 * Screenshots of each page go to target/console-screenshots, and to docs/console with {@code -Ddocs.update=true}.
 */
@QuarkusTest
@WithTestResource(ServiceTestResource.class)
class ConsoleBrowserTests {

    private static final String CHROMIUM = System.getProperty("console.chromium", "/usr/bin/chromium");
    private static final String CHROMEDRIVER = System.getProperty("console.chromedriver", "/usr/bin/chromedriver");
    private static final Duration WAIT = Duration.ofSeconds(20);

    private static WebDriver browser;

    @TestHTTPResource("/console")
    URL console;

    @BeforeAll
    static void startBrowser() {
        Assumptions.assumeTrue(Files.isExecutable(Path.of(CHROMIUM)) && Files.isExecutable(Path.of(CHROMEDRIVER)),
                "chromium and chromedriver are missing: run bin/infra (it installs them with apt-get)");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        // --no-sandbox: CI runs as root, where chromium's sandbox cannot start.
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--window-size=1280,900",
                "--force-device-scale-factor=1");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(Path.of(CHROMEDRIVER).toFile())
                .usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void anOperatorFollowsABulkRetriesItsFailuresAcknowledgesItAndSignsOut() throws IOException {
        String name = "operator-" + UUID.randomUUID().toString().substring(0, 6);
        int admin = ConsoleData.adminUser(name, "Console-pass-1", "Magento_Backend::all");
        String tag = UUID.randomUUID().toString().substring(0, 8);
        ConsoleData.bulk(admin, TestTokens.ADMIN, "Spring prices " + tag,
                ConsoleData.ops(120, i -> ConsoleData.Op.complete("Tee " + i)));
        UUID uuid = ConsoleData.bulk(admin, TestTokens.ADMIN, "Summer catalog " + tag, ConsoleData.ops(60, i -> i < 35
                ? ConsoleData.Op.complete("Champ Tee " + i) : ConsoleData.Op.open("Champ Tee " + i)));
        browser.manage().window().setSize(new Dimension(1280, 900));
        WebDriverWait wait = new WebDriverWait(browser, WAIT);

        // Sign in.
        browser.get(console + "/bulks");
        wait.until(ExpectedConditions.titleContains("Sign in"));
        screenshot("sign-in");
        browser.findElement(By.id("username")).sendKeys(name);
        browser.findElement(By.id("password")).sendKeys("Console-pass-1", Keys.ENTER);
        wait.until(ExpectedConditions.titleContains("Bulk actions log"));

        // Find the bulk: filter the log by text with the keyboard.
        WebElement text = browser.findElement(By.id("f-text"));
        text.sendKeys(tag, Keys.ENTER);
        wait.until(ExpectedConditions.urlContains("text=" + tag));
        List<WebElement> rows = browser.findElements(By.cssSelector("table.bulks tbody tr[data-uuid]"));
        assertEquals(2, rows.size());
        assertEquals(uuid.toString(), rows.get(0).getAttribute("data-uuid"), "newest first");
        screenshot("bulks");

        // Watch it finish, without a page reload: the worker finishes the open operations, 5 of them failing.
        browser.findElement(By.linkText("Summer catalog " + tag)).click();
        wait.until(ExpectedConditions.textToBe(By.id("bulk-status"), "In progress"));
        ((JavascriptExecutor) browser).executeScript("window.notReloaded = true;");
        ConsoleData.execute("UPDATE operation SET status = 2, error_code = 503, result_message = 'Lock wait timeout; retry later',"
                + " finished_at = now() WHERE bulk_uuid = ? AND status = 4 AND id >= 55", uuid);
        ConsoleData.finishOpen(uuid, OperationStatus.COMPLETE.code(), null, null);
        wait.until(ExpectedConditions.textToBe(By.id("bulk-status"), "Finished with failures"));
        assertEquals(Boolean.TRUE, ((JavascriptExecutor) browser).executeScript("return window.notReloaded === true;"));
        assertEquals("55", browser.findElement(By.cssSelector("[data-count=complete]")).getText());
        assertEquals("5", browser.findElement(By.cssSelector("[data-count=retriably_failed]")).getText());

        // Open its failures: grouped by message, and the failed operations themselves.
        browser.navigate().refresh();
        WebElement failures = browser.findElement(By.cssSelector("table.failures tbody"));
        assertTrue(failures.getText().contains("5 retriably failed 503 Lock wait timeout; retry later"), failures.getText());
        new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("o-status"))).selectByValue("2");
        browser.findElement(By.id("filter-operations")).click();
        wait.until(ExpectedConditions.urlContains("status=2"));
        assertEquals(5, browser.findElements(By.cssSelector("article.operation")).size());
        assertTrue(browser.findElement(By.id("operation-55")).getText().contains("\"name\" : \"Champ Tee 55\""));
        screenshot("bulk");

        // Retry them: they are open again; the worker completes them; acknowledge.
        browser.findElement(By.id("retry")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("notice"), "5 operation(s) re-queued."));
        assertEquals(5, ConsoleData.count("SELECT count(*) FROM operation WHERE bulk_uuid = ? AND status = 4", uuid));
        ConsoleData.finishOpen(uuid, OperationStatus.COMPLETE.code(), null, null);
        wait.until(ExpectedConditions.textToBe(By.id("bulk-status"), "Finished successfully"));
        browser.findElement(By.id("acknowledge")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("notice"), "The bulk is acknowledged."));
        assertEquals(1, ConsoleData.count("SELECT count(*) FROM bulk WHERE uuid = ? AND acknowledged_at IS NOT NULL", uuid));

        // The overview, and the log on a phone.
        browser.findElement(By.linkText("Overview")).click();
        wait.until(ExpectedConditions.titleContains("Overview"));
        assertFalse(browser.findElement(By.id("open-operations")).getText().isBlank());
        screenshot("overview");
        browser.manage().window().setSize(new Dimension(390, 844));
        browser.get(console + "/bulks?text=" + tag);
        wait.until(ExpectedConditions.titleContains("Bulk actions log"));
        ((JavascriptExecutor) browser).executeScript("document.querySelector('table.bulks').scrollIntoView();");
        screenshot("bulks-phone");
        browser.manage().window().setSize(new Dimension(1280, 900));

        // Sign out: the session is gone, the log leads to sign-in again.
        browser.findElement(By.id("sign-out")).click();
        wait.until(ExpectedConditions.titleContains("Sign in"));
        browser.get(console + "/bulks");
        wait.until(ExpectedConditions.titleContains("Sign in"));
    }

    @Test
    void markupInOperationDataIsShownAsText() throws IOException {
        String name = "escaper-" + UUID.randomUUID().toString().substring(0, 6);
        int admin = ConsoleData.adminUser(name, "Console-pass-1", "Magento_Backend::all");
        UUID uuid = ConsoleData.bulk(admin, TestTokens.ADMIN, "Import " + ConsoleData.XSS_SCRIPT, List.of(
                ConsoleData.Op.failed(OperationStatus.NOT_RETRIABLY_FAILED.code(), 400, ConsoleData.XSS_IMG, ConsoleData.XSS_SCRIPT),
                ConsoleData.Op.complete(ConsoleData.XSS_IMG)));
        WebDriverWait wait = new WebDriverWait(browser, WAIT);
        browser.get(console + "/sign-in");
        browser.findElement(By.id("username")).sendKeys(name);
        browser.findElement(By.id("password")).sendKeys("Console-pass-1");
        browser.findElement(By.id("sign-in")).click();
        wait.until(ExpectedConditions.titleContains("Bulk actions log"));
        browser.get(console + "/bulks/" + uuid);
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("operation-0")));

        assertThrows(NoAlertPresentException.class, () -> browser.switchTo().alert());
        assertEquals(0, browser.findElements(By.cssSelector("main img")).size(), "no <img> was created from the data");
        assertEquals(1, browser.findElements(By.tagName("script")).size(), "only the console's own script");
        assertEquals("Import " + ConsoleData.XSS_SCRIPT, browser.findElement(By.tagName("h1")).getText());
        assertTrue(browser.findElement(By.cssSelector("#operation-0 pre")).getText().contains(ConsoleData.XSS_SCRIPT.replace("\"", "\\\"")));
        assertEquals(ConsoleData.XSS_IMG, browser.findElement(By.cssSelector("#operation-0 .message")).getText());
        assertTrue(browser.findElement(By.cssSelector("#operation-1 pre")).getText().contains("\\\"><img src=x onerror=alert(1)>"));
        ((JavascriptExecutor) browser).executeScript("document.getElementById('operation-0').scrollIntoView();");
        screenshot("escaping");
        browser.findElement(By.id("sign-out")).click();
        wait.until(ExpectedConditions.titleContains("Sign in"));
    }

    private static void screenshot(String page) throws IOException {
        Path shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
        Path target = Path.of("target", "console-screenshots");
        Files.createDirectories(target);
        Files.copy(shot, target.resolve(page + ".png"), StandardCopyOption.REPLACE_EXISTING);
        if (Boolean.getBoolean("docs.update")) {
            Path docs = Path.of("..", "docs", "console");
            Files.createDirectories(docs);
            Files.copy(shot, docs.resolve(page + ".png"), StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
