"""apilint's built-in rule modules, one per area; registered through the ``apilint.rules``
entry-point group exactly as a third-party rule module is."""
