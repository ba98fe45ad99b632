package dev.grounded.retrieval;

import static org.assertj.core.api.Assertions.assertThat;

import dev.grounded.testing.EmbeddedApplicationTest;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import tools.jackson.databind.JsonNode;

class SearchApiIT extends EmbeddedApplicationTest {

    @BeforeEach
    void demoKnowledgeIsReady() throws InterruptedException {
        api().awaitDocumentsFinished("demo", 3);
    }

    private ResponseEntity<JsonNode> search(String tenant, Map<String, Object> body) {
        return api().http()
                .post()
                .uri("/api/v1/tenants/{tenant}/search", tenant)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + API_KEY)
                .contentType(MediaType.APPLICATION_JSON)
                .body(body)
                .retrieve()
                .toEntity(JsonNode.class);
    }

    @Test
    void returnsTheFusedHitsWithEachLegsRankAndScore() {
        JsonNode hits = search("demo", Map.of("query", "restore the router to factory settings", "topK", 5))
                .getBody();

        assertThat(hits.size()).isBetween(1, 5);
        JsonNode first = hits.get(0);
        assertThat(first.get("rank").asInt()).isEqualTo(1);
        assertThat(first.get("title").asString()).isEqualTo("Lumen Fibre Service Guide");
        assertThat(first.get("text").asString()).contains("reset button");
        assertThat(first.get("keyword").get("rank").asInt()).isPositive();
        assertThat(first.get("dense").get("rank").asInt()).isPositive();
        assertThat(first.get("dense").get("score").asDouble()).isBetween(0.0, 1.0);
        for (int i = 1; i < hits.size(); i++) {
            assertThat(hits.get(i).get("fusedScore").asDouble())
                    .isLessThanOrEqualTo(hits.get(i - 1).get("fusedScore").asDouble());
        }
    }

    @Test
    void refusesABlankQueryATooLargeTopKAndAnotherTenant() {
        assertThat(search("demo", Map.of("query", " ")).getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(search("demo", Map.of("query", "router", "topK", 1000)).getStatusCode())
                .isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(search("dental", Map.of("query", "router")).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    }
}
