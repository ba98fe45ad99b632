package dev.grounded.tenant;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * How a tenant's assistant answers: its voice, how sure it must be, where it searches, which chat providers it uses,
 * when it hands over and when the business is open. Every part has a default, so a new tenant works unconfigured.
 *
 * @param businessProfile what the business is and does, in its own words; given to the model as context
 * @param systemPrompt extra instructions of the business, added to (never replacing) Grounded's own rules
 * @param strictness how much evidence an answer needs: stricter means "not covered" more often, inventions never
 * @param quickReplyThreshold similarity above which a quick reply is the answer; null for the installation default
 * @param languages the languages the assistant answers in; settings saved before it existed read as "any"
 */
public record AssistantSettings(
        @NotNull Persona persona,
        @Size(max = 4000) String businessProfile,
        @Size(max = 4000) String systemPrompt,
        @DecimalMin("0.0") @DecimalMax("1.5") double temperature,
        @NotNull Strictness strictness,
        @DecimalMin("0.0") @DecimalMax("1.0") Double quickReplyThreshold,
        @NotNull @Valid Retrieval retrieval,
        @NotNull @Valid Providers providers,
        @NotNull @Valid Handoff handoff,
        @NotNull @Valid BusinessHours hours,
        @Valid Languages languages) {

    public AssistantSettings {
        if (languages == null) {
            languages = Languages.ANY;
        }
    }

    public static AssistantSettings defaults() {
        return new AssistantSettings(
                Persona.PROFESSIONAL,
                "",
                "",
                0.2,
                Strictness.BALANCED,
                null,
                new Retrieval(5, null, null, null),
                new Providers(List.of(), null),
                new Handoff(List.of(), List.of()),
                BusinessHours.always(),
                Languages.ANY);
    }

    public enum Persona {
        PROFESSIONAL,
        FRIENDLY,
        CASUAL
    }

    /** Moves the confidence an answer needs: each step is a fixed offset on the installation's threshold. */
    public enum Strictness {
        RELAXED(-0.04),
        BALANCED(0),
        STRICT(0.04);

        private final double offset;

        Strictness(double offset) {
            this.offset = offset;
        }

        public double offset() {
            return offset;
        }
    }

    /**
     * @param topK passages given to the answer
     * @param keywordWeight weight of the keyword (BM25) leg in fusion; null for the installation default
     * @param denseWeight weight of the dense (vector) leg in fusion; null for the installation default
     * @param minConfidence similarity of the best passage below which the knowledge is taken not to cover the
     *     question; null for the installation default moved by {@link Strictness}
     */
    public record Retrieval(
            @Min(1) @Max(20) int topK,
            @DecimalMin("0.0") @DecimalMax("10.0") Double keywordWeight,
            @DecimalMin("0.0") @DecimalMax("10.0") Double denseWeight,
            @DecimalMin("0.0") @DecimalMax("1.0") Double minConfidence) {}

    /**
     * @param order chat providers to try first, by name; the others follow in the installation's order
     * @param pinned the only provider to use, without failover; null for none
     */
    public record Providers(@NotNull @Size(max = 10) List<String> order, String pinned) {}

    /**
     * @param keywords the tenant's own phrases that hand a conversation to a person, in any language
     * @param industryPacks extra built-in triggers for a sector
     */
    public record Handoff(
            @NotNull @Size(max = 200) List<@Size(min = 2, max = 100) String> keywords,
            @NotNull List<IndustryPack> industryPacks) {}

    /**
     * @param answered ISO 639-1 codes the assistant answers in, the first the fallback for any other language; empty
     *     for every language it can tell
     */
    public record Languages(@NotNull @Size(max = 30) List<@Pattern(regexp = "[a-z]{2}") String> answered) {

        public static final Languages ANY = new Languages(List.of());

        public Languages {
            answered = answered == null ? List.of() : List.copyOf(answered);
        }

        /** The language to answer a customer in whose message reads as {@code detected}. */
        public String answerIn(String detected) {
            return answered.isEmpty() || answered.contains(detected) ? detected : answered.getFirst();
        }
    }

    public enum IndustryPack {
        HEALTHCARE,
        LEGAL,
        FINANCIAL
    }
}
