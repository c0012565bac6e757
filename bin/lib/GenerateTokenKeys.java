import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;

/**
 * Writes an RSA key pair for signing (ingest-service) and verifying (every service) tokens, as PEM files.
 * Run with the JDK alone: java bin/lib/GenerateTokenKeys.java <directory>
 */
public class GenerateTokenKeys {
    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args.length > 0 ? args[0] : ".run/keys");
        Files.createDirectories(dir);
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair pair = generator.generateKeyPair();
        Files.writeString(dir.resolve("token-private.pem"), pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
        Files.writeString(dir.resolve("token-public.pem"), pem("PUBLIC KEY", pair.getPublic().getEncoded()));
        System.out.println("Token keys written to " + dir.toAbsolutePath());
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
