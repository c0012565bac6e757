package io.catalogbulk.core.route;

import java.util.Locale;

/**
 * The Magento service method a route calls, e.g. {@code Magento\Catalog\Api\ProductRepositoryInterface::save}.
 * It names the route in result messages and is the source of the topic name.
 */
public record ServiceCall(String serviceClass, String method) {

    public ServiceCall {
        if (serviceClass.split("\\\\").length < 3) {
            throw new IllegalArgumentException("Expected Vendor\\Module\\...\\Interface, got " + serviceClass);
        }
    }

    /** Module name, lower case: the second namespace segment (Magento\Catalog\... gives "catalog"). */
    public String module() {
        return serviceClass.split("\\\\")[1].toLowerCase(Locale.ROOT);
    }

    /**
     * The topic as Magento 2.4 names it (WebapiAsync's Config::generateTopicName): {@code async.} + the service
     * interface with {@code \} as {@code .} + {@code .} + method + {@code .} + HTTP method, all lower case:
     * {@code async.magento.catalog.api.productrepositoryinterface.save.post}. Integrations search operations and
     * route messages by it.
     */
    public String topic(HttpMethod httpMethod) {
        return ("async." + serviceClass.replace('\\', '.') + "." + method + "." + httpMethod.name()).toLowerCase(Locale.ROOT);
    }

    /**
     * The name this system gave the topic before it followed Magento ({@code async.catalog.product.save.post}: module,
     * interface without Interface/Repository/Management, method, HTTP method). Operations stored under it were renamed
     * by migration V60.1; messages published under it by a service of the older version during a rolling upgrade
     * still reach their route through this name.
     */
    public String legacyTopic(HttpMethod httpMethod) {
        String[] parts = serviceClass.split("\\\\");
        String name = parts[parts.length - 1];
        for (String suffix : new String[] {"Interface", "Repository", "Management"}) {
            if (name.endsWith(suffix) && name.length() > suffix.length()) {
                name = name.substring(0, name.length() - suffix.length());
            }
        }
        return ("async." + module() + "." + name + "." + method + "." + httpMethod.name()).toLowerCase(Locale.ROOT);
    }

    public String display() {
        return serviceClass + "::" + method;
    }
}
