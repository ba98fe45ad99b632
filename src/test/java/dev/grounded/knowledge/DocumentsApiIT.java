package dev.grounded.knowledge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.grounded.retrieval.KnowledgeIndex;
import dev.grounded.tenant.TenantId;
import dev.grounded.testing.EmbeddedApplicationTest;
import dev.grounded.testing.PassageCuration;
import dev.grounded.testing.VersionSwitch;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import tools.jackson.databind.JsonNode;

class DocumentsApiIT extends EmbeddedApplicationTest {

    @Autowired
    KnowledgeIndex index;

    @Autowired
    KnowledgeService knowledge;

    @Autowired
    DocumentChunks passages;

    private static final String LOYALTY = """
            # Loyalty programme

            Customers who stay with Lumen Fibre for three years join the Aurora loyalty programme.
            Aurora members get a free upgrade to the next speed tier and priority support.
            """;

    @Test
    void uploadedDocumentIsIngestedAnsweredFromAndDeleted() throws Exception {
        ResponseEntity<JsonNode> accepted = upload("aurora-loyalty.md", LOYALTY.getBytes(StandardCharsets.UTF_8));

        assertThat(accepted.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        String id = accepted.getBody().get("id").asString();
        assertThat(accepted.getBody().get("title").asString()).isEqualTo("aurora loyalty");
        assertThat(accepted.getBody().get("status").asString()).isEqualTo("queued");

        JsonNode doc = awaitFinished(id);
        assertThat(doc.get("status").asString()).isEqualTo("ready");
        assertThat(doc.get("language").asString()).isEqualTo("en");
        assertThat(doc.get("chunks").asInt()).isEqualTo(1);
        assertThat(doc.get("progress").get("done").asInt()).isEqualTo(1);

        JsonNode reply =
                api().ask("demo", "What do Aurora loyalty members get?").getBody();
        assertThat(reply.get("answer").asString()).contains("free upgrade");
        assertThat(reply.get("sources").get(0).get("documentId").asString()).isEqualTo(id);

        // The same bytes again are the same document, not a duplicate.
        assertThat(upload("copy.md", LOYALTY.getBytes(StandardCharsets.UTF_8))
                        .getBody()
                        .get("id")
                        .asString())
                .isEqualTo(id);

        var deleted = api().http()
                .delete()
                .uri("/api/v1/tenants/demo/documents/{id}", id)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + API_KEY)
                .retrieve()
                .toBodilessEntity();
        assertThat(deleted.getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
        assertThat(api().get("/api/v1/tenants/demo/documents/" + id).getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);
        JsonNode after =
                api().ask("demo", "What do Aurora loyalty members get?").getBody();
        assertThat(after.get("sources").findValuesAsString("documentId")).doesNotContain(id);
    }

    @Test
    void unsupportedFileIsRejectedWithTheDetectedTypeNamed() {
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, 'I', 'H', 'D', 'R'};

        ResponseEntity<JsonNode> response = upload("logo.png", png);

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT);
        assertThat(response.getBody().get("detail").asString()).contains("image/png");
    }

    @Test
    void aFileWithoutTextFailsAloneWithItsReason() throws Exception {
        ResponseEntity<JsonNode> accepted = upload("blank.txt", "   \n\n  ".getBytes(StandardCharsets.UTF_8));
        JsonNode doc = awaitFinished(accepted.getBody().get("id").asString());

        assertThat(doc.get("status").asString()).isEqualTo("rejected");
        assertThat(doc.get("reason").asString()).isEqualTo("No text was found in the file.");
        api().delete("demo", doc.get("id").asString());
    }

    @Test
    void aNewVersionReplacesTheOldInOneSwitch() throws Exception {
        VersionSwitch.neverLeavesTheDocumentWithoutChunks(api(), index, "demo");
    }

    @Test
    void passagesAreEditedAndSwitchedOffAndKeepTheirChangesInANewVersion() throws Exception {
        PassageCuration.changesApplyAtOnceAndFollowTheirPassages(api(), "demo");
    }

    /** A measurement records the passages' changes: the same file with an edited passage is other knowledge. */
    @Test
    void anEditedPassageIsOtherKnowledgeAndAnotherTenantCannotReachIt() throws Exception {
        String id = upload("edits.txt", "Returns are accepted within 14 days.\n".getBytes(StandardCharsets.UTF_8))
                .getBody()
                .get("id")
                .asString();
        awaitFinished(id);
        TenantId demo = TenantId.of("demo");
        DocumentId document = DocumentId.parse(id);
        assertThat(curation(demo, id)).isNull();

        assertThat(passages.edit(TenantId.of("dental"), document, 0, "Returns within 30 days.", "intruder"))
                .isEmpty();
        assertThat(passages.list(TenantId.of("dental"), document)).isEmpty();
        assertThat(curation(demo, id)).isNull();

        assertThat(passages.edit(demo, document, 0, "Returns are accepted within 30 days.", "admin"))
                .hasValueSatisfying(chunk -> assertThat(chunk.edited()).isTrue());
        String edited = curation(demo, id);
        assertThat(edited).hasSize(64);
        passages.enable(demo, document, 0, false, "admin");
        assertThat(curation(demo, id)).hasSize(64).isNotEqualTo(edited);

        passages.revert(demo, document, 0);
        assertThat(curation(demo, id)).isNull();
        assertThat(passages.list(demo, document)).singleElement().satisfies(chunk -> {
            assertThat(chunk.enabled()).isTrue();
            assertThat(chunk.text()).isEqualTo("Returns are accepted within 14 days.");
        });
        api().delete("demo", id);
    }

    private String curation(TenantId tenant, String id) {
        return knowledge.fingerprints(tenant).stream()
                .filter(f -> f.id().equals(id))
                .findFirst()
                .orElseThrow()
                .curation();
    }

    @Test
    void reindexAllReembedsEveryDocumentAndQuickReplyAndRecordsTheModel() throws Exception {
        api().awaitDocumentsFinished("demo", 3);

        ResponseEntity<JsonNode> queued = api().http()
                .post()
                .uri("/api/v1/tenants/demo/documents/reindex")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + API_KEY)
                .retrieve()
                .toEntity(JsonNode.class);

        assertThat(queued.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        assertThat(queued.getBody().get("documents").asInt()).isGreaterThanOrEqualTo(3);
        assertThat(queued.getBody().get("quickReplies").asInt()).isGreaterThanOrEqualTo(10);
        JsonNode documents = api().awaitDocumentsFinished("demo", 3);
        for (JsonNode doc : documents) {
            if (doc.get("status").asString().equals("ready")) {
                assertThat(doc.get("embeddingModel").asString()).isEqualTo("bge-small-en-v1.5-q/384");
                assertThat(doc.get("needsReindex").asBoolean()).isFalse();
                assertThat(index.chunks(TenantId.of("demo"), doc.get("id").asString()))
                        .hasSize(doc.get("chunks").asInt());
            }
        }
        assertThat(api().ask("demo", "What are your opening hours?")
                        .getBody()
                        .get("provider")
                        .asString())
                .isEqualTo("quick-reply");
    }

    private ResponseEntity<JsonNode> upload(String name, byte[] content) {
        return api().upload("demo", name, content);
    }

    private JsonNode awaitFinished(String id) throws InterruptedException {
        return api().awaitDocument("demo", id);
    }
}
