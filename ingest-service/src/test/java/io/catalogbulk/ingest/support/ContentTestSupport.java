package io.catalogbulk.ingest.support;

import static io.catalogbulk.ingest.support.IngestTestSupport.asAdmin;
import static io.catalogbulk.ingest.support.IngestTestSupport.unique;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.restassured.response.Response;

/** Helpers of the acceptance tests of the entity routes: a second store view, products, stored operations. */
public final class ContentTestSupport {

    private ContentTestSupport() {
    }

    /** One operation row as ingest stored it. */
    public record StoredOperation(int id, String topic, String serializedData, int storeId, String scope, int status) {
    }

    /** Creates a store view in the default website and returns its code. */
    public static String newStore() {
        String code = "s_" + unique("x").substring(2).replace("-", "");
        asAdmin().body("{\"store\":{\"code\":\"" + code + "\",\"name\":\"Store " + code + "\"}}").post("/rest/V1/store/storeViews")
                .then().statusCode(200);
        return code;
    }

    /** Creates a simple product with a global name and price; returns its SKU. */
    public static String newProduct(String name, int price) {
        String sku = unique("C-Sku");
        asAdmin().body("{\"product\":{\"sku\":\"" + sku + "\",\"name\":\"" + name + "\",\"attribute_set_id\":4,\"price\":" + price
                + ",\"type_id\":\"simple\"}}").post("/rest/all/V1/products").then().statusCode(200);
        return sku;
    }

    /** The operations of the bulk a 202 answer names, in id order (asserts the answer is a 202). */
    public static List<StoredOperation> accepted(Response response) throws SQLException {
        response.then().statusCode(202);
        return operations(UUID.fromString(response.path("bulk_uuid")));
    }

    public static List<StoredOperation> operations(UUID bulk) throws SQLException {
        List<StoredOperation> out = new ArrayList<>();
        try (var c = IngestTestSupport.db(); PreparedStatement s = c.prepareStatement(
                "select id, topic_name, serialized_data, store_id, store_scope, status from operation where bulk_uuid = ? order by id")) {
            s.setObject(1, bulk);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(new StoredOperation(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getInt(4), rs.getString(5),
                            rs.getInt(6)));
                }
            }
        }
        return out;
    }
}
