package gatehouse.oidc;

/** Whether a client can keep a secret (a server-side application) or not (a browser or mobile app, PKCE only). */
public enum ClientType {
    CONFIDENTIAL,
    PUBLIC
}
