package dev.grounded.egress;

import java.net.UnknownHostException;

/**
 * The egress policy refused an address. It is an {@link UnknownHostException} because the refusal happens where the
 * host is resolved, before any connection is made: nothing left this server.
 */
public class EgressRefusedException extends UnknownHostException {

    public EgressRefusedException(String reason) {
        super(reason);
    }

    /** Whether a failure, or one of its causes, is the policy's refusal. */
    public static boolean among(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof EgressRefusedException) {
                return true;
            }
        }
        return false;
    }
}
