"""graph/batch_write.py: rows as list parameters, and the statement that checks itself."""

from __future__ import annotations

import pytest

from extract.models import Document
from graph import batch_write
from graph.model import document_rows
from graph.neo4j_store import Store
from graph.schema import DOCUMENT_PROPS, REL_PROPS, TASK_PROPS


def test_every_row_property_has_a_position(corpus_documents: list[Document],
                                           sample_docs: list[Document]) -> None:
    # A property the schema tuples do not list would silently not be written.
    for doc in [*corpus_documents, *sample_docs]:
        rows = document_rows(doc)
        assert rows.nodes["Document"][0].keys() <= set(DOCUMENT_PROPS)
        assert all(t.keys() <= set(TASK_PROPS) for t in rows.nodes["Task"])
        for rtype, rels in rows.rels.items():
            assert all(r.props.keys() <= set(REL_PROPS[rtype]) for r in rels), rtype


def test_params_name_each_shared_node_once(sample_docs: list[Document]) -> None:
    batch = [document_rows(d) for d in sample_docs]
    params = batch_write.write_params(batch)
    keys = [(kind, key) for kind, key, _ in params.documents["shared"]]
    assert len(keys) == len(set(keys))
    assert [i for *_, i in params.documents["shared"]] == list(range(len(keys)))
    # both documents have the same issuer: MERGEd once
    assert len(params.shared["issuers"]) == 1
    assert params.nodes == sum(1 + len(r.nodes["Task"]) for r in batch)
    assert params.rels == sum(r.rel_count - len(r.rels.get("IN_DISTRICT", ())) for r in batch)


def test_unknown_property_is_refused(sample_docs: list[Document]) -> None:
    rows = document_rows(sample_docs[0])
    rows.nodes["Task"][0]["colour"] = "red"
    with pytest.raises(ValueError, match="colour"):
        batch_write.write_params([rows])


def test_a_missing_shared_node_fails_the_write(
    empty_store: Store, sample_docs: list[Document]
) -> None:
    # A shared node the lookup does not find shifts every position after it: the
    # server's counters then differ from the rows and nothing is committed.
    params = batch_write.write_params([document_rows(sample_docs[0])])
    params.shared["orgs"] = params.shared["orgs"][1:]
    params.shared["issuers"] = []
    with empty_store.driver.session(database=empty_store.database) as session, \
            pytest.raises(batch_write.WriteMismatch):
        session.execute_write(batch_write.write_rows, params)
    assert empty_store.read("MATCH (n) RETURN count(n) AS n") == [{"n": 0}]
