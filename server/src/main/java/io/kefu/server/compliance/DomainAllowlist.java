package io.kefu.server.compliance;

/**
 * Hosts a shop may link to without breaking the outside-link rule, such as the platform's own domain. The
 * hook for a later setting; until then nothing is allowed ({@link #NONE}). Called on the checking thread
 * (a router lane), only when a link was found: it must be fast and must not block.
 */
@FunctionalInterface
public interface DomainAllowlist {
    DomainAllowlist NONE = (shopId, host) -> false;

    /** Whether {@code host} (lower case, e.g. {@code shop.example.com}) is allowed in messages of the shop. */
    boolean allows(String shopId, String host);
}
