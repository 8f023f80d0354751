"""The one door to python-pptx's internals and the XML the deck writes itself.

Everything that reads a private python-pptx attribute (``_element``, ``_spTree``,
``_sldIdLst``, ``_txBody``…), imports an internal module (``pptx.oxml``, ``pptx.opc``,
``pptx.parts``, ``pptx.chart.xlsx``) or builds DrawingML with lxml lives in this package;
tests/test_architecture.py fails when any other module does. Each fast path that writes
XML itself is compared with what python-pptx's public API writes for the same content in
tests/render/test_ooxml_equivalence.py (python-pptx is pinned to 1.0.x in pyproject.toml).

- ``names``: Clark names and find() paths, computed once; small element helpers.
- ``access``: the private attributes of python-pptx objects, one function each.
- ``runs``: paragraphs and runs into a text body.  ``tree``: shapes and groups.
- ``reuse``: slides cloned from a first copy, notes.  ``chart``: chart series formatting.
- ``a11y``: what PowerPoint's accessibility checker looks for (titles, order, decorative).
- ``workbook``: the charts' embedded workbooks with a fixed date.
"""
