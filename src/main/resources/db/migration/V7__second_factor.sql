-- Second factor (TOTP, RFC 6238) and recovery codes.

-- One authenticator per member. The secret is AES-GCM ciphertext under a key derived from the pepper,
-- never the secret itself. last_used_step is the 30-second step of the last accepted code: a code is
-- accepted only for a later step, so no code works twice, on any instance.
CREATE TABLE second_factors (
    user_id          CHAR(36)     NOT NULL,
    secret_sealed    VARCHAR(200) NOT NULL,
    enabled_at       DATETIME(6)  NOT NULL,
    last_used_step   BIGINT       NULL,
    PRIMARY KEY (user_id),
    FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
);

-- Ten one-time codes for a lost phone, stored only as keyed hashes (HMAC-SHA-256 under a pepper-derived key).
CREATE TABLE recovery_codes (
    user_id    CHAR(36)    NOT NULL,
    code_hash  CHAR(64)    NOT NULL,
    created_at DATETIME(6) NOT NULL,
    used_at    DATETIME(6) NULL,
    PRIMARY KEY (user_id, code_hash),
    FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
);

-- A login whose password was right and whose second factor is still to come: held by the browser (cookie)
-- or API client as a random token, stored here by SHA-256 hash only; valid a few minutes.
CREATE TABLE login_challenges (
    token_hash CHAR(64)     NOT NULL,
    user_id    CHAR(36)     NOT NULL,
    next_path  VARCHAR(2000) NOT NULL,
    failures   INT          NOT NULL,
    created_at DATETIME(6)  NOT NULL,
    expires_at DATETIME(6)  NOT NULL,
    PRIMARY KEY (token_hash),
    FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
);
CREATE INDEX login_challenges_expires_at ON login_challenges (expires_at);

-- How the session was opened (the access token's amr claim): 'pwd', or 'pwd otp' after a second factor.
ALTER TABLE sessions ADD COLUMN amr VARCHAR(20) NOT NULL DEFAULT 'pwd';
