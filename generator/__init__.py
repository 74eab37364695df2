"""Static fact-check site generator.

The pipeline reads off the module names: ``loading`` reads files into the ``model`` (via the
strict ``yamltree`` parser and the ``fields`` declared in ``schemas``), ``checking`` validates
across files and anchors every quotation (``folding`` + ``anchoring``, with ``explaining`` for
failures) into the data of ``checked``, ``pages`` renders the site from that data (every path,
id and URL from ``urls``), ``publishing`` writes it and runs MkDocs, and ``cli`` is the only
place that prints or picks an exit code.
"""
