package io.kefu.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.kefu.server.auth.Permission;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Every HTTP call has its own row of the permission matrix, and every HTTP row is a call. */
class EndpointPermissionsTest {
    @Test
    void everyEndpointHasItsOwnHttpRow() {
        for (Endpoint e : Endpoint.values()) {
            assertThat(e.permission().kind()).as(e.name()).isEqualTo(Permission.Kind.HTTP);
            assertThat(e.permission().name()).as("row of " + e).isEqualTo(e.name());
        }
        assertThat(Arrays.stream(Permission.values()).filter(p -> p.kind() == Permission.Kind.HTTP))
                .containsExactlyInAnyOrderElementsOf(Arrays.stream(Endpoint.values()).map(Endpoint::permission).toList());
    }
}
