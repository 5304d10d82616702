"""责任图谱's Streamlit interface (``streamlit run app.py``).

Modules: :mod:`ui.settings` (where the store is), :mod:`ui.connection` (the read
connection, a writer for loads, first start), :mod:`ui.cache` (the explicit cache),
:mod:`ui.reads` (read functions; their Cypher is in ``ui/cypher/``), :mod:`ui.graphview`
and :mod:`ui.graph_component` (the interactive graph), :mod:`ui.components` (shared
widgets), :mod:`ui.source` (source passages and highlighting), :mod:`ui.phones` (phone
masking), :mod:`ui.importing` (the Import page's work) and one script per page in
``ui/pages/``; the console runs through :mod:`queries.console`.

Data flows one way: the app calls :mod:`extract`, :mod:`graph` and :mod:`queries`;
it never parses document text itself.
"""
