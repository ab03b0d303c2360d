"""Jira integration (plain Python, no Qt).

- ``client`` (operations) over ``transport`` (timeouts, shared ``backoff``, error mapping into
  ``errors``), ``search`` (Cloud cursor / DC startAt paging), ``jql`` (quoting, label queries).
- ``report`` (``TicketReport``/``OccurrenceUpdate`` inputs) -> ``report_doc`` (``document``
  blocks) -> ``adf`` (Cloud) / ``wiki`` (DC); ``payloads`` builds create/comment bodies (all
  text redacted), ``custom_fields`` and ``metadata`` (createmeta cache) fit them to the site.
- ``config.JiraSettings`` (env overrides; never the token: see ``stacklens_desktop.credentials``).
- The built-in Jira-compatible server (demo mode and tests) is a package of its own:
  ``stacklens_desktop.jira_sandbox``.
- The automation layer (``policy``, ``outbox``, ``dedupe``, ``tickets``, ``operations`` ...)
  builds on the modules above.
"""
