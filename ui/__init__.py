"""责任图谱's Streamlit interface (``streamlit run app.py``).

Modules: :mod:`ui.data` (the store connection and cached read queries),
:mod:`ui.source` (source lines, highlighting), :mod:`ui.phones` (phone masking),
:mod:`ui.graphview` (the interactive graph),
:mod:`ui.components` (shared widgets) and one script per page in ``ui/pages/``.

Data flows one way: the app calls :mod:`extract`, :mod:`graph` and :mod:`queries`;
it never parses document text itself.
"""
