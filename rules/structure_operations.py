"""Structure rules about where operations may carry what: callbacks inside callbacks, webhooks
with servers or callbacks, and (2.0) form parameters an operation does not accept.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from apilint.rule import Document, Findings, Location, rule

_FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


@rule(
    "callback-structure",
    area="structure",
    severity="warn",
    summary="Callbacks nest no callbacks; webhooks declare no servers or callbacks.",
    formats={"3.0", "3.1", "3.2"},
)
def callback_structure(doc: Document, options: Mapping[str, Any]) -> Findings:
    """A callback's operation declares no ``callbacks`` of its own, and a webhook (3.1 and
    later) declares neither ``servers`` (on its operation or path item) nor ``callbacks``
    (Spectral's ``oas3-callbacks-in-callbacks``, ``oas3_1-servers-in-webhook`` and
    ``oas3_1-callbacks-in-webhook``).

    Why: the API sends callbacks and webhooks to a URL its client chose; servers there mean
    nothing, and a request that answers a request the API sent is a protocol no generator or
    gateway supports. Tools ignore these objects, so what they describe is never built.

    Example:
        bad:
            paths:
              /subscriptions:
                post:
                  callbacks:
                    orderEvent:
                      "{$request.body#/callbackUrl}":
                        post:
                          callbacks:
                            ack:
                              "{$request.body#/ackUrl}":
                                post:
                                  responses:
                                    "200":
                                      description: Acknowledged.
        good:
            paths:
              /subscriptions:
                post:
                  callbacks:
                    orderEvent:
                      "{$request.body#/callbackUrl}":
                        post:
                          responses:
                            "200":
                              description: Received.
    """
    for operation in doc.callbacks:
        if "callbacks" in operation.value:
            yield (
                operation.loc.child("callbacks"),
                f"callback {operation.label} declares callbacks of its own",
            )
    seen: set[Location] = set()
    for operation in doc.operations:
        if not operation.webhook:
            continue
        owners = [operation]
        if operation.path_item.loc not in seen:
            seen.add(operation.path_item.loc)
            owners.append(operation.path_item)
        for owner in owners:
            for key in ("servers", "callbacks"):
                if key in owner.value and (key == "servers" or owner is operation):
                    yield owner.loc.child(key), f"webhook {operation.path} declares {key}"


@rule(
    "form-data-consumes",
    area="structure",
    severity="warn",
    summary="2.0 operations with formData parameters consume a form media type.",
    formats={"2.0"},
)
def form_data_consumes(doc: Document, options: Mapping[str, Any]) -> Findings:
    """In 2.0, an operation with ``in: formData`` parameters lists
    ``application/x-www-form-urlencoded`` or ``multipart/form-data`` among the media types it
    consumes (its own ``consumes``, else the spec's); an operation that consumes nothing
    stated is not judged (Spectral's ``oas2-operation-formData-consume-check``).

    Why: form parameters are sent only in a form body; an operation that consumes JSON alone
    gives clients no way to send them.

    Example:
        bad:
            paths:
              /avatars:
                post:
                  parameters:
                    - name: file
                      in: formData
                      type: file
                  responses:
                    "201":
                      description: Uploaded.
        good:
            paths:
              /avatars:
                post:
                  consumes: [multipart/form-data]
                  parameters:
                    - name: file
                      in: formData
                      type: file
                  responses:
                    "201":
                      description: Uploaded.
    """
    for operation in doc.operations:
        if not any(param.location == "formData" for param in operation.parameters):
            continue
        consumes = operation.value.get("consumes", doc.data.get("consumes"))
        if not isinstance(consumes, list) or not consumes:
            continue
        if not any(isinstance(kind, str) and kind.startswith(_FORM_TYPES) for kind in consumes):
            where = "consumes" in operation.value and operation.loc.child("consumes")
            yield (
                where or operation.loc,
                f"{operation.label} has formData parameters but consumes no form media type",
            )
