"""The Django admin: where curators review, correct, merge and approve what the parser found.

Everything that changes data goes through ``tracker.services`` (curators' writes
in ``tracker.services.curation``). Everything an article contains is shown
escaped (built with ``format_html``): submitted HTML is evidence, never markup.

List pages must stay fast on 100,000 records: related rows are joined
(``list_select_related``) or prefetched, article bodies are deferred, filters
that would list every actor or official are text boxes, and facet counts are off.

- ``articles``: articles, with their records inline and the evidence highlighted.
- ``records``: the review queue (transfers and statements).
- ``people``: officials, actors and mentions, with merges.
- ``filters``: the review queue's filters; ``evidence``: evidence in context.

Importing this package registers every model admin (Django's autodiscovery).
"""

from tracker.admin import articles, people, records

__all__ = ["articles", "people", "records"]
