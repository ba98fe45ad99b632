package dev.grounded.conversation.internal;

import dev.grounded.conversation.CustomerUnreachableException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * A message an agent may not send now (the customer's window closed, or they opted out) is a 409 with the reason, from
 * every controller that writes to customers.
 */
@RestControllerAdvice
class UnreachableCustomers {

    @ExceptionHandler(CustomerUnreachableException.class)
    ProblemDetail unreachable(CustomerUnreachableException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
        problem.setTitle("The customer cannot be written to now");
        return problem;
    }
}
