package dev.grounded.testing;

import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

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

    /** Asks within a conversation ({@code conversationId} from an earlier reply) and/or as a customer; either may be null. */
    public ResponseEntity<JsonNode> ask(String tenant, String question, String conversationId, String from) {
        var body = JsonMapper.builder().build().createObjectNode().put("question", question);
        if (conversationId != null) {
            body.put("conversationId", conversationId);
        }
        if (from != null) {
            body.put("from", from);
        }
        return postJson("/api/v1/tenants/" + tenant + "/ask", body.toString());
    }

    /** POSTs a JSON body (written as text by the caller) to a path of the API. */
    public ResponseEntity<JsonNode> postJson(String path, String json) {
        return sendJson(http.post(), path, json);
    }

    /** PUTs a JSON body (written as text by the caller) to a path of the API. */
    public ResponseEntity<JsonNode> putJson(String path, String json) {
        return sendJson(http.put(), path, json);
    }

    /** PATCHes a JSON body (written as text by the caller) to a path of the API. */
    public ResponseEntity<JsonNode> patchJson(String path, String json) {
        return sendJson(http.patch(), path, json);
    }

    /** PUTs a body of the given content type (a file's bytes) to a path of the API. */
    public ResponseEntity<JsonNode> put(String path, MediaType contentType, byte[] body) {
        return http.put()
                .uri(path)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + apiKey)
                .contentType(contentType)
                .body(body)
                .retrieve()
                .toEntity(JsonNode.class);
    }

    private ResponseEntity<JsonNode> sendJson(RestClient.RequestBodyUriSpec method, String path, String json) {
        return method.uri(path)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + apiKey)
                .contentType(MediaType.APPLICATION_JSON)
                .body(json)
                .retrieve()
                .toEntity(JsonNode.class);
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
    public JsonNode awaitDocumentsFinished(String tenant, int expected) {
        return Patience.await(expected + " documents of " + tenant + " ingested")
                .until(
                        () -> {
                            var response = get("/api/v1/tenants/" + tenant + "/documents");
                            if (!response.getStatusCode().is2xxSuccessful()) {
                                throw new AssertionError("Listing documents answered " + response.getStatusCode());
                            }
                            return response.getBody();
                        },
                        documents -> documents != null && documents.size() >= expected && allFinished(documents));
    }

    private static boolean allFinished(JsonNode documents) {
        for (JsonNode doc : documents) {
            String status = doc.get("status").asString();
            if (!finished(status)) {
                return false;
            }
        }
        return true;
    }

    public static boolean finished(String status) {
        return status.equals("ready") || status.equals("failed") || status.equals("rejected");
    }

    /** Uploads a file as a new document of the tenant. */
    public ResponseEntity<JsonNode> upload(String tenant, String name, byte[] content) {
        return http().post()
                .uri("/api/v1/tenants/{tenant}/documents", tenant)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + apiKey)
                .contentType(MediaType.MULTIPART_FORM_DATA)
                .body(file(name, content))
                .retrieve()
                .toEntity(JsonNode.class);
    }

    /** Uploads a file as a new document of the tenant, waits until it is ready and returns its id. */
    public String uploadReady(String tenant, String name, byte[] content) throws InterruptedException {
        String id = upload(tenant, name, content).getBody().get("id").asString();
        JsonNode doc = awaitDocument(tenant, id);
        if (!doc.get("status").asString().equals("ready")) {
            throw new AssertionError(name + " did not become ready: " + doc);
        }
        return id;
    }

    /** Uploads a new version of a document. */
    public ResponseEntity<JsonNode> replace(String tenant, String id, String name, byte[] content) {
        return http().put()
                .uri("/api/v1/tenants/{tenant}/documents/{id}", tenant, id)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + apiKey)
                .contentType(MediaType.MULTIPART_FORM_DATA)
                .body(file(name, content))
                .retrieve()
                .toEntity(JsonNode.class);
    }

    public ResponseEntity<Void> delete(String tenant, String id) {
        return http().delete()
                .uri("/api/v1/tenants/{tenant}/documents/{id}", tenant, id)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + apiKey)
                .retrieve()
                .toBodilessEntity();
    }

    /** Waits until the document is ready, failed or rejected, and returns it. */
    public JsonNode awaitDocument(String tenant, String id) {
        return Patience.await("document " + id + " of " + tenant + " ingested")
                .until(
                        () -> get("/api/v1/tenants/" + tenant + "/documents/" + id)
                                .getBody(),
                        doc -> doc != null
                                && doc.has("status")
                                && finished(doc.get("status").asString()));
    }

    private static LinkedMultiValueMap<String, Object> file(String name, byte[] content) {
        var body = new LinkedMultiValueMap<String, Object>();
        body.add("file", new ByteArrayResource(content) {
            @Override
            public String getFilename() {
                return name;
            }
        });
        return body;
    }
}
