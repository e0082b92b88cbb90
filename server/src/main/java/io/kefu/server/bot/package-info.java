/**
 * The FAQ bot (机器人客服, contract §7): a shop's FAQs and bot settings, matched in memory against buyers'
 * messages ({@link io.kefu.server.bot.FaqMatcher}: character bigrams for Chinese, words for Latin text,
 * keyword boosts, a threshold), held per shop in a Caffeine cache and reached through
 * {@link io.kefu.server.bot.FaqBot}, which routing calls on its lanes without blocking.
 */
package io.kefu.server.bot;
