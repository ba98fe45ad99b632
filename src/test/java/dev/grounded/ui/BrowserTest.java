package dev.grounded.ui;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import dev.grounded.testing.Browser;
import dev.grounded.testing.EmbeddedApplicationTest;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/** A console test in headless Chromium against the embedded app: a browser per test, closed after it. */
abstract class BrowserTest extends EmbeddedApplicationTest {

    protected Browser browser;

    @BeforeAll
    static void patientAssertions() {
        // The machine may be ingesting other tenants' documents meanwhile: give the UI as long as an action gets.
        PlaywrightAssertions.setDefaultAssertionTimeout(Browser.PATIENCE_MS);
    }

    @BeforeEach
    void launchBrowser() {
        browser = Browser.launch();
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    /** A grid keeps a removed row's cells in the DOM, hidden, for reuse: only visible cells count. */
    static Locator visibleCells(Locator grid, Pattern text) {
        return grid.locator("vaadin-grid-cell-content")
                .filter(new Locator.FilterOptions().setVisible(true).setHasText(text));
    }

    /**
     * Clicks a grid row until what it opens shows {@code text}: a live update may replace the grid's rows just as the
     * row is clicked, and the click then names no item (a person would click again).
     */
    static void open(Locator row, Locator opened, String text) {
        for (int attempt = 1; ; attempt++) {
            row.click();
            try {
                PlaywrightAssertions.assertThat(opened)
                        .containsText(text, new LocatorAssertions.ContainsTextOptions().setTimeout(30_000));
                return;
            } catch (AssertionError e) {
                if (attempt == 3) {
                    throw e;
                }
            }
        }
    }

    /**
     * A page at phone size neither scrolls sideways nor puts anything beyond its right edge (a grid scrolls its columns
     * and a tab bar its tabs inside themselves).
     */
    static void fitsThePhone(Page page) {
        Object outside = page.evaluate("""
                () => [...document.querySelectorAll('body *')]
                    .filter(e => !e.closest('vaadin-grid, vaadin-tabs, vaadin-dialog-overlay, vaadin-notification-container'))
                    .filter(e => { const r = e.getBoundingClientRect();
                                   return r.width > 0 && r.height > 0 && r.right > window.innerWidth + 1; })
                    .map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : ''))
                    .slice(0, 5)
                """);
        org.assertj.core.api.Assertions.assertThat((java.util.List<?>) outside)
                .as("what lies beyond the right edge of %s on a phone", page.url())
                .isEmpty();
    }

    /**
     * No text on the page is cut off: no label, value, button, tab or grid cell holds more than it shows (previews that
     * end in an ellipsis on purpose aside).
     */
    static void nothingCutOff(Page page) {
        Object cut = page.evaluate("""
                () => [...document.querySelectorAll('vaadin-grid-cell-content, vaadin-select-value-button, label,'
                        + ' vaadin-button, vaadin-tab, h2, h3, p, span')]
                    .filter(e => !e.closest('.inbox-preview, vaadin-dialog-overlay, vaadin-notification-container'))
                    .filter(e => { const r = e.getBoundingClientRect();
                                   return r.width > 0 && r.height > 0 && e.scrollWidth > e.clientWidth + 1
                                       && getComputedStyle(e).overflowX !== 'visible'; })
                    .map(e => e.tagName.toLowerCase() + ': ' + e.textContent.trim().slice(0, 40))
                    .slice(0, 5)
                """);
        org.assertj.core.api.Assertions.assertThat((java.util.List<?>) cut)
                .as("text cut off on %s at %s px", page.url(), page.viewportSize().width)
                .isEmpty();
    }
}
