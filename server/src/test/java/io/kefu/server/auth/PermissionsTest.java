package io.kefu.server.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kefu.protocol.ErrorCode;
import io.kefu.protocol.Role;
import io.kefu.server.base.KefuException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The permission matrix as a table: every cell of the table in {@code docs/staff.md} against {@link Permissions},
 * with a caller of each column standing towards shop {@code s1}. The document is the specification; a row added
 * to {@link Permission} without a line there fails, and so does a cell that disagrees.
 */
class PermissionsTest {
    private static final String SHOP = "s1";
    private static final Path DOC = Path.of("..", "docs", "staff.md");

    /** One caller per column, in the table's order. */
    private static final List<Principal> CALLERS = List.of(
            Principal.platformAdmin(),
            Principal.staff("ad", Role.ADMIN, SHOP, null),
            Principal.staff("su", Role.SUPERVISOR, SHOP, null),
            Principal.staff("ag", Role.AGENT, SHOP, null),
            Principal.buyer("b1", null),
            Principal.staff("x", Role.ADMIN, "s2", null));

    static Stream<Arguments> cells() throws IOException {
        List<Arguments> cells = new ArrayList<>();
        table().forEach((permission, row) -> {
            for (int col = 0; col < CALLERS.size(); col++) {
                cells.add(Arguments.of(permission, Standing.values()[col], CALLERS.get(col), row.get(col)));
            }
        });
        return cells.stream();
    }

    @ParameterizedTest(name = "{0} × {1} = {3}")
    @MethodSource("cells")
    void everyCellOfTheDocumentedMatrixHolds(Permission p, Standing column, Principal caller, String cell) {
        assertThat(Standing.of(caller, SHOP)).isEqualTo(column);
        Permissions.Decision expected = switch (cell) {
            case "yes", "conv", "own" -> Permissions.Decision.ALLOW;
            case "403" -> Permissions.Decision.FORBID;
            case "404" -> Permissions.Decision.HIDE;
            default -> throw new AssertionError("unknown cell '" + cell + "' in row " + p);
        };
        assertThat(Permissions.decide(caller, p, SHOP)).isEqualTo(expected);
        assertThat(Permissions.allows(column, p)).isEqualTo(expected == Permissions.Decision.ALLOW);
    }

    @Test
    void everyRowIsDocumentedOnce() throws IOException {
        assertThat(table().keySet()).containsExactlyInAnyOrder(Permission.values());
    }

    @Test
    void aRefusalNamesWhoMay() {
        Principal agent = CALLERS.get(3);
        assertThatThrownBy(() -> Permissions.require(agent, Permission.DISABLE_AGENT, SHOP))
                .isInstanceOfSatisfying(KefuException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.FORBIDDEN);
                    assertThat(e.getMessage()).isEqualTo("only the platform admin or an admin of shop s1 may disable its staff");
                });
        assertThatThrownBy(() -> Permissions.require(agent, Permission.FRAME_OPEN, null))
                .hasMessage("'open' is for buyers only");
        assertThatThrownBy(() -> Permissions.require(Principal.buyer("b", null), Permission.FRAME_STATUS, null))
                .hasMessage("'status' is for shop staff only");
        assertThatThrownBy(() -> Permissions.require(agent, Permission.QUEUE, SHOP))
                .hasMessage("only supervisors and admins of shop s1 may see its queues");
    }

    @Test
    void routingAsksByRoleWhatTheMatrixSays() {
        for (Role role : List.of(Role.AGENT, Role.SUPERVISOR, Role.ADMIN)) {
            assertThat(Permissions.allows(role, Permission.WHOLE_SHOP_CONVERSATIONS))
                    .isEqualTo(Permissions.allows(Principal.staff("u", role, SHOP, null),
                            Permission.WHOLE_SHOP_CONVERSATIONS, SHOP));
        }
    }

    @Test
    void callsThatNameNoShopGoByTheCallersOwn() {
        assertThat(Standing.of(CALLERS.get(5), null)).isEqualTo(Standing.ADMIN);
        assertThat(Permissions.allows(CALLERS.get(3), Permission.CHANGE_PASSWORD, null)).isTrue();
        assertThat(Permissions.allows(Principal.platformAdmin(), Permission.CHANGE_PASSWORD, null)).isFalse();
    }

    /** The matrix table of docs/staff.md: row name to its six cells. */
    private static Map<Permission, List<String>> table() throws IOException {
        Map<Permission, List<String>> rows = new LinkedHashMap<>();
        for (String line : Files.readAllLines(DOC)) {
            if (!line.matches("\\| `[A-Z_]+` \\|.*")) { // the matrix's rows; other tables start lower case
                continue;
            }
            List<String> cells = Arrays.stream(line.substring(1, line.length() - 1).split("\\|")).map(String::strip)
                    .toList();
            Permission p = Permission.valueOf(cells.get(0).replace("`", ""));
            assertThat(rows.put(p, cells.subList(2, cells.size()))).as("row " + p + " twice").isNull();
            assertThat(cells).as("row " + p).hasSize(2 + CALLERS.size());
        }
        return rows;
    }
}
