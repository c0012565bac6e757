package io.catalogbulk.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InfraSettingsTest {

    @TempDir
    Path directory;

    @Test
    void anOptionWinsOverTheEnvironmentWhichWinsOverTheDefault() {
        InfraSettings defaults = InfraSettings.parse(List.of(), Map.of());
        assertEquals(Path.of(".run/embedded").toAbsolutePath().normalize(), defaults.directory());
        assertEquals(55432, defaults.postgresPort());
        assertEquals(55672, defaults.amqpPort());
        assertEquals("catalog_bulk", defaults.database());

        Map<String, String> environment = Map.of("EMBEDDED_POSTGRES_PORT", "6000", "EMBEDDED_AMQP_PORT", "6001");
        InfraSettings settings = InfraSettings.parse(List.of("--amqp-port", "7001", "--dir", directory.toString()), environment);
        assertEquals(6000, settings.postgresPort());
        assertEquals(7001, settings.amqpPort());
        assertEquals(directory, settings.directory());
        assertEquals(settings, InfraSettings.parse(settings.asArguments(), Map.of()), "what the background process is given");
    }

    @Test
    void refusesWhatItCannotUse() {
        assertThrows(IllegalArgumentException.class, () -> InfraSettings.parse(List.of("--port", "1"), Map.of()));
        assertThrows(IllegalArgumentException.class, () -> InfraSettings.parse(List.of("--dir"), Map.of()));
        assertThrows(IllegalArgumentException.class, () -> InfraSettings.parse(List.of("--amqp-port", "70000"), Map.of()));
        // The name goes into the services' JDBC URL and a CREATE DATABASE.
        assertThrows(IllegalArgumentException.class, () -> InfraSettings.parse(List.of("--database", "x\"; DROP"), Map.of()));
    }

    @Test
    void generatesThePasswordOnceKeepsItPrivateAndRefusesAnotherOneLater() throws Exception {
        InfraSettings settings = InfraSettings.parse(List.of("--dir", directory.toString()), Map.of());
        String generated = Credentials.password(settings, Map.of());
        assertTrue(generated.matches("[A-Za-z0-9]{24}"), generated);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(settings.passwordFile())));
        assertEquals(generated, Credentials.password(settings, Map.of()));
        assertEquals(generated, Credentials.password(settings, Map.of("EMBEDDED_PASSWORD", generated)));
        assertThrows(IllegalStateException.class, () -> Credentials.password(settings, Map.of("EMBEDDED_PASSWORD", "other")));
    }
}
