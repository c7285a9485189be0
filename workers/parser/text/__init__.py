"""Reading a submission: plain text or HTML to clean text and metadata, and the
spaCy pipeline (loaded once per process) with its per-Doc column caches.

The first stage of the parser: it imports nothing from the later ones."""
