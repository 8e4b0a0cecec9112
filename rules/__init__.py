"""apilint's built-in rule modules; registered through the ``apilint.rules`` entry-point group
exactly as a third-party rule module is."""

#: Where each built-in rule's documentation is (the registry fills ``Rule.docs_url`` from it;
#: a plugin package may set its own).
RULE_DOCS_URL = "https://github.com/apilint/apilint/blob/main/docs/rules.md#{id}"
