// Documents whose recorded extractor differs from the running one ($extractor): their
// graph is older than the rules. (Documents loaded before versions were recorded carry
// none and are not counted here; Store.stale_count() decides for them once it exists.)
MATCH (d:Document)
WHERE d.extractor IS NOT NULL AND d.extractor <> $extractor
RETURN count(d) AS n
