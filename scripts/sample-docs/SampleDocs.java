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
 * Renders the demo tenant's documents from the plain-text sources beside this file ("# " title, "## " heading, other
 * lines paragraphs): the service guide as a PDF, the terms as a DOCX. Run with scripts/sample-docs/generate.sh.
 */
public class SampleDocs {

    public static void main(String[] args) throws Exception {
        Path here = Path.of(args[0]);
        Path out = Path.of(args[1]);
        pdf(Files.readAllLines(here.resolve("lumen-fibre.txt")), out.resolve("lumen-fibre-service-guide.pdf"));
        docx(Files.readAllLines(here.resolve("lumen-fibre-terms.txt")), out.resolve("lumen-fibre-terms.docx"));
    }

    static void pdf(List<String> lines, Path target) throws Exception {
        try (PDDocument doc = new PDDocument()) {
            var regular = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
            var bold = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);
            PDDocumentInformation info = new PDDocumentInformation();
            info.setTitle(lines.get(0).substring(2));
            info.setAuthor("Lumen Fibre");
            doc.setDocumentInformation(info);
            // A fixed seed for the trailer ID keeps the file byte-for-byte reproducible.
            doc.setDocumentId(20261121L);
            float margin = 60, width = PDRectangle.A4.getWidth() - 2 * margin;
            PDPage page = null;
            PDPageContentStream cs = null;
            float y = 0;
            for (String line : lines) {
                if (line.isBlank()) continue;
                boolean title = line.startsWith("# "), heading = line.startsWith("## ");
                String text = title ? line.substring(2) : heading ? line.substring(3) : line;
                float size = title ? 20 : heading ? 14 : 11;
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

    static void docx(List<String> lines, Path target) throws Exception {
        try (XWPFDocument doc = new XWPFDocument()) {
            defineHeadingStyles(doc);
            doc.getProperties().getCoreProperties().setTitle(lines.get(0).substring(2));
            doc.getProperties().getCoreProperties().setCreator("Lumen Fibre");
            for (String line : lines) {
                if (line.isBlank()) continue;
                XWPFParagraph p = doc.createParagraph();
                XWPFRun run = p.createRun();
                if (line.startsWith("# ")) {
                    p.setStyle("Title");
                    run.setBold(true);
                    run.setFontSize(20);
                    run.setText(line.substring(2));
                } else if (line.startsWith("## ")) {
                    p.setStyle("Heading1");
                    run.setBold(true);
                    run.setFontSize(14);
                    run.setText(line.substring(3));
                } else {
                    run.setText(line);
                }
            }
            try (var os = new FileOutputStream(target.toFile())) {
                doc.write(os);
            }
        }
    }
}
