"""What rules share: casing styles, documentation coverage, examples, URLs, versions and the
auth matrix. Reads the ``Document``; knows nothing of configs, findings or the engine."""
