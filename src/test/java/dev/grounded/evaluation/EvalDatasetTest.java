package dev.grounded.evaluation;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.grounded.evaluation.EvalCase.Expect;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class EvalDatasetTest {

    @Test
    void csvReadsListsAndEarlierMessagesAndIsTheSameVersionAsTheSameCasesInJsonl() {
        String csv = """
                id,question,conversation,language,expected_answer,expected_sources,expect,handoff_reason,tags
                price,"How much, per month?",,en,44.90 EUR,Price List; Service Guide,answer,,documents;prices
                person,I want a human,"Hello
                Are you a bot?",en,,,handoff,customer_request,handoff
                """;
        String jsonl = """
                // the same cases
                {"id": "price", "question": "How much, per month?", "language": "en", "expected_answer": "44.90 EUR", "expected_sources": ["Price List", "Service Guide"], "expect": "answer", "tags": ["documents", "prices"]}
                {"id": "person", "question": "I want a human", "conversation": ["Hello", "Are you a bot?"], "language": "en", "expect": "handoff", "handoff_reason": "customer_request", "tags": ["handoff"]}
                """;

        EvalDataset fromCsv = EvalDataset.parse("smoke.csv", csv.getBytes(UTF_8));
        EvalDataset fromJsonl = EvalDataset.parse("smoke.jsonl", jsonl.getBytes(UTF_8));

        assertThat(fromCsv.name()).isEqualTo("smoke");
        assertThat(fromCsv.cases()).isEqualTo(fromJsonl.cases());
        assertThat(fromCsv.version()).isEqualTo(fromJsonl.version());
        assertThat(fromCsv.cases().get(0).expectedSources()).containsExactly("Price List", "Service Guide");
        assertThat(fromCsv.cases().get(1).conversation()).containsExactly("Hello", "Are you a bot?");
        assertThat(fromCsv.cases().get(1).expect()).isEqualTo(Expect.HANDOFF);
        assertThat(EvalDataset.parse(
                                "other.jsonl", jsonl.replace("44.90", "45.90").getBytes(UTF_8))
                        .version())
                .as("changed cases are a new version")
                .isNotEqualTo(fromJsonl.version());
    }

    @Test
    void aBrokenCsvIsRefusedWithItsReason() {
        assertThatThrownBy(() -> EvalDataset.parse("x.csv", "id,query\na,b\n".getBytes(UTF_8)))
                .hasMessageContaining("unknown column 'query'");
        assertThatThrownBy(() -> EvalDataset.parse("x.csv", "id,language\na,en\n".getBytes(UTF_8)))
                .hasMessageContaining("id and question");
        assertThatThrownBy(() ->
                        EvalDataset.parse("x.csv", "id,question,expect\na,Hi,answer\nb,Yo,maybe\n".getBytes(UTF_8)))
                .hasMessage("x.csv line 3: expect is answer, refuse or handoff, not 'maybe'");
        assertThatThrownBy(() -> EvalDataset.parse("x.csv", "id,question\na,\"unterminated\n".getBytes(UTF_8)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("x.csv is not valid CSV");
        assertThatThrownBy(() -> EvalDataset.parse("x.csv", "id,question\n".getBytes(UTF_8)))
                .hasMessageContaining("holds no cases");
        assertThatThrownBy(
                        () -> EvalDataset.parse("bad name!.jsonl", "{\"id\":\"a\",\"question\":\"b\"}".getBytes(UTF_8)))
                .hasMessageContaining("dataset name");
    }

    @Test
    void theRepositorysDatasetsLoad() {
        assertThat(EvalDataset.load(Path.of("evals/lumen-fibre.jsonl")).cases()).hasSizeGreaterThan(30);
        assertThat(EvalDataset.load(Path.of("evals/brightsmile-dental.jsonl")).cases())
                .hasSizeGreaterThanOrEqualTo(30);
    }
}
