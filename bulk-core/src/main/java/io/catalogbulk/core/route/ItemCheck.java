package io.catalogbulk.core.route;

import java.util.List;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.catalogbulk.core.webapi.Phrase;

/**
 * A rule across the normalized parameters of one request item (a password policy, say) that needs no
 * database: violations refuse the request (or the whole bulk) before anything is stored.
 */
@FunctionalInterface
public interface ItemCheck {

    List<Phrase> check(ObjectNode params);
}
