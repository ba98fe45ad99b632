package dev.grounded.evaluation;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * A tenant evaluation dataset, read from JSONL or CSV (see {@code evals/README.md}).
 *
 * @param version the SHA-256 of the cases (not of the file's bytes): the same cases read from JSONL or CSV, with or
 *     without comments, are the same version, so a stored run says exactly which cases it ran
 */
public record EvalDataset(String name, String version, List<EvalCase> cases) {

    /** The columns a CSV dataset may have; {@code id} and {@code question} are required. */
    public static final List<String> CSV_COLUMNS = List.of(
            "id",
            "question",
            "conversation",
            "language",
            "expected_answer",
            "expected_sources",
            "expect",
            "handoff_reason",
            "tags");

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");
    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    public EvalDataset {
        cases = List.copyOf(cases);
    }

    /** A dataset of these cases, its version computed from them. */
    public static EvalDataset of(String name, List<EvalCase> cases) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("A dataset name is 1 to 100 letters, digits, '.', '_' or '-': " + name);
        }
        if (cases.isEmpty()) {
            throw new IllegalArgumentException(name + " holds no cases");
        }
        return new EvalDataset(name, sha256(JSON.writeValueAsBytes(cases)), cases);
    }

    /** Reads a dataset file; CSV when its name ends in {@code .csv}, JSONL otherwise. */
    public static EvalDataset load(Path file) {
        try {
            return parse(file.getFileName().toString(), Files.readAllBytes(file));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the dataset " + file, e);
        }
    }

    /**
     * Reads a dataset from a file's name and bytes; the name without its extension names the dataset. A malformed
     * line, a case without id or question, an unknown field or column, or a repeated id is an error naming the line.
     */
    public static EvalDataset parse(String fileName, byte[] bytes) {
        String text = new String(bytes, StandardCharsets.UTF_8).replace("\uFEFF", "");
        boolean csv = fileName.toLowerCase(Locale.ROOT).endsWith(".csv");
        List<EvalCase> cases = csv ? csv(fileName, text) : jsonl(fileName, text);
        return of(fileName.replaceFirst("\\.(?i:jsonl|ndjson|json|csv)$", ""), cases);
    }

    private static List<EvalCase> jsonl(String fileName, String text) {
        Cases cases = new Cases(fileName);
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("//")) {
                continue;
            }
            try {
                cases.add(i + 1, JSON.readValue(line, EvalCase.class));
            } catch (JacksonException e) {
                throw new IllegalArgumentException(fileName + " line " + (i + 1) + ": " + e.getOriginalMessage());
            }
        }
        return cases.list;
    }

    private static List<EvalCase> csv(String fileName, String text) {
        var format = CSVFormat.DEFAULT
                .builder()
                .setHeader()
                .setSkipHeaderRecord(true)
                .setTrim(true)
                .setIgnoreEmptyLines(true)
                .get();
        Cases cases = new Cases(fileName);
        try (CSVParser parser = format.parse(new StringReader(text))) {
            List<String> header = parser.getHeaderNames();
            for (String column : header) {
                if (!CSV_COLUMNS.contains(column)) {
                    throw new IllegalArgumentException(fileName + ": unknown column '" + column + "' (columns: "
                            + String.join(", ", CSV_COLUMNS) + ")");
                }
            }
            if (!header.containsAll(List.of("id", "question"))) {
                throw new IllegalArgumentException(
                        fileName + ": the header row needs at least the columns id and question");
            }
            for (CSVRecord row : parser) {
                long line = parser.getCurrentLineNumber();
                cases.add(
                        line,
                        new EvalCase(
                                cell(row, "id"),
                                cell(row, "question"),
                                lines(cell(row, "conversation")),
                                cell(row, "language"),
                                cell(row, "expected_answer"),
                                list(cell(row, "expected_sources")),
                                expect(fileName, line, cell(row, "expect")),
                                cell(row, "handoff_reason"),
                                list(cell(row, "tags"))));
            }
        } catch (IOException | UncheckedIOException e) {
            throw new IllegalArgumentException(fileName + " is not valid CSV: " + e.getMessage());
        }
        return cases.list;
    }

    /** The cases read so far, checked as they come. */
    private static final class Cases {
        private final String fileName;
        private final List<EvalCase> list = new ArrayList<>();
        private final Set<String> ids = new HashSet<>();

        Cases(String fileName) {
            this.fileName = fileName;
        }

        void add(long line, EvalCase evalCase) {
            String where = fileName + " line " + line + ": ";
            if (evalCase.id() == null || evalCase.id().isBlank()) {
                throw new IllegalArgumentException(where + "the case has no id");
            }
            if (evalCase.question() == null || evalCase.question().isBlank()) {
                throw new IllegalArgumentException(where + "case " + evalCase.id() + " has no question");
            }
            if (!ids.add(evalCase.id())) {
                throw new IllegalArgumentException(where + "the id " + evalCase.id() + " is used twice");
            }
            list.add(evalCase);
        }
    }

    private static String cell(CSVRecord row, String column) {
        if (!row.isMapped(column) || !row.isSet(column)) {
            return null;
        }
        String value = row.get(column);
        return value.isBlank() ? null : value;
    }

    /** One earlier message per line of the cell. */
    private static List<String> lines(String cell) {
        return cell == null
                ? List.of()
                : cell.lines().map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    /** Items separated by {@code ;}, as in the quick replies' CSV. */
    private static List<String> list(String cell) {
        return cell == null
                ? List.of()
                : Arrays.stream(cell.split(";"))
                        .map(String::strip)
                        .filter(s -> !s.isEmpty())
                        .toList();
    }

    private static EvalCase.Expect expect(String fileName, long line, String cell) {
        if (cell == null) {
            return null;
        }
        try {
            return EvalCase.Expect.valueOf(cell.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    fileName + " line " + line + ": expect is answer, refuse or handoff, not '" + cell + "'");
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
