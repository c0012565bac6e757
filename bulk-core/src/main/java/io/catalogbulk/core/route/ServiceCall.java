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
     * Service name, lower case: the interface name without "Interface" and a trailing "Repository" or
     * "Management" (ProductRepositoryInterface gives "product", AccountManagementInterface "account").
     */
    public String service() {
        String[] parts = serviceClass.split("\\\\");
        String name = parts[parts.length - 1];
        name = strip(name, "Interface");
        name = strip(name, "Repository");
        name = strip(name, "Management");
        return name.toLowerCase(Locale.ROOT);
    }

    private static String strip(String name, String suffix) {
        return name.endsWith(suffix) && name.length() > suffix.length() ? name.substring(0, name.length() - suffix.length()) : name;
    }

    /** {@code async.<module>.<service>.<method>.<http method>}, lower case. */
    public String topic(HttpMethod httpMethod) {
        return ("async." + module() + "." + service() + "." + method + "." + httpMethod.name()).toLowerCase(Locale.ROOT);
    }

    public String display() {
        return serviceClass + "::" + method;
    }
}
