"""The Celery tasks' names, for whoever sends them without importing ``workers.tasks``.

``tracker.services.queue`` sends the parse task by name and the beat schedule
(``tracker.settings``) names the periodic ones: the web process never imports
the task module, and nothing in ``tracker/`` depends on it.
"""

PARSE = "workers.tasks.article_parse"
REQUEUE_STALE = "workers.tasks.article_requeue_stale"
RELATIONS_REFRESH = "workers.tasks.relations_refresh"
LINK_DEALS = "workers.tasks.article_link_deals"
LINK_PENDING = "workers.tasks.articles_link_pending"
