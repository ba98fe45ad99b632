package dev.grounded.evaluation;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * A tenant evaluation dataset read from JSONL (see {@code evals/README.md}).
 *
 * @param version the SHA-256 of the file's bytes, so a stored run says exactly which cases it ran
 */
public record EvalDataset(String name, String version, List<EvalCase> cases) {

    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    /**
     * Reads a dataset; a malformed line, a case without id or question, or a repeated id is an error naming the line.
     */
    public static EvalDataset load(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the dataset " + file, e);
        }
        List<EvalCase> cases = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        String[] lines = new String(bytes, StandardCharsets.UTF_8).split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("//")) {
                continue;
            }
            EvalCase evalCase;
            try {
                evalCase = JSON.readValue(line, EvalCase.class);
            } catch (JacksonException e) {
                throw new IllegalArgumentException(
                        file.getFileName() + " line " + (i + 1) + ": " + e.getOriginalMessage());
            }
            if (evalCase.id() == null || evalCase.id().isBlank()) {
                throw new IllegalArgumentException(file.getFileName() + " line " + (i + 1) + ": the case has no id");
            }
            if (evalCase.question() == null || evalCase.question().isBlank()) {
                throw new IllegalArgumentException(
                        file.getFileName() + " line " + (i + 1) + ": case " + evalCase.id() + " has no question");
            }
            if (!ids.add(evalCase.id())) {
                throw new IllegalArgumentException(
                        file.getFileName() + " line " + (i + 1) + ": the id " + evalCase.id() + " is used twice");
            }
            cases.add(evalCase);
        }
        if (cases.isEmpty()) {
            throw new IllegalArgumentException(file.getFileName() + " holds no cases");
        }
        String name = file.getFileName().toString().replaceFirst("\\.jsonl$", "");
        return new EvalDataset(name, sha256(bytes), List.copyOf(cases));
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
