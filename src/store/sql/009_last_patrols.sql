-- Each area's latest live patrol, kept by triggers on patrol_areas (which holds live patrols
-- only). The day's area checks read 750 rows here instead of seeking each area's last date in
-- an index of every visit (1,343 page reads of `today` at ten years of patrols). `verify`
-- recomputes it like the visits themselves.
CREATE TABLE area_last_patrol (
    area_id TEXT PRIMARY KEY,
    date    TEXT NOT NULL
) WITHOUT ROWID;
INSERT INTO area_last_patrol (area_id, date)
    SELECT area_id, max(date) FROM patrol_areas GROUP BY area_id;
CREATE TRIGGER area_last_patrol_on_visit AFTER INSERT ON patrol_areas BEGIN
    INSERT INTO area_last_patrol (area_id, date) VALUES (new.area_id, new.date)
        ON CONFLICT (area_id) DO UPDATE SET date = excluded.date
        WHERE excluded.date > area_last_patrol.date;
END;
CREATE TRIGGER area_last_patrol_on_drop AFTER DELETE ON patrol_areas BEGIN
    DELETE FROM area_last_patrol WHERE area_id = old.area_id;
    INSERT INTO area_last_patrol (area_id, date)
        SELECT area_id, max(date) FROM patrol_areas WHERE area_id = old.area_id GROUP BY area_id;
END;
CREATE TRIGGER area_last_patrol_on_change AFTER UPDATE ON patrol_areas BEGIN
    DELETE FROM area_last_patrol WHERE area_id IN (old.area_id, new.area_id);
    INSERT INTO area_last_patrol (area_id, date)
        SELECT area_id, max(date) FROM patrol_areas WHERE area_id IN (old.area_id, new.area_id)
        GROUP BY area_id;
END;
