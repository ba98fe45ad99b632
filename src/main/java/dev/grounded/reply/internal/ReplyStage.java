package dev.grounded.reply.internal;

import dev.grounded.reply.Reply;
import java.util.Optional;

/**
 * One step of the answer policy, run in order (their {@code @Order}): a stage either replies, which ends the turn, or
 * returns nothing and leaves what it found on the turn for the stages after it.
 */
public interface ReplyStage {

    Optional<Reply> reply(Turn turn);
}
