package io.kefu.server.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kefu.protocol.Role;
import org.junit.jupiter.api.Test;

class PrincipalTest {

    @Test
    void buyersHaveNoShopAndStaffHaveOne() {
        assertThatThrownBy(() -> new Principal("b", Role.BUYER, "s1", null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Principal("a", Role.AGENT, null, null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Principal("a", Role.SUPERVISOR, null, null)).isInstanceOf(IllegalArgumentException.class);
        assertThat(Principal.buyer("b", null).name()).isEqualTo("b");
    }

    @Test
    void onlyTheKeyHolderIsThePlatformAdmin() {
        assertThat(Principal.platformAdmin().isPlatformAdmin()).isTrue();
        assertThat(Principal.staff("a", Role.ADMIN, "s1", null).isPlatformAdmin()).isFalse();
    }

    @Test
    void staffBelongToExactlyTheirShop() {
        assertThat(Principal.staff("a", Role.AGENT, "s1", null).isStaffOf("s1")).isTrue();
        assertThat(Principal.staff("a", Role.AGENT, "s1", null).isStaffOf("s2")).isFalse();
        assertThat(Principal.platformAdmin().isStaffOf("s1")).isFalse();
        assertThat(Principal.buyer("b", null).isStaffOf("s1")).isFalse();
    }
}
