package io.catalogbulk.catalog.importexport;

import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

/** Every {@link ImportEntityType} bean, by its code. */
@ApplicationScoped
public class ImportEntityTypes {

    @Inject
    @Any
    Instance<ImportEntityType> types;

    public Optional<ImportEntityType> byCode(String code) {
        return types.stream().filter(type -> type.code().equals(code)).findFirst();
    }

    public List<String> codes() {
        return types.stream().map(ImportEntityType::code).sorted().toList();
    }
}
