package dev.grounded.knowledge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.grounded.testing.EmbeddedApplicationTest;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.LinkedMultiValueMap;
import tools.jackson.databind.JsonNode;

class QuickRepliesApiIT extends EmbeddedApplicationTest {

    private static final String BASE = "/api/v1/tenants/demo/quick-replies";

    @Test
    void createdQuickReplyAnswersAndAnEditIsAnsweredAtOnce() {
        var created = send("POST", BASE, """
                {"label": "Gift vouchers", "answer": "Gift vouchers of 25, 50 or 100 EUR are sold in every store.",
                 "language": "en", "keywords": ["present", "voucher"]}""");
        assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        String id = created.getBody().get("id").asString();
        assertThat(created.getBody().get("keywords").get(1).asString()).isEqualTo("voucher");

        JsonNode reply = api().ask("demo", "Do you sell gift vouchers?").getBody();
        assertThat(reply.get("provider").asString()).isEqualTo("quick-reply");
        assertThat(reply.get("answer").asString()).contains("25, 50 or 100 EUR");

        var edited = send("PUT", BASE + "/" + id, """
                {"label": "Gift vouchers", "answer": "Gift vouchers of 20 or 40 EUR are sold online only."}""");
        assertThat(edited.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(api().ask("demo", "Do you sell gift vouchers?")
                        .getBody()
                        .get("answer")
                        .asString())
                .contains("20 or 40 EUR");
        assertThat(api().get(BASE + "/" + id).getBody().get("hits").asLong()).isEqualTo(2);

        assertThat(send("POST", BASE, "{\"label\": \"Gift vouchers\", \"answer\": \"again\"}")
                        .getStatusCode())
                .isEqualTo(HttpStatus.CONFLICT);
        assertThat(send("POST", BASE, "{\"label\": \"Empty\", \"answer\": \" \"}")
                        .getBody()
                        .get("detail")
                        .asString())
                .contains("the answer is empty");

        var deleted = api().http()
                .delete()
                .uri(BASE + "/" + id)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + API_KEY)
                .retrieve()
                .toBodilessEntity();
        assertThat(deleted.getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
        assertThat(api().get(BASE + "/" + id).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    }

    @Test
    void csvImportCreatesAndUpdatesByLabelAndExportRoundTrips() {
        String csv = """
                label,answer,language,keywords
                Parking at the store,"Free parking for customers, behind the Porto store.",en,car;park
                Pets in the store,Dogs on a lead are welcome.,en,
                """;
        JsonNode first = importFile("replies.csv", csv).getBody();
        assertThat(first.get("created").asInt()).isEqualTo(2);

        String changed = csv.replace("Dogs on a lead are welcome.", "Dogs and cats on a lead are welcome.");
        JsonNode second = importFile("replies.csv", changed).getBody();
        assertThat(second.get("created").asInt()).isZero();
        assertThat(second.get("updated").asInt()).isEqualTo(2);

        String exportedCsv = export("csv");
        assertThat(exportedCsv)
                .startsWith("label,answer,language,keywords")
                .contains("Parking at the store,\"Free parking for customers, behind the Porto store.\",en,car;park")
                .contains("Dogs and cats on a lead are welcome.");

        String exportedJson = export("json");
        int count = api().get(BASE).getBody().size();
        JsonNode roundTrip = importFile("export.json", exportedJson).getBody();
        assertThat(roundTrip.get("created").asInt()).isZero();
        assertThat(roundTrip.get("updated").asInt()).isEqualTo(count);
    }

    @Test
    void anImportWithAnInvalidEntryChangesNothingAndSaysWhichEntry() {
        int before = api().get(BASE).getBody().size();

        var response = importFile("bad.csv", """
                label,answer
                Late arrival,Technicians wait 15 minutes.
                ,An answer without a label
                """);

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(response.getBody().get("detail").asString()).contains("Entry 2: the label is empty");
        assertThat(api().get(BASE).getBody().size()).isEqualTo(before);
        assertThat(importFile("bad.json", "{\"not\": \"an array\"}").getStatusCode())
                .isEqualTo(HttpStatus.BAD_REQUEST);
    }

    private ResponseEntity<JsonNode> send(String method, String path, String json) {
        return api().http()
                .method(org.springframework.http.HttpMethod.valueOf(method))
                .uri(path)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + API_KEY)
                .contentType(MediaType.APPLICATION_JSON)
                .body(json)
                .retrieve()
                .toEntity(JsonNode.class);
    }

    private String export(String format) {
        return api().http()
                .get()
                .uri(BASE + "/export?format=" + format)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + API_KEY)
                .retrieve()
                .body(String.class);
    }

    private ResponseEntity<JsonNode> importFile(String name, String content) {
        var body = new LinkedMultiValueMap<String, Object>();
        body.add("file", new ByteArrayResource(content.getBytes(StandardCharsets.UTF_8)) {
            @Override
            public String getFilename() {
                return name;
            }
        });
        return api().http()
                .post()
                .uri(BASE + "/import")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + API_KEY)
                .contentType(MediaType.MULTIPART_FORM_DATA)
                .body(body)
                .retrieve()
                .toEntity(JsonNode.class);
    }
}
