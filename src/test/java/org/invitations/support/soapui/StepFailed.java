package org.invitations.support.soapui;

/** A failed test step (an assertion, a transfer, an expansion): subject to the test case's failOnError. */
final class StepFailed extends RuntimeException {
    StepFailed(String message) {
        super(message);
    }
}
