package dev.grounded.handoff;

/** A message's reason to go to a person, and the phrase that showed it. */
public record HandoffTrigger(HandoffReason reason, String phrase) {}
