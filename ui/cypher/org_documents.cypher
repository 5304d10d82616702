// An organisation's tasks per document, as graph/aggregates.py stores them with its
// figures ("DOC_ID<TAB>LEAD<TAB>RESPONSIBLE<TAB>ASSIST", most tasks first).
MATCH (f:OrgFigures {name: $name})
RETURN coalesce(f.documents, []) AS documents
