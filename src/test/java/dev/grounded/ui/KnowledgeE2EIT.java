package dev.grounded.ui;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Download;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions.HasCountOptions;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.FilePayload;
import dev.grounded.tenant.Role;
import dev.grounded.tenant.TenantId;
import dev.grounded.tenant.TenantService;
import dev.grounded.tenant.UserAccountService;
import dev.grounded.testing.Browser;
import dev.grounded.testing.Docx;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A tenant admin of a fresh tenant uploads a Word file and a PDF together in the browser, watches them become ready,
 * reads a document's chunks, edits one and switches another off, tests retrieval, and deletes a document; a file Grounded cannot read fails alone with
 * its reason. Screenshots at desktop and phone widths go to {@code target/e2e}.
 */
class KnowledgeE2EIT extends BrowserTest {

    private static final Path SCREENSHOTS = Browser.SCREENSHOTS;
    private static final Path PDF = Path.of("sample-docs", "brightsmile-dental", "brightsmile-patient-guide.pdf");
    private static final Pattern ZEPHYR = Pattern.compile("zephyr", Pattern.CASE_INSENSITIVE);
    private static final Pattern GUIDE = Pattern.compile("brightsmile.*patient guide", Pattern.CASE_INSENSITIVE);
    private static final String USER = "knowledge-admin";
    private static final String PASSWORD = "knowledge-admin-password";

    @Autowired
    private TenantService tenants;

    @Autowired
    private UserAccountService users;

    @BeforeEach
    void tenantWithAnAdmin() {
        TenantId tenant = TenantId.of("knowledge-e2e");
        if (tenants.create(tenant, "Knowledge E2E", false).isPresent()) {
            users.create(USER, PASSWORD, tenant, Role.ADMIN);
        }
    }

    @Test
    void uploadWatchReadyReadChunksTestRetrievalAndDelete() throws Exception {
        Page page = signedIn(1280, 800);
        assertThat(page.locator("#documents")).containsText("No documents yet");

        byte[] docx = new Docx()
                .heading(1, "Zephyr loyalty programme")
                .paragraph("Members of the Zephyr loyalty programme collect one point for every euro spent on"
                        + " cleanings and check-ups.")
                .heading(2, "Redeeming points")
                .paragraph("Five hundred points pay for one free whitening session at any BrightSmile clinic.")
                .build();
        page.locator("#upload input[type=file]").setInputFiles(new FilePayload[] {
            new FilePayload(
                    "zephyr-loyalty.docx",
                    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                    docx),
            new FilePayload("brightsmile-patient-guide.pdf", "application/pdf", Files.readAllBytes(PDF))
        });

        Locator documents = page.locator("#documents");
        assertThat(documents).containsText(ZEPHYR);
        assertThat(documents).containsText(GUIDE);
        assertThat(documents.getByText("Ready")).hasCount(2, new HasCountOptions().setTimeout(Browser.PATIENCE_MS));
        page.screenshot(new Page.ScreenshotOptions()
                .setPath(SCREENSHOTS.resolve("knowledge-desktop.png"))
                .setFullPage(true));

        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(Pattern.compile("Chunks of .*" + ZEPHYR)))
                .click();
        Locator chunks = page.locator("#chunks");
        assertThat(chunks).containsText("Redeeming points");
        assertThat(chunks).containsText("Five hundred points pay for one free whitening session");

        // Correct one passage (embedded again on save) and switch the other off.
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Edit passage 2"))
                .click();
        page.locator("#chunk-text textarea").fill("");
        page.locator("#chunk-save").click();
        assertThat(page.locator("#chunk-error")).containsText("cannot be empty");
        page.locator("#chunk-text textarea")
                .fill("Four hundred points pay for one free whitening session at any BrightSmile clinic.");
        page.locator("#chunk-save").click();
        assertThat(page.getByText("Passage 2 saved and embedded again")).isVisible();
        assertThat(chunks).containsText("Four hundred points pay for one free whitening session");
        assertThat(chunks).containsText("Edited");
        page.getByRole(AriaRole.CHECKBOX, new Page.GetByRoleOptions().setName("Use passage 1"))
                .click();
        assertThat(page.getByText("Passage 1 is off")).isVisible();
        assertThat(chunks).containsText("Off");
        assertThat(page.getByText(Pattern.compile("· 2 chunks, 1 off, 1 edited$")))
                .isVisible();
        page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("knowledge-chunks.png")));
        page.locator("#chunks-close").click();

        // Named .pdf, so the browser lets it through; the server finds a Windows program and says so.
        page.locator("#upload input[type=file]")
                .setInputFiles(new FilePayload("broken.pdf", "application/pdf", new byte[] {0x4d, 0x5a, 0, 1, 2, 3}));
        assertThat(page.getByText(Pattern.compile("broken\\.pdf.*Grounded cannot read")))
                .isVisible();
        assertThat(documents).not().containsText("broken");

        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Retrieval test"))
                .click();
        page.locator("#retrieval-query input").fill("How many points do I need for a free whitening?");
        page.locator("#retrieval-search").click();
        assertThat(page.locator("#retrieval-summary")).containsText("confidence threshold");
        Locator hits = page.locator("#retrieval-hits");
        assertThat(hits).containsText(ZEPHYR);
        assertThat(hits).containsText("Redeeming points");
        assertThat(hits).containsText("Above line");
        assertThat(hits).containsText("Four hundred points");
        assertThat(hits).not().containsText("Five hundred points");
        assertThat(hits).not().containsText("collect one point for every euro");
        page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("retrieval-desktop.png")));

        Page phoneRetrieval = signedIn(390, 844);
        phoneRetrieval.navigate("http://localhost:" + port + "/retrieval");
        phoneRetrieval.locator("#retrieval-query input").fill("How many points do I need for a free whitening?");
        phoneRetrieval.locator("#retrieval-search").click();
        assertThat(phoneRetrieval.locator("#retrieval-hits")).containsText("Redeeming points");
        fitsThePhone(phoneRetrieval);
        phoneRetrieval.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("retrieval-phone.png")));

        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Knowledge"))
                .click();

        // A new version in which the switched-off passage is reworded: that change no longer applies and the page
        // says so; the edited passage is unchanged in the file and keeps its edit.
        byte[] version2 = new Docx()
                .heading(1, "Zephyr loyalty programme")
                .paragraph("Members of the Zephyr loyalty programme collect two points for every euro spent on"
                        + " cleanings and check-ups.")
                .heading(2, "Redeeming points")
                .paragraph("Five hundred points pay for one free whitening session at any BrightSmile clinic.")
                .build();
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(Pattern.compile("Replace .*" + ZEPHYR)))
                .click();
        page.locator("#replace-upload input[type=file]")
                .setInputFiles(new FilePayload(
                        "zephyr-loyalty.docx",
                        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                        version2));
        assertThat(visibleCells(documents, Pattern.compile("1 change made to a passage no longer applies")))
                .hasCount(1, new HasCountOptions().setTimeout(Browser.PATIENCE_MS));
        page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("knowledge-new-version.png")));
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(Pattern.compile("Chunks of .*" + ZEPHYR)))
                .click();
        assertThat(chunks).containsText("collect two points for every euro");
        assertThat(chunks).containsText("Four hundred points pay for one free whitening session");
        assertThat(page.getByText(Pattern.compile("· 2 chunks, 1 edited$"))).isVisible();
        page.locator("#chunks-close").click();

        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(Pattern.compile("Delete .*" + ZEPHYR)))
                .click();
        page.getByRole(
                        AriaRole.BUTTON,
                        new Page.GetByRoleOptions().setName("Delete").setExact(true))
                .click();
        assertThat(page.getByText(Pattern.compile("zephyr loyalty deleted"))).isVisible();
        // The grid keeps a removed row's cells in the DOM, hidden, for reuse: only visible cells count.
        assertThat(visibleCells(documents, ZEPHYR)).hasCount(0);
        assertThat(documents).containsText(GUIDE);

        Page phone = signedIn(390, 844);
        assertThat(phone.locator("#documents")).containsText(GUIDE);
        fitsThePhone(phone);
        phone.screenshot(new Page.ScreenshotOptions()
                .setPath(SCREENSHOTS.resolve("knowledge-phone.png"))
                .setFullPage(true));
    }

    @Test
    void quickRepliesImportSearchEditAddAndExport() throws Exception {
        Page page = signedIn(1280, 800);
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Quick replies"))
                .click();
        Locator grid = page.locator("#quick-replies");

        String csv = "label,answer,language,keywords\n"
                + "Parking,There is free parking behind the clinic.,en,car;parking\n"
                + "Opening hours,We are open from 9:00 to 18:00.,en,hours\n";
        page.locator("#quick-reply-import input[type=file]")
                .setInputFiles(new FilePayload("replies.csv", "text/csv", csv.getBytes(StandardCharsets.UTF_8)));
        assertThat(page.getByText("replies.csv: 2 added, 0 updated")).isVisible();
        assertThat(grid).containsText("There is free parking behind the clinic.");

        page.locator("#quick-reply-search input").fill("parking");
        assertThat(visibleCells(grid, Pattern.compile("Opening hours"))).hasCount(0);
        assertThat(grid).containsText("Parking");

        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Edit Parking"))
                .click();
        page.locator("#quick-replies vaadin-text-area textarea").fill("Free parking is behind the clinic, gate B.");
        page.locator("#quick-reply-save").click();
        assertThat(grid).containsText("Free parking is behind the clinic, gate B.");

        page.locator("#quick-reply-search input").fill("");
        page.locator("#quick-reply-add").click();
        page.locator("#new-quick-reply-label input").fill("Insurance");
        page.locator("#new-quick-reply-save").click();
        assertThat(page.getByText("the answer is empty")).isVisible();
        page.locator("#new-quick-reply-answer textarea").fill("We work with all major dental insurers.");
        page.locator("#new-quick-reply-save").click();
        assertThat(grid).containsText("We work with all major dental insurers.");
        assertThat(grid).containsText("Opening hours");
        assertThat(page.locator("#new-quick-reply-save")).isHidden();
        page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("quick-replies-desktop.png")));

        Page phone = signedIn(390, 844);
        phone.navigate("http://localhost:" + port + "/quick-replies");
        assertThat(phone.locator("#quick-replies")).containsText("We work with all major dental insurers.");
        fitsThePhone(phone);
        phone.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("quick-replies-phone.png")));

        Download download = page.waitForDownload(
                () -> page.locator("#quick-reply-export vaadin-button").click());
        String exported = Files.readString(download.path());
        org.assertj.core.api.Assertions.assertThat(exported)
                .startsWith("label,answer,language,keywords")
                .contains("Insurance,We work with all major dental insurers.")
                .contains("\"Free parking is behind the clinic, gate B.\"");
    }

    private Page signedIn(int width, int height) {
        return browser.signedIn(port, USER, PASSWORD, width, height);
    }
}
