package io.kefu.load.report;

/**
 * The slow-consumer part of a run: agents that stopped reading, their conversations, how many of them
 * the server cut off, and those conversations' message counts (undelivered messages here are expected,
 * not lost).
 */
public record SlowReport(int agents, int conversations, long closedByServer, MessageCounts messages) {
}
