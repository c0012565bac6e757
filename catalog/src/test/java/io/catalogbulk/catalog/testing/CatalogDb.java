package io.catalogbulk.catalog.testing;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import io.catalogbulk.testsupport.ServiceTestResource;
import io.catalogbulk.testsupport.TestEnvironment;

/**
 * The test database read directly, to see what an operation stored. It is shared with other suites' data, so
 * tests use unique SKUs, codes and e-mails and never truncate anything.
 */
public final class CatalogDb {

    private CatalogDb() {
    }

    public static Connection db() throws SQLException {
        return TestEnvironment.connect(ServiceTestResource.DATABASE);
    }

    public static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** The first column of the first row of a query (a count, an id). */
    public static long count(String sql, Object... params) throws SQLException {
        try (Connection connection = db(); PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                statement.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** The text of the first column of the first row, or null when there is no row. */
    public static String text(String sql, Object... params) throws SQLException {
        try (Connection connection = db(); PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                statement.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    /** The first row of a query, column label to value (JDBC's object for the column), or null when there is none. */
    public static Map<String, Object> row(String sql, Object... params) throws SQLException {
        try (Connection connection = db(); PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                statement.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = statement.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                ResultSetMetaData columns = rs.getMetaData();
                Map<String, Object> row = new LinkedHashMap<>();
                for (int i = 1; i <= columns.getColumnCount(); i++) {
                    row.put(columns.getColumnLabel(i), rs.getObject(i));
                }
                return row;
            }
        }
    }
}
