package dev.grounded.knowledge.internal;

import dev.grounded.knowledge.internal.ChunkCurations.Curation;
import dev.grounded.retrieval.ChunkMetadata;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.ai.document.Document;

/**
 * Applies a document's curations to a new reading of it: a curation follows its passage (found by the hash of the
 * text as ingested) to its new position; an edited passage is indexed with the edited text, a disabled one not at all.
 * A curation whose passage the new reading no longer holds is dropped.
 *
 * @param indexed the chunks to index, in order
 * @param curations the curations that carried over, at their new positions
 */
record CurationCarryOver(List<Document> indexed, List<Curation> curations) {

    static CurationCarryOver apply(List<Document> chunks, Collection<Curation> curated) {
        Map<String, Deque<Curation>> bySha = new HashMap<>();
        curated.forEach(c -> bySha.computeIfAbsent(c.originalSha(), sha -> new ArrayDeque<>())
                .add(c));
        List<Document> indexed = new ArrayList<>(chunks.size());
        List<Curation> kept = new ArrayList<>();
        for (Document chunk : chunks) {
            Deque<Curation> same = bySha.get(ChunkCurations.sha256(chunk.getText()));
            Curation curation = same == null ? null : same.pollFirst();
            if (curation == null) {
                indexed.add(chunk);
                continue;
            }
            int page = ChunkMetadata.integer(chunk, ChunkMetadata.PAGE);
            kept.add(new Curation(
                    ChunkMetadata.integer(chunk, ChunkMetadata.CHUNK_INDEX),
                    curation.originalSha(),
                    chunk.getText(),
                    ChunkMetadata.string(chunk, ChunkMetadata.SECTION),
                    page > 0 ? page : null,
                    ChunkMetadata.string(chunk, ChunkMetadata.LANGUAGE),
                    curation.editedText(),
                    curation.disabled(),
                    curation.updatedBy(),
                    curation.updatedAt()));
            if (curation.disabled()) {
                continue;
            }
            if (curation.edited()) {
                Map<String, Object> metadata = new HashMap<>(chunk.getMetadata());
                metadata.put(ChunkMetadata.EDITED, true);
                indexed.add(chunk.mutate()
                        .text(curation.editedText())
                        .metadata(metadata)
                        .build());
            } else {
                indexed.add(chunk);
            }
        }
        return new CurationCarryOver(indexed, kept);
    }

    int dropped(Collection<Curation> curated) {
        return curated.size() - curations.size();
    }
}
