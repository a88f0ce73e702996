-- Custom (drizzle-kit generate --custom). The device a token's hash names, looked up by a device request's own
-- statements, so the request authenticates in the round trip of its work instead of one before it. When no device
-- has the hash it raises SQLSTATE 28000 (invalid_authorization_specification): the statement fails, and with it
-- the request's transaction, before anything is written. STABLE: one lookup per statement where it is written as
-- an uncorrelated subquery.
CREATE FUNCTION device_for_token(hash text) RETURNS uuid
LANGUAGE plpgsql STABLE AS $$
DECLARE
  found uuid;
BEGIN
  SELECT id INTO found FROM devices WHERE token_hash = hash;
  IF found IS NULL THEN
    RAISE EXCEPTION 'unknown device token' USING ERRCODE = 'invalid_authorization_specification';
  END IF;
  RETURN found;
END
$$;
