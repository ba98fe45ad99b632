package dev.grounded.knowledge.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.poi.xslf.usermodel.XMLSlideShow;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

/**
 * Besides PDF and DOCX, the formats Tika detects for us are read with their structure: HTML and ODT headings, CSV and
 * XLSX tables, Markdown headings, lists and tables, RTF and PPTX text. Each file is made here, small and known.
 */
class OtherFormatsTest {

    private final TikaExtraction extraction = new TikaExtraction(new TikaExtraction.Settings(5_000_000, 2, false));

    private ParseOutcome.Parsed parse(byte[] content, String name) {
        ParseOutcome outcome = extraction.extract(content, name);
        assertThat(outcome).isInstanceOf(ParseOutcome.Parsed.class);
        return (ParseOutcome.Parsed) outcome;
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void htmlKeepsHeadingsAndTables() {
        var parsed = parse(
                utf8("<html><body><h1>Returns</h1><h2>Refunds</h2><p>Refunds take five days.</p>"
                        + "<table><tr><th>Item</th><th>Days</th></tr><tr><td>Router</td><td>30</td></tr></table>"
                        + "</body></html>"),
                "returns.html");

        assertThat(parsed.blocks())
                .contains(new Block.Heading(1, "Returns", 0), new Block.Heading(2, "Refunds", 0))
                .contains(new Block.Paragraph("Refunds take five days.", 0));
        assertThat(parsed.blocks()).anySatisfy(b -> assertThat(b).isInstanceOf(Block.Table.class));
    }

    @Test
    void odtKeepsHeadings() throws IOException {
        var parsed = parse(odt(), "returns.odt");

        assertThat(parsed.blocks()).contains(new Block.Heading(1, "Returns", 0));
        assertThat(parsed.text()).contains("Refunds take five days.");
    }

    @Test
    void csvAndXlsxBecomeTables() throws IOException {
        var csv = parse(utf8("plan,price\nFibre 300,29.90\nFibre 1000,44.90\n"), "prices.csv");
        assertThat(csv.text()).contains("Fibre 1000").contains("44.90");

        var workbook = new ByteArrayOutputStream();
        try (var xlsx = new XSSFWorkbook()) {
            var sheet = xlsx.createSheet("Prices");
            sheet.createRow(0).createCell(0).setCellValue("Plan");
            sheet.getRow(0).createCell(1).setCellValue("Price");
            sheet.createRow(1).createCell(0).setCellValue("Fibre 1000");
            sheet.getRow(1).createCell(1).setCellValue("44.90 EUR");
            xlsx.write(workbook);
        }
        var sheet = parse(workbook.toByteArray(), "prices.xlsx");
        assertThat(sheet.blocks())
                .anySatisfy(b -> assertThat(b).isInstanceOfSatisfying(Block.Table.class, t -> assertThat(t.rows())
                        .contains(java.util.List.of("Fibre 1000", "44.90 EUR"))));
    }

    @Test
    void rtfAndPptxGiveTheirText() throws IOException {
        assertThat(parse(utf8("{\\rtf1\\ansi {\\b Returns}\\par Refunds take five days.\\par}"), "returns.rtf")
                        .text())
                .contains("Refunds take five days.");

        var slides = new ByteArrayOutputStream();
        try (var show = new XMLSlideShow()) {
            show.createSlide().createTextBox().setText("Refunds take five days.");
            show.write(slides);
        }
        assertThat(parse(slides.toByteArray(), "returns.pptx").text()).contains("Refunds take five days.");
    }

    /** Read as plain text, a Markdown file was one section with its "#" marks in the passages. */
    @Test
    void markdownKeepsHeadingsListsAndTables() {
        var parsed = parse(utf8("""
                        # Returns

                        Refunds take **five** days.

                        ## What you need

                        - the receipt
                        - the router and its cables

                        ## Fees

                        | Item | Fee |
                        |------|-----|
                        | Router | 10 EUR |

                        <p>Closed on <em>Sundays</em>.</p>
                        """), "returns.md");

        assertThat(parsed.blocks())
                .contains(
                        new Block.Heading(1, "Returns", 0),
                        new Block.Heading(2, "What you need", 0),
                        new Block.Heading(2, "Fees", 0),
                        new Block.Paragraph("Refunds take five days.", 0),
                        new Block.Paragraph("Closed on Sundays.", 0));
        assertThat(parsed.blocks())
                .anySatisfy(b -> assertThat(b).isInstanceOfSatisfying(Block.Table.class, t -> assertThat(t.rows())
                        .contains(java.util.List.of("Router", "10 EUR"))));
        assertThat(parsed.text()).contains("the receipt").doesNotContain("#").doesNotContain("**");
    }

    @Test
    void markdownInALegacyEncodingIsReadInIt() {
        var parsed = parse(
                "# Devoluções\n\nO reembolso demora cinco dias úteis.\n".getBytes(StandardCharsets.ISO_8859_1),
                "devolucoes.md");

        assertThat(parsed.blocks()).contains(new Block.Heading(1, "Devoluções", 0));
        assertThat(parsed.text()).contains("O reembolso demora cinco dias úteis.");
    }

    private static byte[] odt() throws IOException {
        var bytes = new ByteArrayOutputStream();
        try (var zip = new ZipOutputStream(bytes)) {
            var mimetype = new ZipEntry("mimetype");
            zip.putNextEntry(mimetype);
            zip.write(utf8("application/vnd.oasis.opendocument.text"));
            zip.closeEntry();
            zip.putNextEntry(new ZipEntry("META-INF/manifest.xml"));
            zip.write(utf8("""
                    <?xml version="1.0" encoding="UTF-8"?>
                    <manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0">
                     <manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.text"/>
                     <manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>
                    </manifest:manifest>"""));
            zip.closeEntry();
            zip.putNextEntry(new ZipEntry("content.xml"));
            zip.write(utf8("""
                    <?xml version="1.0" encoding="UTF-8"?>
                    <office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
                        xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">
                     <office:body><office:text>
                      <text:h text:outline-level="1">Returns</text:h>
                      <text:p>Refunds take five days.</text:p>
                     </office:text></office:body>
                    </office:document-content>"""));
            zip.closeEntry();
        }
        return bytes.toByteArray();
    }
}
