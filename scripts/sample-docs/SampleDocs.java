import java.io.FileOutputStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFRun;
import org.apache.poi.xwpf.usermodel.XWPFStyle;
import org.apache.poi.xwpf.usermodel.XWPFStyles;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTStyle;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.STStyleType;

/**
 * Renders the demo tenants' documents from the plain-text sources beside this file ("# " title, "## " and "### "
 * headings, "| a | b |" table rows, the first row of a table its header, other lines paragraphs) as PDF or DOCX. Run
 * with scripts/sample-docs/generate.sh; the output is byte-for-byte reproducible.
 */
public class SampleDocs {

    public static void main(String[] args) throws Exception {
        Path here = Path.of(args[0]);
        Path out = Path.of(args[1]);
        Path lumen = out.resolve("lumen-fibre");
        Path dental = Files.createDirectories(out.resolve("brightsmile-dental"));
        pdf(read(here, "lumen-fibre.txt"), lumen.resolve("lumen-fibre-service-guide.pdf"), "Lumen Fibre");
        docx(read(here, "lumen-fibre-terms.txt"), lumen.resolve("lumen-fibre-terms.docx"), "Lumen Fibre");
        docx(read(here, "lumen-fibre-price-list.txt"), lumen.resolve("lumen-fibre-price-list.docx"), "Lumen Fibre");
        pdf(read(here, "brightsmile-patient-guide.txt"), dental.resolve("brightsmile-patient-guide.pdf"),
                "Brightsmile Dental");
        docx(read(here, "brightsmile-price-list.txt"), dental.resolve("brightsmile-price-list.docx"),
                "Brightsmile Dental");
        docx(read(here, "brightsmile-guia-del-paciente.txt"), dental.resolve("brightsmile-guia-del-paciente.docx"),
                "Brightsmile Dental");
    }

    static List<String> read(Path here, String name) throws Exception {
        return Files.readAllLines(here.resolve(name));
    }

    static boolean isRow(String line) {
        return line.startsWith("|") && line.endsWith("|");
    }

    static List<String> cells(String row) {
        List<String> cells = new ArrayList<>();
        for (String cell : row.substring(1, row.length() - 1).split("\\|")) {
            cells.add(cell.strip());
        }
        return cells;
    }

    static void pdf(List<String> lines, Path target, String author) throws Exception {
        try (PDDocument doc = new PDDocument()) {
            var regular = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
            var bold = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);
            PDDocumentInformation info = new PDDocumentInformation();
            info.setTitle(lines.get(0).substring(2));
            info.setAuthor(author);
            doc.setDocumentInformation(info);
            // A fixed seed for the trailer ID keeps the file byte-for-byte reproducible.
            doc.setDocumentId(20261121L);
            float margin = 60, width = PDRectangle.A4.getWidth() - 2 * margin;
            PDPage page = null;
            PDPageContentStream cs = null;
            float y = 0;
            boolean header = true;
            for (String line : lines) {
                if (line.isBlank()) continue;
                if (isRow(line)) {
                    // A table row: cells at fixed columns, the header row bold.
                    List<String> cells = cells(line);
                    float size = 10, column = width / cells.size();
                    if (cs == null || y - size * 1.6f < margin) {
                        if (cs != null) cs.close();
                        page = new PDPage(PDRectangle.A4);
                        doc.addPage(page);
                        cs = new PDPageContentStream(doc, page);
                        y = PDRectangle.A4.getHeight() - margin;
                    }
                    y -= size * 1.6f;
                    for (int i = 0; i < cells.size(); i++) {
                        cs.beginText();
                        cs.setFont(header ? bold : regular, size);
                        cs.newLineAtOffset(margin + i * column, y);
                        cs.showText(cells.get(i));
                        cs.endText();
                    }
                    header = false;
                    continue;
                }
                header = true;
                boolean title = line.startsWith("# "), heading = line.startsWith("## "), sub = line.startsWith("### ");
                String text = title ? line.substring(2) : heading ? line.substring(3) : sub ? line.substring(4) : line;
                heading = heading || sub;
                float size = title ? 20 : sub ? 12 : heading ? 14 : 11;
                var font = title || heading ? bold : regular;
                List<String> wrapped = wrap(text, font, size, width);
                float needed = wrapped.size() * size * 1.4f + (heading ? 14 : 6);
                if (cs == null || y - needed < margin) {
                    if (cs != null) cs.close();
                    page = new PDPage(PDRectangle.A4);
                    doc.addPage(page);
                    cs = new PDPageContentStream(doc, page);
                    y = PDRectangle.A4.getHeight() - margin;
                }
                y -= heading ? 14 : 6;
                for (String w : wrapped) {
                    y -= size * 1.4f;
                    cs.beginText();
                    cs.setFont(font, size);
                    cs.newLineAtOffset(margin, y);
                    cs.showText(w);
                    cs.endText();
                }
            }
            cs.close();
            doc.save(target.toFile());
        }
    }

    static List<String> wrap(String text, PDType1Font font, float size, float width) throws Exception {
        List<String> out = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.split(" ")) {
            String candidate = line.isEmpty() ? word : line + " " + word;
            if (font.getStringWidth(candidate) / 1000 * size > width && !line.isEmpty()) {
                out.add(line.toString());
                line = new StringBuilder(word);
            } else {
                line = new StringBuilder(candidate);
            }
        }
        if (!line.isEmpty()) out.add(line.toString());
        return out;
    }

    /** Word recognises headings by styles that the document defines; a bare style id is just a name. */
    static void defineHeadingStyles(XWPFDocument doc) {
        XWPFStyles styles = doc.createStyles();
        for (int level = 1; level <= 3; level++) {
            CTStyle style = CTStyle.Factory.newInstance();
            style.setStyleId("Heading" + level);
            style.setType(STStyleType.PARAGRAPH);
            style.addNewName().setVal("heading " + level);
            style.addNewPPr().addNewOutlineLvl().setVal(BigInteger.valueOf(level - 1));
            styles.addStyle(new XWPFStyle(style, styles));
        }
    }

    static void docx(List<String> lines, Path target, String author) throws Exception {
        try (XWPFDocument doc = new XWPFDocument()) {
            defineHeadingStyles(doc);
            doc.getProperties().getCoreProperties().setTitle(lines.get(0).substring(2));
            doc.getProperties().getCoreProperties().setCreator(author);
            // Fixed document dates: regenerating an unchanged source changes no visible property.
            doc.getProperties().getCoreProperties().setCreated("2026-11-21T00:00:00Z");
            doc.getProperties().getCoreProperties().setModified("2026-11-21T00:00:00Z");
            List<List<String>> rows = new ArrayList<>();
            for (String line : lines) {
                if (isRow(line)) {
                    rows.add(cells(line));
                    continue;
                }
                if (!rows.isEmpty()) {
                    table(doc, rows);
                    rows = new ArrayList<>();
                }
                if (line.isBlank()) continue;
                XWPFParagraph p = doc.createParagraph();
                XWPFRun run = p.createRun();
                if (line.startsWith("# ")) {
                    p.setStyle("Title");
                    run.setBold(true);
                    run.setFontSize(20);
                    run.setText(line.substring(2));
                } else if (line.startsWith("### ")) {
                    p.setStyle("Heading2");
                    run.setBold(true);
                    run.setFontSize(12);
                    run.setText(line.substring(4));
                } else if (line.startsWith("## ")) {
                    p.setStyle("Heading1");
                    run.setBold(true);
                    run.setFontSize(14);
                    run.setText(line.substring(3));
                } else {
                    run.setText(line);
                }
            }
            if (!rows.isEmpty()) {
                table(doc, rows);
            }
            try (var os = new FileOutputStream(target.toFile())) {
                doc.write(os);
            }
        }
    }

    static void table(XWPFDocument doc, List<List<String>> rows) {
        var table = doc.createTable(rows.size(), rows.get(0).size());
        for (int r = 0; r < rows.size(); r++) {
            for (int c = 0; c < rows.get(r).size(); c++) {
                var cell = table.getRow(r).getCell(c);
                XWPFRun run = cell.getParagraphs().get(0).createRun();
                run.setText(rows.get(r).get(c));
                run.setBold(r == 0);
            }
        }
    }
}
