package dev.grounded.knowledge.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.junit.jupiter.api.Test;

/** A PDF's paragraph keeps its line breaks; a word hyphenated across two lines is one word again in the text. */
class PdfLineBreaksTest {

    private final TikaExtraction parser = new TikaExtraction(new TikaExtraction.Settings(5_000_000, 2, false));

    @Test
    void aWordBrokenAtALinesEndIsJoinedAndAHyphenThatBelongsToTheWordIsKept() throws Exception {
        byte[] pdf = pdf(List.of(
                "Members of the loyalty programme collect points on every adip-",
                "iscing treatment and on hygiene check-ups booked through the Covid-",
                "19 waiting list, and the state-",
                "Funded scheme pays the rest."));

        var outcome = parser.extract(pdf, "hyphens.pdf");
        assertThat(outcome).isInstanceOf(ParseOutcome.Parsed.class);
        String text = ((ParseOutcome.Parsed) outcome)
                .blocks().stream().map(Object::toString).collect(Collectors.joining("\n"));

        assertThat(text).contains("every adipiscing treatment").doesNotContain("adip- iscing");
        assertThat(text).contains("hygiene check-ups");
        assertThat(text).contains("Covid-19 waiting list");
        assertThat(text).contains("state-Funded scheme");
    }

    private static byte[] pdf(List<String> lines) throws IOException {
        try (var document = new PDDocument()) {
            var page = new PDPage();
            document.addPage(page);
            try (var content = new PDPageContentStream(document, page)) {
                content.beginText();
                content.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 11);
                content.setLeading(14);
                content.newLineAtOffset(72, 700);
                for (String line : lines) {
                    content.showText(line);
                    content.newLine();
                }
                content.endText();
            }
            var out = new ByteArrayOutputStream();
            document.save(out);
            return out.toByteArray();
        }
    }
}
