package dev.grounded.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import tools.jackson.databind.JsonNode;

/**
 * An admin edits one passage of a document and switches another off, over the REST API: retrieval answers from the
 * edited text at once and never finds the disabled one; a new version of the document keeps the changes of the
 * passages it still holds and drops the others; a revert brings the file's text back. Shared by both profiles.
 */
public final class PassageCuration {

    private static final String INSTALLATION = "The installation fee is 49 EUR on every plan zephyrfee.";
    private static final String INSTALLATION_EDITED = "The installation fee is 59 EUR since March zephyrfee.";
    private static final String MOVING = "Moving your line to a new address is free quasarmove.";
    private static final String PETS = "Our technicians are happy to work around your pets nebulapet.";

    private PassageCuration() {}

    public static void changesApplyAtOnceAndFollowTheirPassages(ApiClient api, String tenant) throws Exception {
        String id = api.uploadReady(tenant, "house-rules.docx", rules(MOVING));
        String chunks = "/api/v1/tenants/" + tenant + "/documents/" + id + "/chunks";
        assertThat(api.get("/api/v1/tenants/" + tenant + "/documents/" + id)
                        .getBody()
                        .get("notice")
                        .isNull())
                .isTrue();
        JsonNode listed = api.get(chunks).getBody();
        assertThat(texts(listed)).containsExactly(INSTALLATION, MOVING, PETS);
        assertThat(listed.get(0).get("enabled").asBoolean()).isTrue();
        assertThat(listed.get(0).get("originalText").isNull()).isTrue();

        // 1. Edited: embedded again and found by its new words, its old ones gone.
        var edited = api.patchJson(chunks + "/0", "{\"text\": \"" + INSTALLATION_EDITED + "\", \"by\": \"lead\"}");
        assertThat(edited.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(edited.getBody().get("text").asString()).isEqualTo(INSTALLATION_EDITED);
        assertThat(edited.getBody().get("originalText").asString()).isEqualTo(INSTALLATION);
        assertThat(edited.getBody().get("curatedBy").asString()).isEqualTo("lead");
        assertThat(found(api, tenant, id, "installation fee zephyrfee")).contains(INSTALLATION_EDITED);
        assertThat(found(api, tenant, id, "installation fee 49 EUR")).doesNotContain(INSTALLATION);

        // 2. Switched off: still listed, never retrieved.
        var off = api.patchJson(chunks + "/1", "{\"enabled\": false}");
        assertThat(off.getBody().get("enabled").asBoolean()).isFalse();
        assertThat(off.getBody().get("curatedBy").asString()).isEqualTo("api");
        assertThat(found(api, tenant, id, "moving to a new address quasarmove")).doesNotContain(MOVING);
        assertThat(texts(api.get(chunks).getBody())).containsExactly(INSTALLATION_EDITED, MOVING, PETS);

        // 3. Refused with the reason, nothing changed.
        assertThat(api.patchJson(chunks + "/2", "{\"text\": \"  \"}").getStatusCode())
                .isEqualTo(HttpStatus.BAD_REQUEST);
        var tooLong = api.patchJson(chunks + "/2", "{\"text\": \"" + "word ".repeat(600) + "\"}");
        assertThat(tooLong.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(tooLong.getBody().get("detail").asString()).contains("tokens");
        assertThat(api.patchJson(chunks + "/9", "{\"enabled\": false}").getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(api.get("/api/v1/tenants/" + tenant + "/documents/00000000-0000-0000-0000-000000000000/chunks")
                        .getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(found(api, tenant, id, "technicians pets nebulapet")).contains(PETS);

        // 4. A new version: the edited passage is still there word for word and keeps its edit; the disabled one
        // changed, so its change no longer applies. While it is read, passages cannot be changed.
        String moved = "Moving your line to a new address costs 20 EUR quasarmove.";
        assertThat(api.replace(tenant, id, "house-rules.docx", rules(moved)).getStatusCode())
                .isEqualTo(HttpStatus.ACCEPTED);
        assertThat(api.patchJson(chunks + "/2", "{\"enabled\": false}").getStatusCode())
                .isEqualTo(HttpStatus.CONFLICT);
        JsonNode replaced = api.awaitDocument(tenant, id);
        assertThat(replaced.get("status").asString()).isEqualTo("ready");
        assertThat(replaced.get("notice").asString())
                .as("the admin is told which change was lost")
                .isEqualTo("1 change made to a passage no longer applies: that passage is not in this version.");
        JsonNode after = api.get(chunks).getBody();
        assertThat(texts(after)).containsExactly(INSTALLATION_EDITED, moved, PETS);
        assertThat(after.get(0).get("originalText").asString()).isEqualTo(INSTALLATION);
        assertThat(after.get(1).get("enabled").asBoolean()).isTrue();
        assertThat(after.get(1).get("curatedBy").isNull()).isTrue();
        assertThat(found(api, tenant, id, "installation fee zephyrfee")).contains(INSTALLATION_EDITED);
        assertThat(found(api, tenant, id, "moving to a new address quasarmove")).contains(moved);

        // 5. Reverted: the file's text, found again.
        var reverted = api.postJson(chunks + "/0/revert", "{}");
        assertThat(reverted.getBody().get("text").asString()).isEqualTo(INSTALLATION);
        assertThat(reverted.getBody().get("originalText").isNull()).isTrue();
        assertThat(found(api, tenant, id, "installation fee zephyrfee")).contains(INSTALLATION);

        api.delete(tenant, id);
    }

    /** Three sections, each its own passage. */
    private static byte[] rules(String moving) {
        return new Docx()
                .heading(1, "House rules")
                .heading(2, "Installation")
                .paragraph(INSTALLATION)
                .heading(2, "Moving")
                .paragraph(moving)
                .heading(2, "Pets")
                .paragraph(PETS)
                .build();
    }

    private static List<String> texts(JsonNode chunks) {
        List<String> texts = new ArrayList<>();
        chunks.forEach(chunk -> texts.add(chunk.get("text").asString()));
        return texts;
    }

    /** The texts of the document's passages that retrieval returns for the query. */
    private static List<String> found(ApiClient api, String tenant, String documentId, String query) {
        ResponseEntity<JsonNode> hits =
                api.postJson("/api/v1/tenants/" + tenant + "/search", "{\"query\": \"" + query + "\", \"topK\": 30}");
        assertThat(hits.getStatusCode()).isEqualTo(HttpStatus.OK);
        List<String> texts = new ArrayList<>();
        hits.getBody().forEach(hit -> {
            if (hit.get("sourceId").asString().equals(documentId)) {
                texts.add(hit.get("text").asString());
            }
        });
        return texts;
    }
}
