"""The ``stacklens`` command line: one module per sub-command (``register`` + ``run``)."""
