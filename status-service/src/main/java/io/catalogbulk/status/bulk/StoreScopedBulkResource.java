package io.catalogbulk.status.bulk;

import jakarta.ws.rs.Path;

/**
 * The same routes under a store code ({@code /rest/default/V1/bulk/...}), for clients whose base URL carries
 * one. Bulk status does not depend on the store; an unknown store code is still 400 ({@link StoreCodeCheck}).
 */
@Path("/rest/{store}/V1/bulk")
public class StoreScopedBulkResource extends BulkResource {
}
