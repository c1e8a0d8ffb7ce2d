-- Schema version 3: patrol_areas lists the visits of live patrols only, so the last patrol of
-- an area is one index seek. Visits of patrols voided before this version are dropped (the
-- patrols themselves, their areas and their audit rows all stay).
DELETE FROM patrol_areas WHERE patrol_id IN (SELECT id FROM patrols WHERE void_reason <> '');
