package io.kefu.server.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kefu.protocol.ConvState;
import io.kefu.protocol.ErrorCode;
import io.kefu.protocol.Role;
import io.kefu.server.base.KefuException;
import io.kefu.server.auth.Principal;
import io.kefu.server.store.ConversationRecord;
import org.junit.jupiter.api.Test;

class AccessTest {
    private final ConversationRecord conv = new ConversationRecord("c1", "shopA", "b1", ConvState.ASSIGNED, "g1",
            "a1", "product", "p1", 1L, 2L, 0L, null, null, null, null);

    @Test
    void theBuyerTheAssignedAgentAndTheShopsSupervisorsRead() {
        for (Principal who : new Principal[] {Principal.buyer("b1", null), Principal.staff("a1", Role.AGENT, "shopA", null),
                Principal.staff("s1", Role.SUPERVISOR, "shopA", null), Principal.staff("ad", Role.ADMIN, "shopA", null),
                Principal.platformAdmin()}) {
            assertThatCode(() -> Access.requireReader(who, conv)).as(who.toString()).doesNotThrowAnyException();
        }
    }

    @Test
    void anotherAgentOfTheShopIsForbidden() {
        assertCode(() -> Access.requireReader(Principal.staff("a2", Role.AGENT, "shopA", null), conv), ErrorCode.FORBIDDEN);
    }

    @Test
    void anotherShopOrBuyerDoesNotSeeThatItExists() {
        assertCode(() -> Access.requireReader(Principal.staff("x", Role.SUPERVISOR, "shopB", null), conv), ErrorCode.NOT_FOUND);
        assertCode(() -> Access.requireReader(Principal.staff("a1", Role.AGENT, "shopB", null), conv), ErrorCode.NOT_FOUND);
        assertCode(() -> Access.requireReader(Principal.buyer("b2", null), conv), ErrorCode.NOT_FOUND);
        // an agent whose id equals the buyer's is still not the buyer
        assertCode(() -> Access.requireReader(Principal.staff("b1", Role.AGENT, "shopB", null), conv), ErrorCode.NOT_FOUND);
    }

    private static void assertCode(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, ErrorCode code) {
        assertThatThrownBy(call).isInstanceOfSatisfying(KefuException.class, e -> assertThat(e.code()).isEqualTo(code));
    }
}
