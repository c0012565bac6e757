-- OAuth 1.0a credentials of integrations (issue 16), as Magento's integration activation hands them out: a
-- consumer key and secret, an access token and its secret. The access token is the integration's bearer token
-- itself (Magento: oauth/consumer/enable_integration_as_bearer), so one revocation stops both uses.
--
-- Verifying an HMAC signature needs both secrets in clear, so they cannot be hashed: they are stored encrypted
-- (AES-256-GCM, key OAUTH_SECRETS_KEY, known to the services only). The consumer key travels in clear in every
-- request (it is an identifier, as in Magento); the access token is found by its SHA-256 alone.
create table integration_oauth (
    integration_id      integer     primary key references integration (id),
    consumer_key        varchar(32) not null unique,
    consumer_secret_enc text        not null,
    token_sha256        char(64)    not null unique,
    token_secret_enc    text        not null,
    created_at          timestamptz not null default now()
);

-- Nonces seen per consumer within the timestamp window: a signed request is accepted once. Shared by every
-- replica of every service (the primary key refuses the second insert wherever it happens); rows older than the
-- window can never match an accepted timestamp again and are purged.
create table oauth_nonce (
    consumer_key varchar(32) not null,
    nonce        varchar(255) not null,
    seen_at      timestamptz not null default now(),
    primary key (consumer_key, nonce)
);
create index oauth_nonce_seen_at_idx on oauth_nonce (seen_at);
