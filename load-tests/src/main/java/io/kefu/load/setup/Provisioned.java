package io.kefu.load.setup;

import java.util.List;

/**
 * What set-up made: shop ids by shop index, agent tokens by global agent index
 * ({@code shop * agentsPerShop + k}), buyer tokens by buyer index.
 */
public record Provisioned(List<String> shopIds, List<String> agentTokens, List<String> buyerTokens) {
    public Provisioned {
        shopIds = List.copyOf(shopIds);
        agentTokens = List.copyOf(agentTokens);
        buyerTokens = List.copyOf(buyerTokens);
    }
}
