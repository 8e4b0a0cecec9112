"""apilint's built-in consistency checks, one concern per module; registered through the
``apilint.consistency`` entry-point group exactly as an organisation's own check module is."""
