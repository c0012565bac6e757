package io.catalogbulk.e2e;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * The operator console in a real browser against the three running services (Debian's headless chromium through
 * chromedriver; bin/infra installs both): an operator signs in, finds a bulk, watches it finish, opens its failures,
 * retries them, acknowledges it; uploads a Magento product file with bad rows, reads the validation report, starts the
 * import, follows it, downloads the failed rows, fixes one inline, resubmits the other corrected, and signs out. A real
 * worker executes everything. Data made of markup (product names, a file name, cells, messages) stays text. Another
 * operator does not see the import.
 * <p>
 * The file of the escaping test is dropped on the page (a drop event with the file), the other chosen with the file input.
 * <p>
 * Screenshots of each page go to e2e-tests/target/console-screenshots, and to docs/console with {@code -Ddocs.update=true}.
 */
class ConsoleBrowserIT {

    private static final String CHROMIUM = System.getProperty("console.chromium", "/usr/bin/chromium");
    private static final String CHROMEDRIVER = System.getProperty("console.chromedriver", "/usr/bin/chromedriver");
    private static final Duration WAIT = Duration.ofSeconds(90);
    static final String XSS_SCRIPT = "<script>alert(1)</script>";
    static final String XSS_IMG = "\"><img src=x onerror=alert(1)>";

    private static RunningSystem system;
    private static String bearer;
    private static WebDriver browser;
    private static String console;

    @BeforeAll
    static void start() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of(CHROMIUM)) && Files.isExecutable(Path.of(CHROMEDRIVER)),
                "chromium and chromedriver are missing: run bin/infra (it installs them with apt-get)");
        system = RunningSystem.shared();
        bearer = "Bearer " + given().baseUri(system.ingestUrl()).contentType(ContentType.JSON)
                .body(Map.of("username", "admin", "password", "admin123")).post("/rest/V1/integration/admin/token")
                .then().statusCode(200).extract().as(String.class);
        console = system.statusUrl() + "/console";
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
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void anOperatorFollowsABulkAndAnImportThroughTheConsole() throws Exception {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        // A customer bulk of which one item repeats an e-mail: the worker fails the second one, not retriably.
        List<Map<String, Object>> customers = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            customers.add(customer("c" + i + "." + tag + "@example.com"));
        }
        customers.add(customer("c7." + tag + "@example.com"));
        String bulk = given().baseUri(system.ingestUrl()).header("Authorization", bearer).contentType(ContentType.JSON).body(customers)
                .post("/rest/async/bulk/V1/customers").then().statusCode(202).extract().path("bulk_uuid");
        browser.manage().window().setSize(new Dimension(1280, 900));
        WebDriverWait wait = new WebDriverWait(browser, WAIT);

        // Sign in.
        browser.get(console + "/bulks");
        wait.until(ExpectedConditions.titleContains("Sign in"));
        screenshot("sign-in");
        browser.findElement(By.id("username")).sendKeys("admin");
        browser.findElement(By.id("password")).sendKeys("admin123", Keys.ENTER);
        wait.until(ExpectedConditions.titleContains("Bulk actions log"));

        // Find the bulk: filter the log by its uuid with the keyboard.
        browser.findElement(By.id("f-text")).sendKeys(bulk, Keys.ENTER);
        wait.until(ExpectedConditions.urlContains("text=" + bulk));
        List<WebElement> rows = browser.findElements(By.cssSelector("table.bulks tbody tr[data-uuid]"));
        assertEquals(1, rows.size());
        assertEquals(bulk, rows.get(0).getAttribute("data-uuid"));
        screenshot("bulks");

        // Watch it finish without a reload: the bar and the counts follow the worker.
        rows.get(0).findElement(By.cssSelector("a")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("bulk-status")));
        ((JavascriptExecutor) browser).executeScript("window.notReloaded = true;");
        wait.until(ExpectedConditions.textToBe(By.id("bulk-status"), "Finished with failures"));
        assertEquals(Boolean.TRUE, ((JavascriptExecutor) browser).executeScript("return window.notReloaded === true;"));
        assertEquals("40", browser.findElement(By.cssSelector("[data-count=complete]")).getText());
        assertEquals("1", browser.findElement(By.cssSelector("[data-count=not_retriably_failed]")).getText());

        // Open its failures: grouped by message, and the failed operation itself.
        browser.navigate().refresh();
        String groups = browser.findElement(By.cssSelector("table.failures tbody")).getText();
        assertTrue(groups.contains("A customer with the same email address already exists"), groups);
        new Select(browser.findElement(By.id("o-status"))).selectByValue("3");
        browser.findElement(By.id("filter-operations")).click();
        wait.until(ExpectedConditions.urlContains("status=3"));
        assertEquals(1, browser.findElements(By.cssSelector("article.operation")).size());
        screenshot("bulk");

        // Retry it (not retriably failed is chosen on demand): the worker runs it again and it fails again, the same way.
        WebElement retriably = browser.findElement(By.cssSelector("input[name=statuses][value='2']"));
        if (retriably.isSelected()) {
            retriably.click();
        }
        browser.findElement(By.cssSelector("input[name=statuses][value='3']")).click();
        browser.findElement(By.id("retry")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("notice"), "1 operation(s) re-queued."));
        wait.until(ExpectedConditions.textToBe(By.id("bulk-status"), "Finished with failures"));
        browser.findElement(By.id("acknowledge")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("notice"), "The bulk is acknowledged."));

        // The overview, and the log on a phone.
        browser.findElement(By.linkText("Overview")).click();
        wait.until(ExpectedConditions.titleContains("Overview"));
        assertFalse(browser.findElement(By.id("open-operations")).getText().isBlank());
        screenshot("overview");
        browser.manage().window().setSize(new Dimension(390, 844));
        browser.get(console + "/bulks?text=" + bulk);
        wait.until(ExpectedConditions.titleContains("Bulk actions log"));
        screenshot("bulks-phone");
        browser.manage().window().setSize(new Dimension(1280, 900));

        // Upload a Magento product file: row 2 and row 3 have a product type that does not exist.
        String sku = "cons-" + tag + "-";
        String csv = "sku,attribute_set_code,product_type,product_websites,name,price\n"
                + sku + "1,Default,simple,base," + csv(XSS_SCRIPT) + ",11\n"
                + sku + "2,Default,bogus,base," + csv(XSS_IMG) + ",12\n"
                + sku + "3,Default,bogus,base,Fusion Backpack,13\n"
                + sku + "4,Default,simple,base,Joust Duffle Bag,14\n";
        Path file = Files.createTempDirectory("console-import").resolve("products-" + tag + ".csv");
        Files.writeString(file, csv, StandardCharsets.UTF_8);
        browser.findElement(By.linkText("Imports")).click();
        wait.until(ExpectedConditions.titleContains("Imports"));
        browser.findElement(By.id("new-import")).click();
        wait.until(ExpectedConditions.titleContains("New import"));
        browser.findElement(By.id("file")).sendKeys(file.toString());
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("start-section")));
        assertEquals("100", browser.findElement(By.id("upload-bar")).getAttribute("value"));
        assertEquals(file.getFileName().toString(), browser.findElement(By.id("report-filename")).getText());
        assertEquals("4", browser.findElement(By.id("report-rows")).getText());
        assertEquals("sku, attribute_set_code, product_type, product_websites, name, price",
                browser.findElement(By.id("report-columns")).getText());
        new Select(browser.findElement(By.id("import-type"))).selectByValue("catalog_product");
        new Select(browser.findElement(By.id("strategy"))).selectByValue("skip-errors");
        // A mapping and a converting rule through the form: name stays name; the SKU is upper-cased.
        browser.findElement(By.id("add-mapping")).click();
        new Select(browser.findElement(By.id("mapping-source-0"))).selectByValue("name");
        browser.findElement(By.id("mapping-target-0")).sendKeys("name");
        WebElement rules = browser.findElement(By.id("rules"));
        rules.clear();
        rules.sendKeys("not json");
        browser.findElement(By.id("start")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("start-error"), "not valid JSON"));
        rules.clear();
        rules.sendKeys("[{\"identifier\": \"string_to_upper\", \"applyTo\": [\"sku\"]}]");
        screenshot("import-new");
        browser.findElement(By.id("start")).click();

        // Follow it: 2 rows complete, 2 failed with the type's message.
        wait.until(ExpectedConditions.urlMatches(".*/console/imports/[0-9a-f-]{36}$"));
        String importUuid = browser.getCurrentUrl().replaceAll(".*/", "");
        wait.until(ExpectedConditions.attributeToBe(By.id("import-status"), "data-status", "complete_with_errors"));
        assertEquals("2", browser.findElement(By.cssSelector("[data-count=complete]")).getText());
        assertEquals("2", browser.findElement(By.cssSelector("[data-count=failed]")).getText());
        String errors = browser.findElement(By.cssSelector("#import-errors tbody")).getText();
        assertTrue(errors.contains("Product Type is invalid or not supported"), errors);
        given().baseUri(system.ingestUrl()).header("Authorization", bearer).get("/rest/V1/products/" + sku.toUpperCase() + "1")
                .then().statusCode(200);
        String bulkLink = browser.findElement(By.id("import-bulk")).getAttribute("href");
        assertTrue(bulkLink.matches(".*/console/bulks/[0-9a-f-]{36}"), bulkLink);

        // Another operator does not see it: ingest answers 404 through the forward, as for a uuid never issued.
        String other = "cons" + tag;
        given().baseUri(system.ingestUrl()).header("Authorization", bearer).contentType(ContentType.JSON)
                .body("{\"user\": {\"username\": \"" + other + "\", \"password\": \"Console-pass-1\", \"resources\": [\"Magento_ImportExport::import\"]}}")
                .post("/rest/V1/users").then().statusCode(200);
        String otherSession = signInOverHttp(other, "Console-pass-1");
        given().baseUri(system.statusUrl()).cookie("cb_console", otherSession).get("/console/imports/api/imports/" + importUuid)
                .then().statusCode(404);

        // Download the failed rows (what the link serves, read in the page with the session): rows 2 and 3.
        String failedCsv = (String) ((JavascriptExecutor) browser).executeAsyncScript(
                "var done = arguments[arguments.length - 1];"
                        + "fetch(document.getElementById('download-failed').href).then(function (r) { return r.text(); }).then(done);");
        String[] lines = failedCsv.split("\n");
        assertEquals(3, lines.length, failedCsv);
        assertTrue(lines[0].startsWith("sku,attribute_set_code,product_type,product_websites,name,price,row,error"), lines[0]);
        assertTrue(lines[1].contains(",bogus,") && lines[1].contains(",2,"), lines[1]);

        // Fix row 2 inline: the product type becomes simple; it runs again and completes.
        browser.findElement(By.id("show-failed")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("failed-row-3")));
        assertEquals(XSS_IMG, browser.findElement(By.cssSelector("#failed-row-2 input[data-column=name]")).getAttribute("value"));
        WebElement type = browser.findElement(By.cssSelector("#failed-row-2 input[data-column=product_type]"));
        type.clear();
        type.sendKeys("simple");
        screenshot("import");
        browser.findElement(By.id("fix-2")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#failed-row-2 .fix-result"), "Row 2 runs again."));
        wait.until(ExpectedConditions.textToBe(By.cssSelector("[data-count=complete]"), "3"));

        // Resubmit row 3 corrected, as the edited download.
        Path corrected = file.resolveSibling("failed-corrected.csv");
        Files.writeString(corrected, lines[0] + "\n" + lines[2].replace(",bogus,", ",simple,") + "\n", StandardCharsets.UTF_8);
        browser.findElement(By.id("resubmit-file")).sendKeys(corrected.toString());
        browser.findElement(By.id("resubmit")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("resubmit-result"), "1 row(s) run again."));
        wait.until(ExpectedConditions.attributeToBe(By.id("import-status"), "data-status", "complete"));
        assertEquals("4", browser.findElement(By.cssSelector("[data-count=complete]")).getText());
        given().baseUri(system.ingestUrl()).header("Authorization", bearer).get("/rest/V1/products/" + sku.toUpperCase() + "3")
                .then().statusCode(200);

        // The list shows it.
        browser.findElement(By.linkText("Imports")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#imports tr[data-uuid='" + importUuid + "']")));
        screenshot("imports");
        // The import on a phone.
        browser.manage().window().setSize(new Dimension(390, 844));
        browser.get(console + "/imports/" + importUuid);
        wait.until(ExpectedConditions.attributeToBe(By.id("import-status"), "data-status", "complete"));
        screenshot("import-phone");
        browser.manage().window().setSize(new Dimension(1280, 900));

        // Sign out: the session is gone, the log leads to sign-in again, the forward refuses the old session.
        browser.findElement(By.id("sign-out")).click();
        wait.until(ExpectedConditions.titleContains("Sign in"));
        browser.get(console + "/imports");
        wait.until(ExpectedConditions.titleContains("Sign in"));
    }

    @Test
    void markupInOperationAndImportDataIsShownAsText() throws Exception {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String bulk = given().baseUri(system.ingestUrl()).header("Authorization", bearer).contentType(ContentType.JSON)
                .body(List.of(Map.of("product", Map.of("sku", "xss-" + tag, "name", XSS_SCRIPT, "price", 10, "attribute_set_id", 4,
                        "type_id", "simple"))))
                .post("/rest/async/bulk/V1/products").then().statusCode(202).extract().path("bulk_uuid");
        WebDriverWait wait = new WebDriverWait(browser, WAIT);
        signIn(wait);
        browser.get(console + "/bulks/" + bulk);
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("operation-0")));
        assertNoMarkupRan();
        assertTrue(browser.findElement(By.cssSelector("#operation-0 pre")).getText().contains(XSS_SCRIPT),
                browser.findElement(By.cssSelector("#operation-0 pre")).getText());
        ((JavascriptExecutor) browser).executeScript("document.getElementById('operation-0').scrollIntoView();");
        screenshot("escaping");

        // An import: a file name, a column name, cells and the row's message made of markup.
        String csv = "product.sku," + csv("product." + XSS_IMG) + ",product.name,product.price,product.attribute_set_id,product.type_id\n"
                + "xssi-" + tag + ",x," + csv(XSS_SCRIPT) + ",not-a-price,4,simple\n";
        String fileName = "<img src=x onerror=alert(2)>.csv";
        browser.get(console + "/imports/new");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("dropzone")));
        // Dropped on the page, as an operator drags a file from the desktop.
        ((JavascriptExecutor) browser).executeScript("var transfer = new DataTransfer();"
                + "transfer.items.add(new File([arguments[0]], arguments[1], {type: 'text/csv'}));"
                + "document.getElementById('dropzone').dispatchEvent(new DragEvent('drop', {dataTransfer: transfer, bubbles: true, cancelable: true}));",
                csv, fileName);
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("start-section")));
        assertEquals(fileName, browser.findElement(By.id("report-filename")).getText());
        assertTrue(browser.findElement(By.id("report-columns")).getText().contains("product." + XSS_IMG));
        assertNoMarkupRan();
        new Select(browser.findElement(By.id("import-type"))).selectByValue("route");
        new Select(browser.findElement(By.id("strategy"))).selectByValue("skip-errors");
        browser.findElement(By.id("start")).click();
        wait.until(ExpectedConditions.urlMatches(".*/console/imports/[0-9a-f-]{36}$"));
        wait.until(ExpectedConditions.attributeToBe(By.id("import-status"), "data-status", "complete_with_errors"));
        browser.findElement(By.id("show-failed")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#failed-row-1")));
        String message = browser.findElement(By.cssSelector("#failed-row-1 .message")).getText();
        assertFalse(message.isBlank());
        assertNoMarkupRan();
        browser.findElement(By.id("sign-out")).click();
        wait.until(ExpectedConditions.titleContains("Sign in"));
    }

    private static void assertNoMarkupRan() {
        assertThrows(NoAlertPresentException.class, () -> browser.switchTo().alert());
        assertEquals(0, browser.findElements(By.cssSelector("main img")).size(), "no <img> was created from the data");
        for (WebElement script : browser.findElements(By.tagName("script"))) {
            assertTrue(script.getAttribute("src").matches(".*/console/static/(console|imports)\\.js"), script.getAttribute("outerHTML"));
        }
    }

    private static void signIn(WebDriverWait wait) {
        browser.manage().window().setSize(new Dimension(1280, 900));
        browser.get(console + "/sign-in");
        browser.findElement(By.id("username")).sendKeys("admin");
        browser.findElement(By.id("password")).sendKeys("admin123");
        browser.findElement(By.id("sign-in")).click();
        wait.until(ExpectedConditions.titleContains("Bulk actions log"));
    }

    /** Signs in by the form over plain HTTP, as a second browser would; answers the session cookie. */
    private static String signInOverHttp(String username, String password) {
        Response form = given().baseUri(system.statusUrl()).redirects().follow(false).get("/console/sign-in");
        Matcher csrf = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"").matcher(form.asString());
        assertTrue(csrf.find());
        Response signedIn = given().baseUri(system.statusUrl()).redirects().follow(false).contentType("application/x-www-form-urlencoded")
                .cookie("cb_console_signin", form.getCookie("cb_console_signin")).formParam("csrf", csrf.group(1))
                .formParam("method", "password").formParam("username", username).formParam("password", password)
                .post("/console/sign-in");
        signedIn.then().statusCode(303);
        return signedIn.getCookie("cb_console");
    }

    private static Map<String, Object> customer(String email) {
        return Map.of("customer", Map.of("email", email, "firstname", "Console", "lastname", "Tester"));
    }

    private static String csv(String value) {
        return "\"" + value.replace("\"", "\"\"") + "\"";
    }

    private static void screenshot(String page) throws IOException {
        Path shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
        Path root = Path.of(System.getProperty("project.root", ".."));
        Path target = root.resolve("e2e-tests/target/console-screenshots");
        Files.createDirectories(target);
        Files.copy(shot, target.resolve(page + ".png"), StandardCopyOption.REPLACE_EXISTING);
        if (Boolean.getBoolean("docs.update")) {
            Path docs = root.resolve("docs/console");
            Files.createDirectories(docs);
            Files.copy(shot, docs.resolve(page + ".png"), StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
