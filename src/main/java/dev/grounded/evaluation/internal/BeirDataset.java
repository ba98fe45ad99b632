package dev.grounded.evaluation.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A retrieval benchmark in the BEIR layout: {@code corpus.jsonl}, {@code queries.jsonl} and {@code qrels/<split>.tsv}.
 * Only the queries the split judges are kept, in file order.
 */
record BeirDataset(
        String name, List<Doc> corpus, Map<String, String> queries, Map<String, Map<String, Integer>> qrels) {

    record Doc(String id, String title, String text) {}

    static BeirDataset load(Path dir, String split, String corpusFile, JsonMapper json) {
        Path qrelsFile = dir.resolve("qrels").resolve(split + ".tsv");
        for (Path required : List.of(dir.resolve(corpusFile), dir.resolve("queries.jsonl"), qrelsFile)) {
            if (!Files.isRegularFile(required)) {
                throw new IllegalArgumentException("Not a BEIR dataset: " + required + " is missing");
            }
        }
        Map<String, Map<String, Integer>> qrels = readQrels(qrelsFile);
        List<Doc> corpus = new ArrayList<>();
        forEachLine(dir.resolve(corpusFile), line -> {
            JsonNode node = json.readTree(line);
            corpus.add(new Doc(text(node, "_id"), text(node, "title"), text(node, "text")));
        });
        Map<String, String> queries = new LinkedHashMap<>();
        forEachLine(dir.resolve("queries.jsonl"), line -> {
            JsonNode node = json.readTree(line);
            String id = text(node, "_id");
            if (qrels.containsKey(id)) {
                queries.put(id, text(node, "text"));
            }
        });
        if (queries.isEmpty()) {
            throw new IllegalArgumentException(
                    "No query of " + dir.resolve("queries.jsonl") + " is judged in " + qrelsFile);
        }
        return new BeirDataset(dir.toAbsolutePath().normalize().getFileName().toString(), corpus, queries, qrels);
    }

    private static Map<String, Map<String, Integer>> readQrels(Path file) {
        Map<String, Map<String, Integer>> qrels = new HashMap<>();
        forEachLine(file, line -> {
            String[] fields = line.split("\t");
            if (fields.length < 3 || fields[0].equals("query-id")) {
                return;
            }
            qrels.computeIfAbsent(fields[0], q -> new HashMap<>()).put(fields[1], Integer.parseInt(fields[2].strip()));
        });
        return qrels;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? "" : value.asString();
    }

    private static void forEachLine(Path file, java.util.function.Consumer<String> consumer) {
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (!line.isBlank()) {
                    consumer.accept(line);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
