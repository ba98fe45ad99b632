package dev.grounded.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Builds a minimal but real DOCX from WordprocessingML body XML, with heading styles and a page header, so tests
 * control exactly what a Word file contains (tracked changes included).
 */
public final class Docx {

    private static final String W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
    private static final String R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

    private final StringBuilder body = new StringBuilder();
    private String header;

    public Docx heading(int level, String text) {
        body.append("<w:p><w:pPr><w:pStyle w:val=\"Heading")
                .append(level)
                .append("\"/></w:pPr>")
                .append(run(text))
                .append("</w:p>");
        return this;
    }

    public Docx paragraph(String text) {
        body.append("<w:p>").append(run(text)).append("</w:p>");
        return this;
    }

    /** A paragraph whose second part was deleted with change tracking on. */
    public Docx paragraphWithDeletion(String kept, String deleted) {
        body.append("<w:p>")
                .append(run(kept))
                .append("<w:del w:id=\"1\" w:author=\"Reviewer\" w:date=\"2026-01-01T00:00:00Z\"><w:r><w:delText>")
                .append(escape(deleted))
                .append("</w:delText></w:r></w:del></w:p>");
        return this;
    }

    public Docx table(String[]... rows) {
        body.append("<w:tbl><w:tblPr><w:tblW w:w=\"0\" w:type=\"auto\"/></w:tblPr>");
        for (String[] row : rows) {
            body.append("<w:tr>");
            for (String cell : row) {
                body.append("<w:tc><w:p>").append(run(cell)).append("</w:p></w:tc>");
            }
            body.append("</w:tr>");
        }
        body.append("</w:tbl>");
        return this;
    }

    public Docx pageHeader(String text) {
        this.header = text;
        return this;
    }

    public byte[] build() {
        var bytes = new ByteArrayOutputStream();
        try (var zip = new ZipOutputStream(bytes)) {
            put(zip, "[Content_Types].xml", """
                    <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                    <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
                    <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
                    <Default Extension="xml" ContentType="application/xml"/>
                    <Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
                    <Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>
                    <Override PartName="/word/header1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/>
                    </Types>""");
            put(zip, "_rels/.rels", """
                    <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                    <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
                    <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>
                    </Relationships>""");
            put(zip, "word/_rels/document.xml.rels", """
                    <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                    <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
                    <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>
                    <Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="header1.xml"/>
                    </Relationships>""");
            StringBuilder styles = new StringBuilder(
                    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><w:styles xmlns:w=\"" + W + "\">");
            for (int level = 1; level <= 3; level++) {
                styles.append("<w:style w:type=\"paragraph\" w:styleId=\"Heading")
                        .append(level)
                        .append("\"><w:name w:val=\"heading ")
                        .append(level)
                        .append("\"/><w:pPr><w:outlineLvl w:val=\"")
                        .append(level - 1)
                        .append("\"/></w:pPr></w:style>");
            }
            put(zip, "word/styles.xml", styles.append("</w:styles>").toString());
            put(
                    zip,
                    "word/header1.xml",
                    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><w:hdr xmlns:w=\"" + W + "\"><w:p>"
                            + run(header == null ? "" : header) + "</w:p></w:hdr>");
            put(
                    zip,
                    "word/document.xml",
                    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><w:document"
                            + " xmlns:w=\"" + W + "\" xmlns:r=\"" + R + "\"><w:body>" + body
                            + "<w:sectPr><w:headerReference w:type=\"default\" r:id=\"rId2\"/></w:sectPr></w:body></w:document>");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static String run(String text) {
        return "<w:r><w:t xml:space=\"preserve\">" + escape(text) + "</w:t></w:r>";
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static void put(ZipOutputStream zip, String name, String content) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(content.getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
    }
}
