-- One-time links that create the first administrator from the browser (/setup?token=...). Only the
-- SHA-256 of the 256-bit token is stored; every row is deleted once an administrator exists.
CREATE TABLE setup_tokens (
    token_hash CHAR(64)    NOT NULL,
    created_at DATETIME(6) NOT NULL,
    PRIMARY KEY (token_hash)
);
