package io.catalogbulk.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.TemplateCommand;

import tools.jackson.databind.ObjectMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The chart in helm/catalog-bulk, rendered and linted by Helm itself (helm-java bundles Helm's library).
 * Value sets are the chart's ci/*-values.yaml files (the chart-testing convention) plus this module's test
 * sets; a token key pair is generated per run for the sets that do not name an existingSecret, so no private
 * key is ever committed.
 */
final class Chart {

    static final String RELEASE = "cb";
    static final String NAMESPACE = "shop";
    /** Helm-java's template assumes Kubernetes 1.20 without a cluster; the chart needs 1.25 or later. */
    static final String KUBE_VERSION = "1.31.0";

    private static final ObjectMapper YAML = new YAMLMapper();
    private static Path keysValues;

    private Chart() {
    }

    static Path dir() {
        return Project.file("helm/catalog-bulk");
    }

    /** A value set: "default" (the chart's values.yaml only), a ci/ file's prefix, or a test resource. */
    static Path valueSet(String name) {
        Path ci = dir().resolve("ci").resolve(name + "-values.yaml");
        if (Files.exists(ci)) {
            return ci;
        }
        Path test = Path.of("src/test/resources/values").resolve(name + "-values.yaml").toAbsolutePath();
        if (Files.exists(test)) {
            return test;
        }
        throw new IllegalArgumentException("No value set " + name);
    }

    /** Value files to apply for a set, generated keys first (a set may still override them). */
    static List<Path> valueFiles(String set) {
        List<Path> files = new ArrayList<>();
        files.add(keysValues());
        if (!"default".equals(set)) {
            files.add(valueSet(set));
        }
        return files;
    }

    /** helm template of one value set; throws with Helm's message when rendering fails. */
    static String template(String set) {
        TemplateCommand command = new Helm(dir()).template().withName(RELEASE).withNamespace(NAMESPACE)
                .withKubeVersion(KUBE_VERSION);
        for (Path file : valueFiles(set)) {
            command = command.withValuesFile(file);
        }
        return command.call();
    }

    static Manifests render(String set) {
        return Manifests.parse(template(set));
    }

    /**
     * helm lint --strict with a value set. Helm's lint reads only the chart's values.yaml, so the chart is copied
     * and its values.yaml replaced by the default values merged with the set, exactly as Helm merges -f files.
     */
    @SuppressWarnings("unchecked")
    static LintResult lint(String set) {
        try {
            Path copy = Files.createTempDirectory("catalog-bulk-chart-");
            try (Stream<Path> files = Files.walk(dir())) {
                for (Path source : (Iterable<Path>) files::iterator) {
                    Path target = copy.resolve(dir().relativize(source).toString());
                    if (Files.isDirectory(source)) {
                        Files.createDirectories(target);
                    } else {
                        Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
            Map<String, Object> values = YAML.readValue(dir().resolve("values.yaml").toFile(), LinkedHashMap.class);
            for (Path file : valueFiles(set)) {
                merge(values, YAML.readValue(file.toFile(), LinkedHashMap.class));
            }
            YAML.writeValue(copy.resolve("values.yaml").toFile(), values);
            return new Helm(copy).lint().strict().call();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static void merge(Map<String, Object> into, Map<String, Object> from) {
        for (Map.Entry<String, Object> entry : from.entrySet()) {
            Object existing = into.get(entry.getKey());
            if (existing instanceof Map && entry.getValue() instanceof Map) {
                merge((Map<String, Object>) existing, (Map<String, Object>) entry.getValue());
            } else {
                into.put(entry.getKey(), entry.getValue());
            }
        }
    }

    /** A values file with the required secrets: a fresh RSA pair in PEM (as bin/lib/GenerateTokenKeys.java writes them), an admin password. */
    static synchronized Path keysValues() {
        if (keysValues != null) {
            return keysValues;
        }
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            Map<String, Object> tokens = new LinkedHashMap<>();
            tokens.put("publicKey", pem("PUBLIC KEY", pair.getPublic().getEncoded()));
            tokens.put("privateKey", pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
            Path file = Files.createTempFile("catalog-bulk-keys-", ".yaml");
            file.toFile().deleteOnExit();
            YAML.writeValue(file.toFile(), Map.of("tokens", tokens, "admin", Map.of("password", "generated-" + System.nanoTime())));
            keysValues = file;
            return file;
        } catch (NoSuchAlgorithmException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
