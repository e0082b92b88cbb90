package io.kefu.server.stats;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PromQlNamesTest {

    @Test
    void findsTheSelectedMetricsAndNothingElse() {
        assertThat(PromQlNames.of("histogram_quantile(0.9, sum by (le, route) (rate("
                + "kefu_http_requests_seconds_bucket{instance=~\"$instance\", status=~\"5..\"}[$__rate_interval])))"))
                .containsExactly("kefu_http_requests_seconds_bucket");
        assertThat(PromQlNames.of("sum(rate(a_total[5m])) by (reason) / ignoring(reason) group_left "
                + "sum(rate(b_count{x=\"y\"}[1h] offset 1d)) * 60 > bool 1e3"))
                .containsExactly("a_total", "b_count");
        assertThat(PromQlNames.of("kefu_process_fds_open{instance=~\"${instance:regex}\"} / kefu_process_fds_max"))
                .containsExactly("kefu_process_fds_max", "kefu_process_fds_open");
        assertThat(PromQlNames.of("label_values(kefu_gateway_connections, instance)"))
                .containsExactly("kefu_gateway_connections");
    }
}
