"""Background work: the Celery app (workers.celery), its tasks and the article parser.

Nothing is imported here so that ``workers.parser`` stays usable without Django
or Celery.
"""
