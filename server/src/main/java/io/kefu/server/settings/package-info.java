/**
 * A shop's settings as values: routing settings, group strategies, weekly hours (business hours and
 * shifts) and their JSON form. Pure values and functions, used by the store, routing and the HTTP API
 * alike; nothing here touches threads or I/O.
 */
package io.kefu.server.settings;
