package dev.grounded.reply;

import dev.grounded.llm.ChatProvider;
import dev.grounded.llm.ChatProviders;
import dev.grounded.reply.Reply.Handoff;
import dev.grounded.reply.Reply.Source;
import dev.grounded.reply.internal.ExtractiveAnswer;
import dev.grounded.reply.internal.GroundedPrompt;
import dev.grounded.reply.internal.HandoffIntent;
import dev.grounded.reply.internal.ReplyMessages;
import dev.grounded.retrieval.ChunkMetadata;
import dev.grounded.retrieval.HybridSearch;
import dev.grounded.retrieval.LanguageDetector;
import dev.grounded.retrieval.QuickReplyMatched;
import dev.grounded.retrieval.RetrievedChunk;
import dev.grounded.tenant.Tenant;
import dev.grounded.tenant.TenantId;
import dev.grounded.tenant.TenantService;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

/** Answers a customer's message from the tenant's knowledge only, or says honestly that it cannot. */
@Service
public class ReplyService {

    private static final Logger log = LoggerFactory.getLogger(ReplyService.class);
    private static final int SNIPPET_LENGTH = 240;

    private final HybridSearch search;
    private final LanguageDetector languages;
    private final ChatProviders providers;
    private final TenantService tenants;
    private final GroundedPrompt prompt;
    private final ReplyMessages messages;
    private final ApplicationEventPublisher events;
    private final ReplyProperties properties;

    ReplyService(
            HybridSearch search,
            LanguageDetector languages,
            ChatProviders providers,
            TenantService tenants,
            GroundedPrompt prompt,
            ReplyMessages messages,
            ApplicationEventPublisher events,
            ReplyProperties properties) {
        this.search = search;
        this.languages = languages;
        this.providers = providers;
        this.tenants = tenants;
        this.prompt = prompt;
        this.messages = messages;
        this.events = events;
        this.properties = properties;
    }

    public Reply ask(TenantId tenantId, String question) {
        if (question == null || question.isBlank()) {
            throw new IllegalArgumentException("The question is empty");
        }
        String language = languages.detect(question, properties.defaultLanguage());

        // 1. A customer who asks for a person gets one.
        if (HandoffIntent.asksForHuman(question)) {
            return new Reply(
                    messages.get("handoff.requested", language),
                    language,
                    List.of(),
                    "none",
                    new Handoff(true, "customer_request"));
        }

        // 2. Quick replies first: a close match is the answer, with no LLM call.
        List<RetrievedChunk> hits = search.search(tenantId, question, properties.topK());
        Optional<RetrievedChunk> quickReply = hits.stream()
                .filter(h -> ChunkMetadata.KIND_QUICK_REPLY.equals(h.kind()))
                .filter(h -> h.confidence() >= properties.quickReplyThreshold())
                .findFirst();
        if (quickReply.isPresent()) {
            RetrievedChunk hit = quickReply.get();
            events.publishEvent(new QuickReplyMatched(
                    tenantId, UUID.fromString(ChunkMetadata.string(hit.chunk(), ChunkMetadata.QUICK_REPLY_ID))));
            return new Reply(
                    ChunkMetadata.string(hit.chunk(), ChunkMetadata.ANSWER),
                    language,
                    List.of(source(hit)),
                    "quick-reply",
                    Handoff.none());
        }

        // 3. Nothing relevant enough: say so and offer a person.
        List<RetrievedChunk> relevant = hits.stream()
                .filter(h -> h.confidence() >= properties.minConfidence())
                .toList();
        if (relevant.isEmpty()) {
            return new Reply(
                    messages.get("not-covered", language),
                    language,
                    List.of(),
                    "none",
                    new Handoff(true, "no_knowledge"));
        }

        // 4. Generate from the passages, or extract from the best one when no LLM is configured or it fails.
        List<Source> sources = relevant.stream().map(ReplyService::source).toList();
        Optional<ChatProvider> provider = providers.primary();
        if (provider.isPresent()) {
            try {
                String business = tenants.find(tenantId).map(Tenant::name).orElse(tenantId.value());
                String answer = prompt.answer(provider.get().chatModel(), business, language, question, relevant);
                return new Reply(answer, language, sources, provider.get().name(), Handoff.none());
            } catch (RuntimeException e) {
                log.warn(
                        "Chat provider {} failed; answering extractively",
                        provider.get().name(),
                        e);
            }
        }
        return new Reply(extract(question, relevant.getFirst()), language, sources, "extractive", Handoff.none());
    }

    /** A quick reply is a complete answer written by the business, so it is given whole; a passage is quoted in part. */
    private static String extract(String question, RetrievedChunk best) {
        if (ChunkMetadata.KIND_QUICK_REPLY.equals(best.kind())) {
            return ChunkMetadata.string(best.chunk(), ChunkMetadata.ANSWER);
        }
        return ExtractiveAnswer.from(question, best.chunk().getText());
    }

    private static Source source(RetrievedChunk hit) {
        String text = hit.chunk().getText();
        String snippet = text.length() <= SNIPPET_LENGTH ? text : text.substring(0, SNIPPET_LENGTH) + "…";
        return new Source(hit.sourceId(), hit.title(), snippet, hit.confidence());
    }
}
