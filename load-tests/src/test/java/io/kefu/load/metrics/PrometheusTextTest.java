package io.kefu.load.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class PrometheusTextTest {

    @Test
    void samplesHaveNamesLabelsAndValues() {
        PrometheusText p = PrometheusText.parse("""
                # HELP x a metric
                plain 42
                with_labels{a="1",b="two words"} 3.5e2 1718000000000
                escaped{path="C:\\\\tmp",q="say \\"hi\\"",n="a\\nb"} 1
                infinite{le="+Inf"} +Inf
                broken{a="1" 5
                nonumber abc
                """);

        assertThat(p.samples()).extracting(PrometheusText.Sample::name)
                .containsExactly("plain", "with_labels", "escaped", "infinite");
        assertThat(p.samples().get(1).labels()).isEqualTo(Map.of("a", "1", "b", "two words"));
        assertThat(p.samples().get(1).value()).isEqualTo(350.0);
        assertThat(p.samples().get(2).labels()).containsEntry("path", "C:\\tmp").containsEntry("q", "say \"hi\"")
                .containsEntry("n", "a\nb");
        assertThat(p.samples().get(3).value()).isInfinite();
    }

    @Test
    void sumAndMaxFilterByLabel() {
        PrometheusText p = PrometheusText.parse("""
                m{k="x"} 1
                m{k="x"} 2
                m{k="y"} 10
                """);

        assertThat(p.sum("m", PrometheusText.label("k", "x"))).hasValue(3.0);
        assertThat(p.max("m", l -> true)).hasValue(10.0);
        assertThat(p.sum("absent")).isEmpty();
    }
}
