package dev.grounded.conversation;

/** The customer cannot be written to through their channel now, and why (shown to the agent). */
public class CustomerUnreachableException extends RuntimeException {

    public CustomerUnreachableException(String reason) {
        super(reason);
    }
}
