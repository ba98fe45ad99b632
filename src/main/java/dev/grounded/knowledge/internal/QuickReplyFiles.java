package dev.grounded.knowledge.internal;

import dev.grounded.knowledge.QuickReply;
import dev.grounded.knowledge.QuickReplyDraft;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Quick replies as files: a JSON array of {@code {label, answer, language, keywords: [...]}}, or CSV with the header
 * {@code label,answer,language,keywords} (keywords separated by {@code ;}). What is exported imports back unchanged.
 */
@Component
public class QuickReplyFiles {

    private static final String FORMULA_START = "=+-@\t\r";
    private static final String[] HEADER = {"label", "answer", "language", "keywords"};
    private static final CSVFormat CSV =
            CSVFormat.DEFAULT.builder().setHeader(HEADER).get();

    private final JsonMapper json;

    QuickReplyFiles(JsonMapper json) {
        this.json = json;
    }

    /** @throws IllegalArgumentException with a reason a tenant admin can act on */
    public List<QuickReplyDraft> read(String fileName, byte[] content) {
        String text = new String(content, StandardCharsets.UTF_8).replace("\uFEFF", "");
        String name = fileName == null ? "" : fileName.toLowerCase(java.util.Locale.ROOT);
        return name.endsWith(".csv")
                        || (!name.endsWith(".json") && !text.stripLeading().startsWith("["))
                ? readCsv(text)
                : readJson(text);
    }

    public String writeJson(List<QuickReply> replies) {
        return json.writerWithDefaultPrettyPrinter()
                .writeValueAsString(replies.stream()
                        .map(r -> new QuickReplyDraft(r.label(), r.answer(), r.language(), r.keywords()))
                        .toList());
    }

    public String writeCsv(List<QuickReply> replies) {
        var out = new StringWriter();
        try (var printer = new CSVPrinter(out, CSV)) {
            for (QuickReply r : replies) {
                printer.printRecord(
                        cell(r.label()), cell(r.answer()), cell(r.language()), cell(String.join(";", r.keywords())));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private List<QuickReplyDraft> readJson(String text) {
        try {
            return json.readValue(text, new TypeReference<List<QuickReplyDraft>>() {});
        } catch (JacksonException e) {
            throw new IllegalArgumentException(
                    "The JSON file is not an array of quick replies: " + e.getOriginalMessage());
        }
    }

    private List<QuickReplyDraft> readCsv(String text) {
        var format = CSVFormat.DEFAULT
                .builder()
                .setHeader()
                .setSkipHeaderRecord(true)
                .setTrim(true)
                .get();
        try (var parser = format.parse(new StringReader(text))) {
            if (!parser.getHeaderNames().containsAll(List.of("label", "answer"))) {
                throw new IllegalArgumentException(
                        "The CSV file needs a header row with at least the columns label and answer.");
            }
            List<QuickReplyDraft> drafts = new ArrayList<>();
            for (CSVRecord record : parser) {
                String keywords = value(record, "keywords");
                drafts.add(new QuickReplyDraft(
                        value(record, "label"),
                        value(record, "answer"),
                        value(record, "language"),
                        keywords == null ? List.of() : Arrays.asList(keywords.split(";"))));
            }
            return drafts;
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new IllegalArgumentException("The CSV file could not be read: " + e.getMessage());
        }
    }

    /**
     * A spreadsheet runs a cell that begins with {@code = + - @}, a tab or a carriage return as a formula: such a cell
     * is written with a leading apostrophe, which spreadsheets show as text and {@link #uncell} takes off again.
     */
    static String cell(String value) {
        return value != null && !value.isEmpty() && FORMULA_START.indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
    }

    static String uncell(String value) {
        return value != null
                        && value.length() > 1
                        && value.charAt(0) == '\''
                        && FORMULA_START.indexOf(value.charAt(1)) >= 0
                ? value.substring(1)
                : value;
    }

    private static String value(CSVRecord record, String column) {
        return record.isMapped(column) && record.isSet(column) ? uncell(record.get(column)) : null;
    }
}
