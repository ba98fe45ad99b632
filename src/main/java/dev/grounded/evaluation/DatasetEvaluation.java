package dev.grounded.evaluation;

import dev.grounded.conversation.Channel;
import dev.grounded.reply.Question;
import dev.grounded.reply.Reply;
import dev.grounded.reply.ReplyService;
import dev.grounded.tenant.TenantId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import org.springframework.stereotype.Service;

/**
 * Runs a tenant evaluation dataset through the real reply engine: each case in a conversation of its own (its earlier
 * messages first), on the evaluation channel, so no agent is called and no quick reply hit is counted.
 */
@Service
public class DatasetEvaluation {

    private final ReplyService replies;
    private final AnswerScoring scoring;

    DatasetEvaluation(ReplyService replies, AnswerScoring scoring) {
        this.replies = replies;
        this.scoring = scoring;
    }

    /**
     * @param progress told (cases done, cases in all) after each case
     */
    public EvalReport run(TenantId tenant, EvalDataset dataset, BiConsumer<Integer, Integer> progress) {
        // The first question of a run pays for loading the embedding model and warming the index and the HTTP
        // clients; asked once beforehand and not counted, it would otherwise be the p99 of every small dataset.
        replies.ask(tenant, new Question(dataset.cases().getFirst().question(), null, null, Channel.EVALUATION));
        List<CaseResult> results = new ArrayList<>();
        for (EvalCase evalCase : dataset.cases()) {
            results.add(run(tenant, evalCase));
            progress.accept(results.size(), dataset.cases().size());
        }
        Map<String, Long> providers = new TreeMap<>();
        results.forEach(r -> providers.merge(r.provider(), 1L, Long::sum));
        return new EvalReport(
                tenant.value(),
                dataset.name(),
                dataset.version(),
                EvalMetrics.of(results),
                EvalMetrics.byTag(results),
                EvalMetrics.byLanguage(results),
                providers,
                List.copyOf(results),
                scoring.methods(),
                List.of("latency leaves out one warm-up question asked before the first case"));
    }

    private CaseResult run(TenantId tenant, EvalCase evalCase) {
        String conversation = null;
        for (String earlier : evalCase.conversation()) {
            conversation = replies.ask(tenant, new Question(earlier, conversation, null, Channel.EVALUATION))
                    .conversationId();
        }
        Reply reply = replies.ask(tenant, new Question(evalCase.question(), conversation, null, Channel.EVALUATION));
        List<String> retrieved = new ArrayList<>(new LinkedHashSet<>(reply.trace().retrieved().stream()
                .map(Reply.TracedChunk::title)
                .filter(title -> title != null)
                .toList()));
        return new CaseResult(
                evalCase,
                reply.outcome().code(),
                reply.answer(),
                reply.language(),
                reply.provider(),
                reply.degraded(),
                reply.handoff().required() ? reply.handoff().reason().code() : null,
                retrieved,
                reply.sources().stream().map(Reply.Source::title).toList(),
                new LinkedHashMap<>(reply.trace().stageMs()),
                reply.latencyMs(),
                scoring.score(evalCase, reply),
                reply.trace());
    }
}
