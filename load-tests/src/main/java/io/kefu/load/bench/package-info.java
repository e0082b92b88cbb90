/**
 * JMH micro-benchmarks. Run from the shaded jar: {@code java -jar load-tests/target/kefu-load.jar jmh
 * CodecBenchmark} (frame codecs), {@code ... jmh ScriptSearchBenchmark} (quick-reply search),
 * {@code ComplianceBenchmark}, {@code RoutingBenchmark} or {@code BotMatchBenchmark} (FAQ bot); results are
 * written up in {@code docs/benchmarks.md}.
 */
package io.kefu.load.bench;
