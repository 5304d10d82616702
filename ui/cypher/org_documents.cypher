// An organisation's tasks per document, as graph/aggregates.py stores them on the
// organisation ("DOC_ID<TAB>LEAD<TAB>RESPONSIBLE<TAB>ASSIST", most tasks first).
MATCH (o:Org {name: $name})
RETURN coalesce(o.documents, []) AS documents
