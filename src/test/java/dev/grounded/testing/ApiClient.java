package dev.grounded.testing;

import java.time.Duration;
import java.time.Instant;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;

/** Calls the running app's REST API over HTTP, returning every status instead of throwing on 4xx/5xx. */
public final class ApiClient {

    private final RestClient http;
    private final String apiKey;

    public ApiClient(int port, String apiKey) {
        this.http = RestClient.builder()
                .baseUrl("http://localhost:" + port)
                .defaultStatusHandler(HttpStatusCode::isError, (request, response) -> {})
                .build();
        this.apiKey = apiKey;
    }

    public ResponseEntity<JsonNode> ask(String tenant, String question) {
        return ask(tenant, question, apiKey);
    }

    public ResponseEntity<JsonNode> ask(String tenant, String question, String key) {
        var request = http.post()
                .uri("/api/v1/tenants/{tenant}/ask", tenant)
                .contentType(MediaType.APPLICATION_JSON)
                .body("{\"question\": \"" + question.replace("\"", "\\\"") + "\"}");
        if (key != null) {
            request = request.header(HttpHeaders.AUTHORIZATION, "Bearer " + key);
        }
        return request.retrieve().toEntity(JsonNode.class);
    }

    public ResponseEntity<JsonNode> get(String path) {
        return http.get()
                .uri(path)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + apiKey)
                .retrieve()
                .toEntity(JsonNode.class);
    }

    public RestClient http() {
        return http;
    }

    public String apiKey() {
        return apiKey;
    }

    /** Waits until the tenant has {@code expected} documents and all of them finished ingesting. */
    public JsonNode awaitDocumentsFinished(String tenant, int expected, Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        JsonNode documents = null;
        while (Instant.now().isBefore(deadline)) {
            var response = get("/api/v1/tenants/" + tenant + "/documents");
            if (!response.getStatusCode().is2xxSuccessful()) {
                throw new AssertionError("Listing documents answered " + response.getStatusCode());
            }
            documents = response.getBody();
            if (documents != null && documents.size() >= expected && allFinished(documents)) {
                return documents;
            }
            Thread.sleep(250);
        }
        throw new AssertionError(
                "Documents of " + tenant + " did not finish ingesting in " + timeout + ": " + documents);
    }

    private static boolean allFinished(JsonNode documents) {
        for (JsonNode doc : documents) {
            String status = doc.get("status").asString();
            if (!status.equals("ready") && !status.equals("failed")) {
                return false;
            }
        }
        return true;
    }
}
