-- Tollgate tenant store, schema version 1. Portable SQL (H2 2.x, PostgreSQL 15). Every statement
-- may run again harmlessly (IF NOT EXISTS): two servers starting on an empty database at once
-- may both get this far before one of them records the version.

-- One row per stored tenant. revision comes from tollgate_revision and so never repeats for a
-- tenant, also after it was removed and saved again.
CREATE TABLE IF NOT EXISTS tollgate_tenant (
    client VARCHAR(100) NOT NULL,
    tenant VARCHAR(100) NOT NULL,
    revision BIGINT NOT NULL,
    PRIMARY KEY (client, tenant)
);

-- One row per value of a tenant, protected by the key key_id with AES-256-GCM and the 12-byte
-- nonce (base64). A secret value (secret = TRUE) is encrypted: stored_value is the base64 of its
-- ciphertext and tag. Any other value is stored clear in stored_value and authenticated by tag
-- (base64), so that no row can be altered, made clear, or copied elsewhere unnoticed.
CREATE TABLE IF NOT EXISTS tollgate_tenant_value (
    client VARCHAR(100) NOT NULL,
    tenant VARCHAR(100) NOT NULL,
    key_name VARCHAR(100) NOT NULL,
    secret BOOLEAN NOT NULL,
    key_id VARCHAR(32) NOT NULL,
    nonce VARCHAR(32) NOT NULL,
    stored_value VARCHAR NOT NULL,
    tag VARCHAR(32),
    PRIMARY KEY (client, tenant, key_name),
    FOREIGN KEY (client, tenant) REFERENCES tollgate_tenant (client, tenant) ON DELETE CASCADE
);

-- The last revision handed out, one row: every save takes the next number.
CREATE TABLE IF NOT EXISTS tollgate_revision (
    id INT NOT NULL PRIMARY KEY,
    last_revision BIGINT NOT NULL
);

INSERT INTO tollgate_revision (id, last_revision) SELECT 1, 0 WHERE NOT EXISTS (SELECT 1 FROM tollgate_revision WHERE id = 1);
