/**
 * The demo set-up a bare start gets: {@link io.kefu.server.demo.DemoSeeder} makes (or finds again) a
 * "Demo Shop" with pre-sales and after-sales groups and three staff with known passwords, and returns a
 * {@link io.kefu.server.demo.DemoInfo} that {@code Main} prints.
 */
package io.kefu.server.demo;
