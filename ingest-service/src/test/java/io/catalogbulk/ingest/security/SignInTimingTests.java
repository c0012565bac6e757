package io.catalogbulk.ingest.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

import io.catalogbulk.ingest.support.IngestTestSupport;
import io.catalogbulk.testsupport.ServiceTestResource;

/**
 * A wrong user name and a wrong password take the same time, so the token route cannot be used to find out which
 * user names exist. Statistically honest on a busy machine: the two kinds of attempt are interleaved in random order
 * (so load changes hit both alike), each existing account gets fewer wrong passwords than the lockout (so every
 * attempt takes the counted path a prober would see), the medians are compared, and the tolerance comes from the
 * noise measured in the same run (four standard errors of the difference of medians, by bootstrap), not from a
 * fixed number of milliseconds; a difference below 5% of an attempt is accepted whatever the noise. A loaded
 * machine therefore widens the tolerance instead of failing the test, and only a difference that stands out of
 * the run's own noise fails it.
 */
@QuarkusTest
@WithTestResource(ServiceTestResource.class)
class SignInTimingTests {

    private static final String ROUTE = "/rest/V1/integration/admin/token";
    /** Wrong passwords per existing account: below the lockout (6), so none is locked and every failure is counted. */
    private static final int ATTEMPTS_PER_ACCOUNT = 5;
    private static final int ACCOUNTS = 40;
    private static final int WARM_UP = 20;

    @Test
    void aWrongUserNameAndAWrongPasswordTakeTheSameTime() {
        String prefix = IngestTestSupport.unique("timing");
        List<String> existing = new ArrayList<>();
        for (int i = 0; i < ACCOUNTS; i++) {
            String username = prefix + "-" + i;
            SecurityApi.user(username, "Right-Password-1", SecurityApi.PRODUCTS);
            existing.add(username);
        }
        List<String[]> attempts = new ArrayList<>(); // {kind, username}
        for (int round = 0; round < ATTEMPTS_PER_ACCOUNT; round++) {
            for (String username : existing) {
                attempts.add(new String[] {"existing", username});
                attempts.add(new String[] {"unknown", prefix + "-nobody-" + round + "-" + username.hashCode()});
            }
        }
        Random random = new Random();
        Collections.shuffle(attempts, random);
        for (int i = 0; i < WARM_UP; i++) {
            SecurityApi.signInStatus(ROUTE, prefix + "-warm-up-" + i, "Wrong-Password-1");
        }

        List<Double> unknown = new ArrayList<>();
        List<Double> wrongPassword = new ArrayList<>();
        for (String[] attempt : attempts) {
            long started = System.nanoTime();
            int status = SecurityApi.signInStatus(ROUTE, attempt[1], "Wrong-Password-1");
            double millis = (System.nanoTime() - started) / 1e6;
            assertEquals(401, status, attempt[0]);
            (attempt[0].equals("existing") ? wrongPassword : unknown).add(millis);
        }

        double[] a = unknown.stream().mapToDouble(Double::doubleValue).toArray();
        double[] b = wrongPassword.stream().mapToDouble(Double::doubleValue).toArray();
        double difference = median(b) - median(a);
        double noise = bootstrapStandardError(a, b, random);
        // Within noise: 4 standard errors of the measured difference; and a leak must stay below 5% of an attempt.
        double tolerance = Math.max(4 * noise, 0.05 * median(a));
        String summary = String.format("unknown user: median %.3f ms (n=%d); wrong password: median %.3f ms (n=%d); difference %.3f ms;"
                + " standard error %.3f ms; tolerance %.3f ms", median(a), a.length, median(b), b.length, difference, noise, tolerance);
        System.out.println("[sign-in timing] " + summary);
        assertTrue(Math.abs(difference) <= tolerance, summary);
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    /** The standard deviation of the difference of medians over resamples (with replacement) of both series. */
    static double bootstrapStandardError(double[] a, double[] b, Random random) {
        int resamples = 2000;
        double[] differences = new double[resamples];
        for (int r = 0; r < resamples; r++) {
            differences[r] = median(resample(b, random)) - median(resample(a, random));
        }
        double mean = Arrays.stream(differences).average().orElse(0);
        return Math.sqrt(Arrays.stream(differences).map(d -> (d - mean) * (d - mean)).sum() / (resamples - 1));
    }

    private static double[] resample(double[] values, Random random) {
        double[] out = new double[values.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = values[random.nextInt(values.length)];
        }
        return out;
    }
}
