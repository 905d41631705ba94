-- The outbox trigger, fit for a Citus schema-sharded cluster (docs/scale-out.md), where it runs on the
-- worker holding the region's schema:
-- * its search_path is pinned to the one it was created under (the region's schema, then public): a
--   worker's session does not have the region's schema on its path, and "webhook_endpoints" would
--   not resolve;
-- * it copies the transition table row by row: on a worker an INSERT … SELECT from a transition
--   table is planned as a distributed query that cannot see the tuplestore.
-- It still returns before reading the transition table while no endpoint could receive events, so
-- the intake pays nothing for webhooks nobody configured.
CREATE OR REPLACE FUNCTION webhook_outbox_capture() RETURNS trigger LANGUAGE plpgsql
SET search_path FROM CURRENT AS $$
DECLARE
  n record;
BEGIN
  IF NOT EXISTS (SELECT 1 FROM webhook_endpoints e WHERE e.enabled OR e.disabled_reason = 'failures') THEN
    RETURN NULL;
  END IF;
  FOR n IN SELECT id, report_id, created_at FROM new_events LOOP
    INSERT INTO webhook_outbox (report_event_id, report_id, created_at) VALUES (n.id, n.report_id, n.created_at);
  END LOOP;
  RETURN NULL;
END
$$;
