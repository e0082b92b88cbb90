package io.kefu.protocol.binary;

import io.kefu.protocol.AgentStatus;
import io.kefu.protocol.ConvState;
import io.kefu.protocol.ErrorCode;
import io.kefu.protocol.PartyType;
import io.kefu.protocol.Role;

import java.util.List;

/**
 * The numbers the binary encoding gives to enum values, message kinds and well-known body keys. The
 * tables are written out rather than taken from {@code ordinal()} so that reordering a Java enum cannot
 * change the wire. Append only: a number, once published, keeps its meaning.
 */
final class WireEnums {
    static final List<Role> ROLES = List.of(Role.BUYER, Role.AGENT, Role.SUPERVISOR, Role.ADMIN);
    static final List<ConvState> STATES =
            List.of(ConvState.BOT, ConvState.QUEUED, ConvState.ASSIGNED, ConvState.CLOSED);
    static final List<AgentStatus> STATUSES =
            List.of(AgentStatus.ONLINE, AgentStatus.BUSY, AgentStatus.AWAY, AgentStatus.OFFLINE);
    static final List<PartyType> PARTIES =
            List.of(PartyType.BUYER, PartyType.AGENT, PartyType.BOT, PartyType.SYSTEM);
    static final List<ErrorCode> ERRORS = List.of(ErrorCode.BAD_FRAME, ErrorCode.UNAUTHORIZED,
            ErrorCode.FORBIDDEN, ErrorCode.NOT_FOUND, ErrorCode.INVALID_STATE, ErrorCode.RATE_LIMITED,
            ErrorCode.TOO_LARGE, ErrorCode.BLOCKED_CONTENT, ErrorCode.OVERLOADED, ErrorCode.INTERNAL);

    /** Message kinds of the contract, sent as a varint instead of a string. */
    static final List<String> KINDS = List.of("text", "image", "voice", "order", "product", "system");

    /** Body keys of the contract, sent as one byte instead of a string. */
    static final List<String> BODY_KEYS = List.of("text", "url", "durationMs", "orderNo", "productId");

    private WireEnums() {
    }

    static int kindIndex(String kind) {
        switch (kind) {
            case "text":
                return 0;
            case "image":
                return 1;
            case "voice":
                return 2;
            case "order":
                return 3;
            case "product":
                return 4;
            case "system":
                return 5;
            default:
                return -1;
        }
    }

    static int bodyKeyIndex(String key) {
        switch (key) {
            case "text":
                return 0;
            case "url":
                return 1;
            case "durationMs":
                return 2;
            case "orderNo":
                return 3;
            case "productId":
                return 4;
            default:
                return -1;
        }
    }
}
