-- OpenID Connect provider: registered client applications, members' consents, authorization codes
-- and the grants (one login session, i.e. refresh-token family, per code exchange).

-- An application that may send members here to log in. Lists are stored one item per line.
-- secret_hash is the SHA-256 of a 256-bit random secret (confidential clients only).
CREATE TABLE oauth_clients (
    client_id                 VARCHAR(64)   NOT NULL,
    name                      VARCHAR(200)  NOT NULL,
    client_type               VARCHAR(12)   NOT NULL,
    secret_hash               CHAR(64)      NULL,
    redirect_uris             VARCHAR(4000) NOT NULL,
    post_logout_redirect_uris VARCHAR(4000) NOT NULL,
    scopes                    VARCHAR(200)  NOT NULL,
    always_refresh            BOOLEAN       NOT NULL,
    created_at                DATETIME(6)   NOT NULL,
    PRIMARY KEY (client_id)
);

-- What a member allowed an application to know (remembered, revocable from the member page).
CREATE TABLE oauth_consents (
    user_id    CHAR(36)     NOT NULL,
    client_id  VARCHAR(64)  NOT NULL,
    scopes     VARCHAR(200) NOT NULL,
    granted_at DATETIME(6)  NOT NULL,
    PRIMARY KEY (user_id, client_id),
    FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE,
    FOREIGN KEY (client_id) REFERENCES oauth_clients (client_id) ON DELETE CASCADE
);

-- An authorization code, by SHA-256 hash only; used_at makes it single-use, session_id records what its
-- exchange issued so that a replay can revoke it.
CREATE TABLE oauth_codes (
    code_hash      CHAR(64)      NOT NULL,
    client_id      VARCHAR(64)   NOT NULL,
    user_id        CHAR(36)      NOT NULL,
    redirect_uri   VARCHAR(1000) NOT NULL,
    scopes         VARCHAR(200)  NOT NULL,
    nonce          VARCHAR(500)  NULL,
    code_challenge VARCHAR(128)  NULL,
    auth_time      DATETIME(6)   NOT NULL,
    amr            VARCHAR(50)   NOT NULL,
    locale         VARCHAR(10)   NOT NULL,
    created_at     DATETIME(6)   NOT NULL,
    expires_at     DATETIME(6)   NOT NULL,
    used_at        DATETIME(6)   NULL,
    session_id     CHAR(36)      NULL,
    PRIMARY KEY (code_hash),
    FOREIGN KEY (client_id) REFERENCES oauth_clients (client_id) ON DELETE CASCADE,
    FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
);
CREATE INDEX oauth_codes_expires_at ON oauth_codes (expires_at);

-- A client's grant: the session (refresh-token family) its tokens belong to, with what the ID tokens
-- of later refreshes must repeat (scopes, authentication time and methods, the member's language).
CREATE TABLE oauth_grants (
    session_id CHAR(36)     NOT NULL,
    client_id  VARCHAR(64)  NOT NULL,
    user_id    CHAR(36)     NOT NULL,
    scopes     VARCHAR(200) NOT NULL,
    auth_time  DATETIME(6)  NOT NULL,
    amr        VARCHAR(50)  NOT NULL,
    locale     VARCHAR(10)  NOT NULL,
    PRIMARY KEY (session_id),
    FOREIGN KEY (session_id) REFERENCES sessions (id) ON DELETE CASCADE,
    FOREIGN KEY (client_id) REFERENCES oauth_clients (client_id) ON DELETE CASCADE
);
CREATE INDEX oauth_grants_client_id ON oauth_grants (client_id);
CREATE INDEX oauth_grants_user_id ON oauth_grants (user_id);
