"""Annotation: from a document's blocks to described, annotated passages.

The steps, in the order a source goes through them (each module imports only what it needs,
so importing one of them does not load the others):

- :mod:`.clean` keeps the body and drops page furniture, running the one-line tests of
  :mod:`.furniture` (by shape and the cues of :mod:`.cues`; :mod:`.shapes` holds the cue-free
  shapes), :mod:`.boxes` (menus and boxes of teasers) and :mod:`.bylines` (the facts a line
  carries: dateline, byline, source line);
- :mod:`.metadata` reads what the document says about itself (date, outlet, author), with the
  years of :mod:`.years`;
- :mod:`.segment` cuts the body into passages;
- :mod:`.passages` gives each passage its kind, themes (:mod:`.themes`), figures
  (:mod:`.figures`) and people (:mod:`.people`), and its years once they are settled;
- :mod:`.resolve` settles, from the whole corpus, what one document leaves open.
"""
