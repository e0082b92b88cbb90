package io.kefu.server.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kefu.protocol.ErrorCode;
import io.kefu.server.auth.Principal;
import io.kefu.server.base.KefuException;
import java.util.concurrent.CompletableFuture;

/** Staff management: disable and enable, password change and reset (docs/staff.md). */
final class StaffEndpoints {
    private final ApiServices s;

    StaffEndpoints(ApiServices services) {
        this.s = services;
    }

    CompletableFuture<ObjectNode> disable(ApiRequest r, Principal who) {
        return notYet();
    }

    CompletableFuture<ObjectNode> enable(ApiRequest r, Principal who) {
        return notYet();
    }

    CompletableFuture<ObjectNode> changePassword(ApiRequest r, Principal who) {
        return notYet();
    }

    CompletableFuture<ObjectNode> resetPassword(ApiRequest r, Principal who) {
        return notYet();
    }

    private static CompletableFuture<ObjectNode> notYet() {
        return CompletableFuture.failedFuture(new KefuException(ErrorCode.INTERNAL, "not available yet"));
    }
}
