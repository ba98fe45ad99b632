package dev.grounded.reply;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Installation defaults of the answer policy; a tenant's settings move or override them.
 *
 * @param quickReplyThreshold cosine similarity above which a quick reply is the answer, with no LLM call
 * @param minConfidence cosine similarity of the best passage below which the knowledge is taken not to cover the
 *     question. bge-small's similarities are compressed: on the demo knowledge, 12 questions it answers scored
 *     0.51-0.74 and 10 unrelated ones 0.34-0.53 (hand-checked; the evaluation harness is where this gets tuned).
 * @param extractiveConfidence with no chat provider able to answer, the similarity above which the best passage is
 *     quoted as the answer; below it the customer gets a holding message and a person
 * @param extractiveCoverage how much of the question ({@code RetrievedChunk#coverage}) a passage must hold to be
 *     quoted, and a quick reply to be given, with no model reading the question: a passage on the subject that does
 *     not answer this question (another company's password, a museum's opening hours against the business's) is not
 *     quoted by chance. Calibrated on the demo datasets' answerable and out-of-scope questions (evals/README.md).
 * @param paraphraseConfidence a passage or quick reply this similar to the question is taken to answer it even when it
 *     holds few of its words ("Where can I park my car?" against the parking quick reply): on the demo datasets no
 *     out-of-scope question came above 0.70
 * @param defaultLanguage language assumed when a message is too short to tell
 * @param knowledgeLanguage the language most knowledge is written in (and the embedding model reads best): a message
 *     in another language that finds nothing is translated into it and searched again, when a chat provider can
 * @param rewriteBudget the part of the LLM time budget a follow-up's rewrite into a standalone query may take; the
 *     answer gets the rest
 * @param parkedRetry how soon a question no provider could answer is tried again (doubling after each failure, up to
 *     ten minutes)
 * @param parkedMaxWait how long such a question is retried before it is left to the agents alone
 * @param parkedPollInterval how often an instance looks for parked questions that are due
 */
@ConfigurationProperties("grounded.reply")
public record ReplyProperties(
        @DefaultValue("0.70") double quickReplyThreshold,
        @DefaultValue("0.54") double minConfidence,
        @DefaultValue("0.60") double extractiveConfidence,
        @DefaultValue("0.45") double extractiveCoverage,
        @DefaultValue("0.75") double paraphraseConfidence,
        @DefaultValue("en") String defaultLanguage,
        @DefaultValue("en") String knowledgeLanguage,
        @DefaultValue("5s") Duration rewriteBudget,
        @DefaultValue("30s") Duration parkedRetry,
        @DefaultValue("24h") Duration parkedMaxWait,
        @DefaultValue("15s") Duration parkedPollInterval) {}
