"""The document model: ``$ref``s followed across files, the ``Document`` and its indexes, and
structural validation against the OpenAPI schemas. Built on ``apilint.source`` only."""
