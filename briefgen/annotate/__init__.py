"""Annotation: from a document's blocks to described, annotated passages.

The steps, in the order a source goes through them (each module imports only what it needs,
so importing one of them does not load the others):

- :mod:`.clean` keeps the body and drops page furniture (:mod:`.shapes` holds the line shapes);
- :mod:`.metadata` reads what the document says about itself (years, date, outlet, author);
- :mod:`.segment` cuts the body into passages;
- :mod:`.passages` gives each passage its kind, themes (:mod:`.themes`), figures
  (:mod:`.figures`) and people (:mod:`.people`), and its years once they are settled;
- :mod:`.resolve` settles, from the whole corpus, what one document leaves open.
"""
