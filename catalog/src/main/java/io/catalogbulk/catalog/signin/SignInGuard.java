package io.catalogbulk.catalog.signin;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.catalogbulk.catalog.customer.PasswordHasher;
import io.catalogbulk.core.webapi.Phrase;
import io.catalogbulk.core.webapi.WebapiException;

/**
 * The password check of the token routes, with Magento's lockout: after {@code lockout-failures} failures in a
 * row the account is refused for {@code lockout-duration}, even with the right password. Every attempt costs
 * exactly one bcrypt comparison, whether the account exists, is locked, disabled or not (a dummy hash stands
 * in for a missing one), and every refusal one failure-count statement (on no row when nothing is counted), so the
 * answer's timing does not tell which accounts exist (SignInTimingTests). Every refusal is the same 401 message. Failures are counted on a connection of their own: the request's transaction rolls back with the
 * 401 and must not take the count with it.
 */
@ApplicationScoped
public class SignInGuard {

    public static final String SIGN_IN_FAILED = "The account sign-in was incorrect or your account is disabled temporarily. "
            + "Please wait and try again later.";

    private static final Logger LOG = Logger.getLogger(SignInGuard.class);

    @Inject
    PasswordHasher hasher;

    @Inject
    DataSource dataSource;

    @Inject
    SignInConfig config;

    private String dummyHash;

    @PostConstruct
    void init() {
        dummyHash = hasher.hash(UUID.randomUUID().toString());
    }

    /** The tables that hold accounts; fixed names, never from a request. */
    public enum Kind {
        ADMIN("admin_user", "user_id"), CUSTOMER("customer", "id");

        final String table;
        final String idColumn;

        Kind(String table, String idColumn) {
            this.table = table;
            this.idColumn = idColumn;
        }

        /** Columns every account query reads first: id, hash, active, locked (lock_expires in the future). */
        public String select(String moreColumns, String where) {
            return "SELECT " + idColumn + ", password_hash, " + (this == ADMIN ? "is_active" : "TRUE")
                    + ", coalesce(lock_expires > now(), false), " + moreColumns + " FROM " + table + " WHERE " + where;
        }
    }

    /** An account as the token route read it. */
    public record Account(Kind kind, int id, String passwordHash, boolean active, boolean locked) {

        public static Account read(Kind kind, ResultSet rs) throws SQLException {
            return new Account(kind, rs.getInt(1), rs.getString(2), rs.getBoolean(3), rs.getBoolean(4));
        }
    }

    /** No account has this id: the statement a refusal runs when there is no failure to count. */
    private static final int NO_ACCOUNT = -1;

    /**
     * Passes, or throws the sign-in 401 and counts the failure. Every refusal runs the same statement, on the
     * account's row when its failure counts and on no row when there is none to count (unknown user, locked account),
     * so a refusal takes the same time whether the user name exists or not.
     */
    public void check(Kind kind, Account account, String password) {
        boolean matches = PasswordHasher.matches(password, account == null || account.passwordHash() == null ? dummyHash
                : account.passwordHash());
        boolean counts = account != null && !account.locked(); // the lock runs out on its own; attempts while it lasts do not count
        if (counts && matches && account.active() && account.passwordHash() != null) {
            reset(account);
            return;
        }
        recordFailure(kind, counts ? account.id() : NO_ACCOUNT);
        throw failed();
    }

    private void recordFailure(Kind kind, int id) {
        // One statement: concurrent failures cannot lose a count, and the lock starts at the failure that reaches it.
        // Without waiting for the WAL flush: a row written must not take longer than no row written (a crash of the
        // database may forget the last fraction of a second of counts, never a lock already read back).
        String sql = "UPDATE " + kind.table + " SET failures_num = CASE WHEN failures_num + 1 >= ? THEN 0 ELSE failures_num + 1 END,"
                + " lock_expires = CASE WHEN failures_num + 1 >= ? THEN now() + ? * interval '1 millisecond' ELSE lock_expires END"
                + " WHERE " + kind.idColumn + " = ?";
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (Statement asynchronous = connection.createStatement(); PreparedStatement statement = connection.prepareStatement(sql)) {
                asynchronous.execute("SET LOCAL synchronous_commit TO OFF");
                statement.setInt(1, config.lockoutFailures());
                statement.setInt(2, config.lockoutFailures());
                statement.setLong(3, config.lockoutDuration().toMillis());
                statement.setInt(4, id);
                statement.executeUpdate();
                connection.commit();
            } catch (SQLException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            LOG.warnf("Could not count a failed sign-in of %s %d: %s", kind.table, id, e.getMessage());
        }
    }

    private void reset(Account account) {
        String sql = "UPDATE " + account.kind().table + " SET failures_num = 0, lock_expires = NULL WHERE " + account.kind().idColumn
                + " = ? AND (failures_num <> 0 OR lock_expires IS NOT NULL)";
        try (Connection connection = dataSource.getConnection(); PreparedStatement statement = connection.prepareStatement(sql)) {
            connection.setAutoCommit(true);
            statement.setInt(1, account.id());
            statement.executeUpdate();
        } catch (SQLException e) {
            LOG.warnf("Could not reset the failed sign-ins of %s %d: %s", account.kind().table, account.id(), e.getMessage());
        }
    }

    public static WebapiException failed() {
        return new WebapiException(401, Phrase.of(SIGN_IN_FAILED));
    }
}
