package io.kefu.server.store;

import io.kefu.protocol.ErrorCode;
import io.kefu.server.base.KefuException;

/**
 * A message was not stored because its sender's client message id is already stored in the conversation: a
 * retry the router no longer remembered. {@link #original()} is where the first one went; the sender is answered
 * with that, as for any retry. Thrown on a message writer lane.
 */
public final class DuplicateCmidException extends KefuException {
    private final StoredCmid original;

    DuplicateCmidException(String message, StoredCmid original, Throwable cause) {
        super(ErrorCode.INVALID_STATE, message, cause);
        this.original = original;
    }

    public StoredCmid original() {
        return original;
    }
}
