/**
 * The pages the server serves on its own port: {@code /} (links), {@code /widget} (the buyer's chat),
 * {@code /demo} (a fake product page with the widget and a demo buyer), {@code /console} (the agents'
 * console), {@code /kefu.js} (the browser client of the protocol) and their {@code /assets/}. The files
 * are plain ES modules and CSS under {@code src/main/resources/pages/}, read once at start
 * ({@link io.kefu.server.pages.StaticPages}) and served from memory by
 * {@link io.kefu.server.pages.PageHandler} with ETags, gzip and a Content-Security-Policy.
 */
package io.kefu.server.pages;
