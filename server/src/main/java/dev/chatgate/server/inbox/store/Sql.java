package dev.chatgate.server.inbox.store;

import javax.sql.DataSource;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/** The JDBC chores every dialect and the store share. */
public final class Sql {

    private Sql() {
    }

    /** Work in one transaction. */
    public interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    /** {@code work} in one transaction: committed when it returns, rolled back when it throws. */
    public static <T> T inTransaction(DataSource dataSource, Work<T> work) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        }
    }

    /** One statement with these parameters, in order; the number of rows it changed. */
    public static int execute(Connection connection, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            return statement.executeUpdate();
        }
    }

    /**
     * Ids go in as one array parameter ({@code id = ANY (?)}), not an IN list: one statement text whatever their
     * number, so both databases prepare and plan it once instead of once per list length.
     */
    public static void setIds(PreparedStatement statement, int index, List<Long> ids) throws SQLException {
        statement.setArray(index, idArray(statement.getConnection(), ids));
    }

    public static Array idArray(Connection connection, List<Long> ids) throws SQLException {
        return connection.createArrayOf("BIGINT", ids.toArray());
    }

    /**
     * A connection in autocommit, for what must run outside a transaction block or is one on its own. The pool's
     * connections are not; HikariCP sets autocommit back when this one is returned, also after a failure.
     */
    public static Connection autocommitConnection(DataSource dataSource) throws SQLException {
        Connection connection = dataSource.getConnection();
        try {
            connection.setAutoCommit(true);
            return connection;
        } catch (SQLException e) {
            connection.close();
            throw e;
        }
    }

    /** Delivered: the events leave the pending table (the retention counts from their receipt). */
    public static int markDone(Connection connection, List<Long> ids, String owner) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement("DELETE FROM inbox_pending"
                + " WHERE lease_owner = ? AND id = ANY (?)")) {
            delete.setString(1, owner);
            setIds(delete, 2, ids);
            return delete.executeUpdate();
        }
    }
}
