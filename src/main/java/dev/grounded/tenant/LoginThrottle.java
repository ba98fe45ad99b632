package dev.grounded.tenant;

import dev.grounded.tenant.internal.LoginThrottleStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * Backs sign-ins off per user name and per client address, on every instance alike. A few failures are free; past
 * them each failure blocks that name (or address), for 30 seconds first and then twice as long each time, up to
 * 15 minutes, and while
 * blocked even the right password is refused. A success clears the user's count. An address gets more free failures
 * than a name: several people may sign in from one office.
 */
@Service
public class LoginThrottle {

    static final int FREE_PER_USER = 5;
    static final int FREE_PER_ADDRESS = 20;
    private static final Duration FIRST_BLOCK = Duration.ofSeconds(30);
    private static final Duration LONGEST_BLOCK = Duration.ofMinutes(15);
    /** Failures further apart than this start the count again. */
    private static final Duration MEMORY = Duration.ofHours(1);

    private final LoginThrottleStore store;
    private final Clock clock;

    LoginThrottle(LoginThrottleStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** How long sign-ins of this user, or from this address, stay refused; empty when they may try. */
    public Optional<Duration> blocked(String username, String address) {
        Instant now = clock.instant();
        Duration longest = Duration.ZERO;
        for (String key : keys(username, address)) {
            Optional<LoginThrottleStore.Entry> entry = store.find(key);
            if (entry.isPresent()
                    && entry.get().blockedUntil() != null
                    && entry.get().blockedUntil().isAfter(now)) {
                Duration left = Duration.between(now, entry.get().blockedUntil());
                longest = left.compareTo(longest) > 0 ? left : longest;
            }
        }
        return longest.isZero() ? Optional.empty() : Optional.of(longest);
    }

    public void failed(String username, String address) {
        Instant now = clock.instant();
        for (String key : keys(username, address)) {
            int failures = store.fail(key, now, now.minus(MEMORY));
            int free = key.startsWith("user:") ? FREE_PER_USER : FREE_PER_ADDRESS;
            if (failures >= free) {
                store.block(key, now.plus(block(failures - free)));
            }
        }
    }

    public void succeeded(String username) {
        store.forget(keys(username, null));
    }

    /** Forgets what is older than the memory: called now and then. */
    public int purge() {
        return store.purge(clock.instant().minus(MEMORY).minus(LONGEST_BLOCK));
    }

    static Duration block(int beyondFree) {
        long seconds = FIRST_BLOCK.toSeconds() << Math.min(beyondFree, 20);
        return seconds > LONGEST_BLOCK.toSeconds() ? LONGEST_BLOCK : Duration.ofSeconds(seconds);
    }

    private static List<String> keys(String username, String address) {
        String user = "user:" + (username == null ? "" : username.strip().toLowerCase(Locale.ROOT));
        if (user.length() > 200) {
            user = user.substring(0, 200);
        }
        return address == null || address.isBlank() ? List.of(user) : List.of(user, "address:" + address);
    }
}
