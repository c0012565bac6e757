package io.catalogbulk.core.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.catalogbulk.core.security.OAuthSignature.Param;

/**
 * The signature base string and signatures against published vectors: RFC 5849's own examples, the OAuth Core 1.0
 * Appendix A request (which Magento's OAuth library, Zend_Oauth / laminas-oauth, reproduces in its tests), and the
 * way Magento's API-functional OAuth client signs searchCriteria query strings.
 */
class OAuthSignatureTest {

    /** RFC 5849 3.4.1.1: the POST with query and form parameters, and its base string and parameters verbatim. */
    @Test
    void rfc5849SignatureBaseStringExample() {
        Map<String, String> header = OAuthSignature.authorizationParameters("OAuth realm=\"Example\","
                + " oauth_consumer_key=\"9djdj82h48djs9d2\", oauth_token=\"kkk9d7dh3k39sjv7\","
                + " oauth_signature_method=\"HMAC-SHA1\", oauth_timestamp=\"137131201\", oauth_nonce=\"7d8f3e4a\","
                + " oauth_signature=\"bYT5CMsGcbgUdFHObYMEfcx6bsw%3D\"").orElseThrow();
        assertEquals("bYT5CMsGcbgUdFHObYMEfcx6bsw=", header.get("oauth_signature"), "values are percent-decoded");
        assertTrue(!header.containsKey("realm"), "realm is not a signed parameter");

        List<Param> params = new ArrayList<>(OAuthSignature.formParameters("b5=%3D%253D&a3=a&c%40=&a2=r%20b"));
        params.addAll(OAuthSignature.formParameters("c2&a3=2+q"));
        header.forEach((name, value) -> params.add(new Param(name, value)));

        assertEquals("a2=r%20b&a3=2%20q&a3=a&b5=%3D%253D&c%40=&c2=&oauth_consumer_key=9djdj82h48djs9d2&oauth_nonce=7d8f3e4a"
                + "&oauth_signature_method=HMAC-SHA1&oauth_timestamp=137131201&oauth_token=kkk9d7dh3k39sjv7",
                OAuthSignature.normalizedParameters(params));
        assertEquals("POST&http%3A%2F%2Fexample.com%2Frequest&a2%3Dr%2520b%26a3%3D2%2520q%26a3%3Da%26b5%3D%253D%25253D%26c%2540%3D"
                + "%26c2%3D%26oauth_consumer_key%3D9djdj82h48djs9d2%26oauth_nonce%3D7d8f3e4a%26oauth_signature_method%3DHMAC-SHA1"
                + "%26oauth_timestamp%3D137131201%26oauth_token%3Dkkk9d7dh3k39sjv7",
                OAuthSignature.baseString("post", OAuthSignature.baseUri("http", "example.com", 80, "/request"), params));
    }

    /** RFC 5849 3.4.1.2's base string URIs. */
    @Test
    void rfc5849BaseStringUri() {
        assertEquals("http://example.com/r%20v/X", OAuthSignature.baseUri("HTTP", "EXAMPLE.COM", 80, "/r%20v/X"));
        assertEquals("https://www.example.net:8080/", OAuthSignature.baseUri("https", "www.example.net", 8080, "/"));
        assertEquals("https://example.com/rest/V1/products", OAuthSignature.baseUri("https", "example.com", 443, "/rest/V1/products"));
        assertEquals("http://localhost:8080/rest/V1/products", OAuthSignature.baseUri("http", "localhost", 8080, "/rest/V1/products"));
        assertEquals("http://example.com/", OAuthSignature.baseUri("http", "example.com", -1, ""));
    }

    /** OAuth Core 1.0 Appendix A.5: the photos request, HMAC-SHA1, its base string and signature. */
    @Test
    void oauthCoreAppendixAHmacSha1() {
        List<Param> params = new ArrayList<>(OAuthSignature.formParameters("file=vacation.jpg&size=original"));
        params.add(new Param("oauth_consumer_key", "dpf43f3p2l4k3l03"));
        params.add(new Param("oauth_token", "nnch734d00sl2jdk"));
        params.add(new Param("oauth_signature_method", "HMAC-SHA1"));
        params.add(new Param("oauth_timestamp", "1191242096"));
        params.add(new Param("oauth_nonce", "kllo9940pd9333jh"));
        params.add(new Param("oauth_version", "1.0"));
        String base = OAuthSignature.baseString("GET", OAuthSignature.baseUri("http", "photos.example.net", 80, "/photos"), params);
        assertEquals("GET&http%3A%2F%2Fphotos.example.net%2Fphotos&file%3Dvacation.jpg%26oauth_consumer_key%3Ddpf43f3p2l4k3l03"
                + "%26oauth_nonce%3Dkllo9940pd9333jh%26oauth_signature_method%3DHMAC-SHA1%26oauth_timestamp%3D1191242096"
                + "%26oauth_token%3Dnnch734d00sl2jdk%26oauth_version%3D1.0%26size%3Doriginal", base);
        assertEquals("tR3+Ty81lMeYAr/Fid0kMTYa/WM=", OAuthSignature.sign("HMAC-SHA1", base, "kd94hf93k423kf44", "pfkkdhi9sl3r4s00"));
    }

    /**
     * The same request signed with HMAC-SHA256 (what Magento 2.4.4+ clients send); the expected value was computed
     * independently with {@code openssl dgst -sha256 -hmac 'kd94hf93k423kf44&pfkkdhi9sl3r4s00' -binary | base64}.
     */
    @Test
    void hmacSha256OfTheAppendixARequest() {
        String base = "GET&http%3A%2F%2Fphotos.example.net%2Fphotos&file%3Dvacation.jpg%26oauth_consumer_key%3Ddpf43f3p2l4k3l03"
                + "%26oauth_nonce%3Dkllo9940pd9333jh%26oauth_signature_method%3DHMAC-SHA256%26oauth_timestamp%3D1191242096"
                + "%26oauth_token%3Dnnch734d00sl2jdk%26oauth_version%3D1.0%26size%3Doriginal";
        assertEquals("WVPzl1j6ZsnkIjWr7e3OZ3jkenL57KwaLFhYsroX1hg=",
                OAuthSignature.sign("HMAC-SHA256", base, "kd94hf93k423kf44", "pfkkdhi9sl3r4s00"));
        assertNotEquals(OAuthSignature.sign("HMAC-SHA256", base, "kd94hf93k423kf44", "pfkkdhi9sl3r4s00"),
                OAuthSignature.sign("HMAC-SHA256", base, "kd94hf93k423kf44", "another-secret"));
    }

    /**
     * Magento's API-functional OAuth client (TestFramework\Authentication\Rest\OauthClient\Signature) decodes the
     * query string, re-encodes each name and value with rawurlencode and sorts by encoded name: searchCriteria's
     * brackets are signed encoded, once in the parameters and again in the base string.
     */
    @Test
    void searchCriteriaQueryIsSignedAsMagentosClientSignsIt() {
        List<Param> params = OAuthSignature.formParameters(
                "searchCriteria%5Bfilter_groups%5D%5B0%5D%5Bfilters%5D%5B0%5D%5Bfield%5D=sku"
                        + "&searchCriteria[page_size]=10&searchCriteria%5Bfilter_groups%5D%5B0%5D%5Bfilters%5D%5B0%5D%5Bvalue%5D=MS%25");
        assertEquals("searchCriteria%5Bfilter_groups%5D%5B0%5D%5Bfilters%5D%5B0%5D%5Bfield%5D=sku"
                + "&searchCriteria%5Bfilter_groups%5D%5B0%5D%5Bfilters%5D%5B0%5D%5Bvalue%5D=MS%25"
                + "&searchCriteria%5Bpage_size%5D=10", OAuthSignature.normalizedParameters(params));
    }

    @Test
    void encodingFollowsRfc3986NotFormEncoding() {
        assertEquals("a%20b%2Bc~d-e.f_g%2A%27%21", OAuthSignature.encode("a b+c~d-e.f_g*'!"));
        assertEquals("%C3%A9%E2%82%AC", OAuthSignature.encode("é€"));
    }

    @Test
    void malformedOrForeignHeadersAreNotOAuth() {
        assertTrue(OAuthSignature.authorizationParameters("Bearer abc").isEmpty());
        assertTrue(OAuthSignature.authorizationParameters("OAuth oauth_nonce=unquoted").isEmpty());
        assertTrue(OAuthSignature.authorizationParameters("OAuth oauth_nonce=\"a\", oauth_nonce=\"b\"").isEmpty(),
                "a parameter given twice is refused");
        assertTrue(OAuthSignature.authorizationParameters("OAuth oauth_nonce=\"%zz\"").isEmpty());
        assertTrue(OAuthSignature.supported("HMAC-SHA256") && OAuthSignature.supported("HMAC-SHA1"));
        assertTrue(!OAuthSignature.supported("PLAINTEXT") && !OAuthSignature.supported("RSA-SHA1"));
    }

    @Test
    void secretsSurviveTheCipherAndAnotherKeyCannotReadThem() {
        SecretCipher cipher = SecretCipher.withKey("AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=");
        String sealed = cipher.encrypt("consumer-secret");
        assertEquals("consumer-secret", cipher.decrypt(sealed));
        assertNotEquals(sealed, cipher.encrypt("consumer-secret"), "a fresh IV per value");
        assertTrue(!sealed.contains("consumer-secret"));
        SecretCipher other = SecretCipher.withKey("HxwdHh8AAQIDBAUGBwgJCgsMDQ4PEBESExQVFhcYGRo=");
        try {
            other.decrypt(sealed);
            throw new AssertionError("decrypted with another key");
        } catch (IllegalStateException expected) {
            // refused, as it must be
        }
    }
}
