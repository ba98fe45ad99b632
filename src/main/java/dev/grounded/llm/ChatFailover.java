package dev.grounded.llm;

import dev.grounded.llm.Attempt.Status;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import java.io.InterruptedIOException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Service;

/**
 * Calls the chat providers of a chain in turn until one answers. Each attempt is bounded by its provider's timeout
 * and by what is left of the call's budget; a provider whose circuit breaker is open (after consecutive failures) is
 * skipped without a call until its open period ends. Never throws for a provider's failure: the result says who
 * answered, or that nobody did, with every attempt.
 */
@Service
public class ChatFailover implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(ChatFailover.class);
    /** Below this, an attempt could not finish anyway. */
    private static final long MIN_ATTEMPT_NANOS = TimeUnit.MILLISECONDS.toNanos(200);

    private final ChatProviders providers;
    private final CircuitBreakerRegistry breakers;
    private final LlmProperties properties;
    private final ExecutorService calls = Executors.newVirtualThreadPerTaskExecutor();

    ChatFailover(ChatProviders providers, CircuitBreakerRegistry breakers, LlmProperties properties) {
        this.providers = providers;
        this.breakers = breakers;
        this.properties = properties;
        // Every provider's circuit exists from the start, so its metrics and health are there before the first call.
        providers.names().forEach(breakers::circuitBreaker);
    }

    public ChatResult call(Prompt prompt, ProviderPreference preference) {
        return call(prompt, preference, properties.budget());
    }

    public ChatResult call(Prompt prompt, ProviderPreference preference, Duration budget) {
        long deadline = System.nanoTime() + budget.toNanos();
        List<Attempt> attempts = new ArrayList<>();
        for (ChatProvider provider : providers.chain(preference)) {
            long remaining = deadline - System.nanoTime();
            if (remaining < MIN_ATTEMPT_NANOS) {
                attempts.add(new Attempt(provider.name(), Status.SKIPPED_NO_BUDGET, 0, null));
                continue;
            }
            CircuitBreaker breaker = breakers.circuitBreaker(provider.name());
            if (!breaker.tryAcquirePermission()) {
                attempts.add(new Attempt(provider.name(), Status.SKIPPED_CIRCUIT_OPEN, 0, null));
                continue;
            }
            Outcome attempt = attempt(
                    provider, breaker, prompt, Math.min(provider.timeout().toNanos(), remaining));
            attempts.add(attempt.attempt());
            if (attempt.text() != null) {
                return new ChatResult(attempt.text(), provider.name(), attempts);
            }
            if (Thread.currentThread().isInterrupted()) {
                break;
            }
        }
        return ChatResult.failed(attempts);
    }

    /** The chain as a Spring AI chat model for one use, bounded by {@code budget} in total. */
    public FailoverChatModel asChatModel(ProviderPreference preference, Duration budget) {
        return new FailoverChatModel(this, preference, budget);
    }

    /** The configured time budget of one reply's calls. */
    public Duration budget() {
        return properties.budget();
    }

    /** The circuit breaker of a provider, for health reporting. */
    public CircuitBreaker.State state(String provider) {
        return breakers.circuitBreaker(provider).getState();
    }

    private record Outcome(Attempt attempt, String text) {}

    private Outcome attempt(ChatProvider provider, CircuitBreaker breaker, Prompt prompt, long timeoutNanos) {
        long start = System.nanoTime();
        Prompt own = withOwnOptions(prompt, provider);
        Future<ChatResponse> call = calls.submit(() -> provider.chatModel().call(own));
        try {
            String text = content(call.get(timeoutNanos, TimeUnit.NANOSECONDS));
            long elapsed = System.nanoTime() - start;
            if (text == null || text.isBlank()) {
                IllegalStateException empty = new IllegalStateException("empty answer");
                breaker.onError(elapsed, TimeUnit.NANOSECONDS, empty);
                return failure(provider, Status.FAILED, elapsed, "empty answer");
            }
            breaker.onSuccess(elapsed, TimeUnit.NANOSECONDS);
            return new Outcome(new Attempt(provider.name(), Status.ANSWERED, millis(elapsed), null), text.strip());
        } catch (TimeoutException e) {
            call.cancel(true);
            long elapsed = System.nanoTime() - start;
            breaker.onError(elapsed, TimeUnit.NANOSECONDS, e);
            return failure(provider, Status.TIMED_OUT, elapsed, "no answer within " + millis(elapsed) + " ms");
        } catch (ExecutionException e) {
            long elapsed = System.nanoTime() - start;
            Throwable cause = e.getCause() == null ? e : e.getCause();
            breaker.onError(elapsed, TimeUnit.NANOSECONDS, cause);
            // The provider's HTTP client has the same timeout as this call and may give up first: still a timeout.
            if (timedOut(cause)) {
                return failure(provider, Status.TIMED_OUT, elapsed, "no answer within " + millis(elapsed) + " ms");
            }
            return failure(provider, Status.FAILED, elapsed, describe(cause));
        } catch (InterruptedException e) {
            call.cancel(true);
            breaker.releasePermission();
            Thread.currentThread().interrupt();
            return failure(provider, Status.FAILED, System.nanoTime() - start, "interrupted");
        }
    }

    /**
     * Spring AI's clients expect their own options class, so the portable options asked for (temperature, max tokens)
     * are laid over each provider's defaults (its model, key and endpoint).
     */
    private static Prompt withOwnOptions(Prompt prompt, ChatProvider provider) {
        ChatOptions asked = prompt.getOptions();
        if (asked == null) {
            return prompt;
        }
        ChatOptions.Builder<?> options =
                provider.chatModel().getDefaultOptions().mutate();
        if (asked.getTemperature() != null) {
            options.temperature(asked.getTemperature());
        }
        if (asked.getMaxTokens() != null) {
            options.maxTokens(asked.getMaxTokens());
        }
        return new Prompt(prompt.getInstructions(), options.build());
    }

    private static Outcome failure(ChatProvider provider, Status status, long elapsedNanos, String error) {
        log.warn("Chat provider {} {}: {}", provider.name(), status.name().toLowerCase(java.util.Locale.ROOT), error);
        return new Outcome(new Attempt(provider.name(), status, millis(elapsedNanos), error), null);
    }

    private static String content(ChatResponse response) {
        if (response == null
                || response.getResult() == null
                || response.getResult().getOutput() == null) {
            return null;
        }
        return response.getResult().getOutput().getText();
    }

    /** The exception's class and first line: enough to tell a 401 from a 503 in a trace, without a stack. */
    private static boolean timedOut(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause() == t ? null : t.getCause()) {
            // OkHttp, under the OpenAI SDK, reports its call timeout as a plain InterruptedIOException("timeout"),
            // of which SocketTimeoutException is one kind.
            if (t instanceof InterruptedIOException
                    || t instanceof HttpTimeoutException
                    || t instanceof TimeoutException) {
                return true;
            }
        }
        return false;
    }

    private static String describe(Throwable cause) {
        String message = cause.getMessage() == null
                ? ""
                : cause.getMessage().lines().findFirst().orElse("");
        if (message.length() > 200) {
            message = message.substring(0, 200) + "…";
        }
        return cause.getClass().getSimpleName() + (message.isEmpty() ? "" : ": " + message);
    }

    private static long millis(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(nanos);
    }

    @Override
    public void destroy() {
        calls.shutdownNow();
    }
}
