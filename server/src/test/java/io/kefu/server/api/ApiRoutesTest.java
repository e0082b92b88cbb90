package io.kefu.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ApiRoutesTest {

    @Test
    void aPathBecomesTheTemplateOfItsEndpointWhateverTheMethod() {
        assertThat(ApiRoutes.template("/api/v1/shops/250272969694117888/groups")).hasValue("/api/v1/shops/{shopId}/groups");
        assertThat(ApiRoutes.template("/api/v1/shops/s1/agents/")).hasValue("/api/v1/shops/{shopId}/agents");
        assertThat(ApiRoutes.template("/api/v1/conversations/c9/messages"))
                .hasValue("/api/v1/conversations/{conv}/messages");
        assertThat(ApiRoutes.template("/api/v1/auth/agent")).hasValue("/api/v1/auth/agent");
    }

    @Test
    void aPathWithNoEndpointHasNoTemplate() {
        assertThat(ApiRoutes.template("/api/v1/shops/s1/nothing")).isEmpty();
        assertThat(ApiRoutes.template("/api/v1/shops//groups")).isEmpty();
    }
}
