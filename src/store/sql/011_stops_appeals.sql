-- A lead's stopped clock (中止) and its timeout appeal (超时申诉), as JSON like its extensions.
ALTER TABLE complaints ADD COLUMN stops TEXT NOT NULL DEFAULT '[]';
ALTER TABLE complaints ADD COLUMN appeal TEXT NOT NULL DEFAULT '';
