package io.catalogbulk.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

/**
 * Rendered manifests (helm template, kubectl kustomize) parsed into fabric8's typed Kubernetes objects; kinds
 * fabric8 does not know (KEDA, Prometheus operator) become GenericKubernetesResource. A document that is not a
 * valid object of its kind fails to parse, which is the first check every test gets for free.
 */
final class Manifests {

    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    final String text;
    final List<HasMetadata> objects;

    private Manifests(String text, List<HasMetadata> objects) {
        this.text = text;
        this.objects = objects;
    }

    static Manifests parse(String yaml) {
        List<HasMetadata> objects = new ArrayList<>();
        for (String document : yaml.split("(?m)^---\\s*$")) {
            boolean empty = document.lines().allMatch(line -> line.isBlank() || line.trim().startsWith("#"));
            if (empty) {
                continue;
            }
            Object parsed = SERIALIZATION.unmarshal(document);
            if (!(parsed instanceof HasMetadata object)) {
                throw new AssertionError("Not a Kubernetes object: " + document);
            }
            if (object.getMetadata() == null || object.getMetadata().getName() == null) {
                throw new AssertionError("Object without a name: " + document);
            }
            objects.add(object);
        }
        return new Manifests(yaml, objects);
    }

    <T extends HasMetadata> List<T> all(Class<T> type) {
        return objects.stream().filter(type::isInstance).map(type::cast).collect(Collectors.toList());
    }

    List<GenericKubernetesResource> kind(String kind) {
        return objects.stream().filter(o -> kind.equals(o.getKind())).filter(GenericKubernetesResource.class::isInstance)
                .map(GenericKubernetesResource.class::cast).collect(Collectors.toList());
    }

    long count(String kind) {
        return objects.stream().filter(o -> kind.equals(o.getKind())).count();
    }

    /** The only object of that type whose name matches. */
    <T extends HasMetadata> T one(Class<T> type, Predicate<String> name) {
        List<T> matches = all(type).stream().filter(o -> name.test(o.getMetadata().getName())).collect(Collectors.toList());
        assertEquals(1, matches.size(), () -> "one " + type.getSimpleName() + " expected, found "
                + matches.stream().map(o -> o.getMetadata().getName()).collect(Collectors.toList()));
        return matches.get(0);
    }

    /** The Deployment of a component (ingest, worker, status), by its app.kubernetes.io/component label. */
    Deployment deployment(String component) {
        List<Deployment> matches = all(Deployment.class).stream()
                .filter(d -> component.equals(d.getSpec().getTemplate().getMetadata().getLabels().get("app.kubernetes.io/component")))
                .collect(Collectors.toList());
        assertEquals(1, matches.size(), () -> "one Deployment of component " + component);
        return matches.get(0);
    }

    static PodSpec pod(Deployment deployment) {
        return deployment.getSpec().getTemplate().getSpec();
    }
}
