package gatehouse.config;

/** The JWT signature algorithms Gatehouse can issue tokens with. */
public enum SigningAlgorithm { RS256, ES256, HS256 }
