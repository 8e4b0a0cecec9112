"""Naming rules for the words and parameters of paths: collections are plural nouns, segments
are not verbs, and a resource's identifier has one name in every path. The shape of paths
(slashes, extensions, query strings) is checked in ``naming_paths``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from apilint.rule import Document, Findings, casing, rule

from ._common import _NAMES, _paths

_VERSION_SEGMENT = re.compile(r"^v\d+(?:\.\d+)*$", re.IGNORECASE)


_PARAM = re.compile(r"^\{([^{}]+)\}$")

#: The last word of a parameter that says it identifies one member of a collection.
_ID_WORDS = frozenset(
    ["id", "ids", "uuid", "guid", "uid", "sid", "key", "name", "slug", "code", "number",
     "num", "no", "nr", "ref", "reference", "identifier", "sku", "handle"]
)  # fmt: skip
#: The same words as the end of a one-word lower-case name after three letters or more
#: (``userid``, ``username``), longest first so ``useruuid`` ends in ``uuid``, not ``id``.
_ID_SUFFIXES = ("identifier", "reference", "number", "handle", "uuid", "guid", "slug", "code",
                "name", "key", "sid", "uid", "id")  # fmt: skip

#: Prepositions, articles, conjunctions and pronouns: a segment with one of them is a phrase
#: (``from``, ``by-name``, ``signal-with-start``), not the name of a collection.
_FUNCTION_WORDS = frozenset(
    ["a", "an", "the", "and", "or", "not", "of", "to", "from", "by", "for", "in", "into", "on",
     "onto", "at", "with", "without", "within", "via", "per", "as", "about", "over", "under",
     "between", "since", "until", "after", "before", "during", "through", "against", "vs",
     "me", "my", "self", "all", "each", "any", "this"]
)  # fmt: skip

#: Mass nouns that name one store of entries (``/config/{key}``, ``/env/{key}``), not a
#: collection whose plural a path should use.
_MASS_NOUNS = frozenset(
    ["auth", "cache", "config", "content", "env", "feedback", "health", "info", "software",
     "storage", "state", "status", "traffic", "usage"]
)  # fmt: skip


def _key(param: str) -> tuple[str, str] | None:
    """What a path parameter's name says it is, as (stem, id word): ``userId``, ``user_id`` and
    ``userid`` give ``("user", "id")``, ``{id}`` gives ``("", "id")``; None when the name does
    not end in an identifier word (``format``, ``lang``, ``date``). In a dotted name (a field
    path: ``execution.workflow_id``) the last part counts, with the part before it when the
    last is only an identifier word (``task_queue.name`` gives ``("taskqueue", "name")``).
    """
    parts = [p for p in param.split(".") if p]
    if not parts:
        return None
    words = [w.lower() for w in casing.words(parts[-1])]
    if not words:
        return None
    last = words[-1]
    if last not in _ID_WORDS:
        if not last.isalpha():
            return None
        suffix = next(
            (s for s in _ID_SUFFIXES if last.endswith(s) and len(last) > len(s) + 2), None
        )
        if suffix is None:
            return None
        words[-1:] = [last[: -len(suffix)], suffix]
        last = suffix
    stem = words[:-1]
    if not stem and len(parts) > 1:
        stem = [w.lower() for w in casing.words(parts[-2])]
    return "".join(stem), last


def _singular(word: str) -> str:
    import inflection

    return str(inflection.singularize(word))


def _names_member(stem: str, collection: str) -> bool:
    """Whether a parameter whose name (without its identifier word) is ``stem`` plausibly
    identifies a member of the collection ``collection`` (a path segment): a generic name
    (empty stem) always does; otherwise the stem ends with the singular of the segment's last
    word (``user``, ``userAccount`` under ``accounts``), or abbreviates it (``org`` for
    ``organizations``, ``app`` for ``applications``).
    """
    if not stem:
        return True
    words = casing.words(collection)
    if not words:
        return False
    head = words[-1].lower()
    singular = _singular(head)
    if stem.endswith(singular) or stem.endswith(head):
        return True
    return len(stem) >= 3 and singular.startswith(stem) and stem not in _FUNCTION_WORDS


DEFAULT_VERBS = [
    "get", "list", "fetch", "retrieve", "read", "find", "create", "add", "insert", "make",
    "update", "modify", "edit", "change", "set", "put", "patch", "delete", "remove",
    "destroy", "execute", "save", "send",
]  # fmt: skip

#: Verbs that are as often nouns: alone as a segment with more path after it, they name a
#: resource (``/change/enqueue``, ``/update/{name}``, ``/list/{listId}/items``).
_NOUN_VERBS = frozenset(["change", "update", "patch", "list", "read", "edit", "save"])
#: Verbs whose noun qualifies a plural noun after it: ``change-events``, ``read-receipts``.
_MODIFIER_VERBS = frozenset(["change", "patch", "read"])
#: Particles that make a verb a compound noun: ``add-on``, ``set-up``, ``check-in``.
_PARTICLES = frozenset(["on", "ons", "up", "ups", "in", "ins", "out", "outs", "off", "over"])


def _is_plural(word: str) -> bool:
    import inflection

    word = word.lower()
    return inflection.singularize(word) != word and inflection.pluralize(word) == word


def _verb(words: list[str], last: bool, verbs: set[str]) -> str | None:
    """The verb a path segment (as its words) starts with, or None: see ``path-no-verbs``.
    ``last`` says whether it is the last segment of its path."""
    if not words or words[0].lower() not in verbs:
        return None
    verb = words[0].lower()
    rest = [w.lower() for w in words[1:]]
    if rest and rest[0] in _PARTICLES:
        return None  # add-on-results, set-up
    if not rest and not last and verb in _NOUN_VERBS:
        return None  # /change/enqueue, /update/{name}: a resource named by the noun
    if rest and verb in _MODIFIER_VERBS and _is_plural(rest[-1]):
        return None  # change-events, read-receipts
    return verb


def _prefix(segments: list[str], index: int) -> str:
    """The path up to and including ``segments[index]``."""
    return "/" + "/".join(segments[: index + 1])


def _case_like(word: str, model: str) -> str:
    """``word`` with the case of ``model``: ``Document`` and ``documents`` give ``Documents``."""
    if model.isupper() and len(model) > 1:
        return word.upper()
    if model[:1].isupper():
        return word[:1].upper() + word[1:]
    return word


@rule(
    "path-collection-plural",
    area="naming",
    severity="warn",
    summary="A collection in a path (a segment followed by the id of its member) is plural.",
    options={"allow": _NAMES},
)
def path_collection_plural(doc: Document, options: Mapping[str, Any]) -> Findings:
    """A static segment followed by a template parameter that identifies one of its members
    names a collection and must be a plural noun: ``/user/{userId}`` and ``/user/{id}`` are
    findings. The parameter identifies a member when its name ends in an identifier word
    (``id``, ``uuid``, ``key``, ``name``, ``slug``, ``code``, ``number``, ``ref``, ``sku``...:
    ``userId``, ``user_id``, ``username``) and is either only that word (``{id}``) or names
    the segment's last noun before it (``{accountId}`` or ``{userAccountId}`` under
    ``user-account``; abbreviated, ``{orgId}`` under ``organization``), or when it is that
    noun itself (``/user/{user}``). So
    ``/basic/{format}``, ``/report/{date}`` and ``/emails/receiving/{emailId}`` are not
    collections. Also skipped: segments with a preposition, article or pronoun
    (``/from/{fromLang}``, ``/users/by-name/{name}``), segments that start with a verb (left
    to ``path-no-verbs``), abbreviations (a last word of under three letters or without a
    vowel: ``gc``, ``sms``), mass nouns that hold entries by key (``/config/{key}``,
    ``/env/{key}``), version segments and names in ``allow``. Plurals are decided by the
    ``inflection`` library, so irregular plurals (``people``, ``media``) and uncountable words
    (``information``) are right; the last word of a compound segment is the one checked
    (``user-accounts``).

    Why: ``/users`` and ``/users/{id}`` read as "the users" and "one of the users"; a singular
    collection name breaks that grammar of REST URLs (Zalando 134).

    Example:
        bad:
            paths:
              /user/{userId}:
                get:
                  responses:
                    "200":
                      description: The user.
        good:
            paths:
              /users:
                get:
                  responses:
                    "200":
                      description: The users.
              /users/{userId}:
                get:
                  responses:
                    "200":
                      description: The user.
                      # ...
    """
    import inflection

    allow = set(options["allow"])
    verbs = set(DEFAULT_VERBS)
    plurals: dict[str, str | None] = {}  # word -> its plural, None if plural or uncountable
    for where, path in _paths(doc):
        segments = [s for s in path.split("/") if s]
        for index, segment in enumerate(segments[:-1]):
            param = re.match(r"\{([^{}]+)\}", segments[index + 1])
            if param is None or "{" in segment:
                continue
            name = segment.partition(":")[0]
            words = casing.words(name)
            if not words or name in allow or _VERSION_SEGMENT.match(name):
                continue
            lowered = [w.lower() for w in words]
            last = words[-1]
            word = lowered[-1]
            if (
                not last.isalpha()
                or len(word) < 3
                or not set(word) & set("aeiouy")
                or word in _MASS_NOUNS
                or _FUNCTION_WORDS.intersection(lowered)
                or _verb(words, False, verbs)
            ):
                continue
            key = _key(param.group(1))
            if key is None:  # a parameter named after the noun itself: /user/{user}
                own = casing.squash(param.group(1).rsplit(".", 1)[-1])
                if own not in (word, _singular(word)):
                    continue
            elif not _names_member(key[0], name):
                continue
            if word not in plurals:  # inflection's rules are slow; segments repeat a lot
                plural_word = inflection.pluralize(word)
                singular = inflection.singularize(word) == word and plural_word != word
                plurals[word] = plural_word if singular else None
            plural_word = plurals[word]
            if plural_word is None:
                continue  # already plural, or uncountable (information, series)
            plural = name[: len(name) - len(last)] + _case_like(plural_word, last)
            collection = f"{_prefix(segments, index)}/{{{param.group(1)}}}"
            yield where, f"collection '{name}' in {collection} is not plural (expected '{plural}')"


@rule(
    "path-no-verbs",
    area="naming",
    severity="warn",
    summary="Path segments are nouns, not verbs (/users, not /getUsers or /users/create).",
    options={
        "verbs": {"type": "array", "items": {"type": "string"}, "default": DEFAULT_VERBS},
        "allow": {"type": "array", "items": {"type": "string"}, "default": ["search"]},
    },
)
def path_no_verbs(doc: Document, options: Mapping[str, Any]) -> Findings:
    """Reports a static path segment whose first word is a verb from ``verbs``
    (``/getUsers``, ``/users/create``, ``/users/{id}/send-email``); words are split by case
    and separators, so ``settings`` or ``newsletters`` are not ``set`` or ``new``. A verb is
    not reported where the word is a noun: before a particle (``add-on-results``,
    ``set-up``); a verb that is often a noun (change, update, patch, list, read, edit, save)
    alone as a segment with more path after it (``/change/enqueue``, ``/update/{name}``); and
    change, patch or read before a plural noun (``change-events``, ``read-receipts``).
    Segments in ``allow`` (real action resources such as ``/search``) and custom methods
    after a colon (``/jobs/{id}:cancel``) are accepted.

    Why: in HTTP the method is the verb and the path names a resource; a verb in the path
    duplicates or contradicts the method (Zalando 141).

    Example:
        bad:
            paths:
              /getUsers:
                get:
                  responses:
                    "200":
                      description: The users.
        good:
            paths:
              /users:
                get:
                  responses:
                    "200":
                      description: The users.
              /users/{userId}:
                delete:
                  responses:
                    "204":
                      description: Deleted.
                      # ...
    """
    verbs = {verb.lower() for verb in options["verbs"]}
    allow = set(options["allow"])
    for where, path in _paths(doc):
        segments = [s for s in path.split("/") if s]
        for index, segment in enumerate(segments):
            name = segment.partition(":")[0]
            if "{" in name or name in allow:
                continue
            verb = _verb(casing.words(name), index == len(segments) - 1, verbs)
            if verb:
                yield (
                    where,
                    f"path segment '{name}' in {_prefix(segments, index)} starts with the "
                    f"verb '{verb}'",
                )


@rule(
    "path-parameter-name-consistent",
    area="naming",
    severity="warn",
    summary="The parameter that identifies a resource has the same name in every path.",
)
def path_parameter_name_consistent(doc: Document, options: Mapping[str, Any]) -> Findings:
    """Paths that address the same resource must name its identifier alike:
    ``/users/{userId}`` and ``/users/{id}/orders`` are a finding. The resource is the path
    before the parameter, with earlier parameters compared by position; the name most paths
    use is taken as the right one. Two names at one place are only compared when they
    plausibly name the same key: the same name spelled differently (``store_id`` and
    ``storeId``; ``seriesName`` and the field path ``deployment.series_name``); the same
    identifier word with a generic name or one naming the collection (``id``, ``storeId`` and
    ``mainStoreId`` under ``/stores``); or a bare noun and that noun with an identifier word
    (``taskQueue`` and ``task_queue.name``). Different keys are left alone: ``{reference}``
    beside ``{storeId}``, ``{ContactNumber}`` beside ``{ContactID}``, ``{account_slug}`` beside
    ``{account_id}``.

    Why: a client reading ``userId`` in one place and ``id`` in another cannot tell that both
    are the same value, and generated SDKs get inconsistent argument names.

    Example:
        bad:
            paths:
              /users/{id}/settings:
                get:
                  responses:
                    "200":
                      description: The same user, named differently.
        good:
            paths:
              /users/{userId}:
                get:
                  responses:
                    "200":
                      description: The user.
              /users/{userId}/orders:
                get:
                  responses:
                    "200":
                      description: The user's orders.
                      # ...
    """
    uses: dict[str, dict[str, list[str]]] = {}
    for where, path in _paths(doc):
        prefix = ""
        for segment in [s for s in path.split("/") if s]:
            match = _PARAM.match(segment.partition(":")[0])  # {jobId}:cancel is {jobId}
            if match:
                uses.setdefault(prefix, {}).setdefault(match.group(1), []).append(where)
                prefix += "/{}"
            else:
                prefix += f"/{segment}"
    for prefix, names in sorted(uses.items()):
        if len(names) < 2:
            continue
        collection = prefix.rsplit("/", 1)[-1]
        ranked = sorted(names, key=lambda name: (-len(names[name]), name))
        for index, name in enumerate(ranked[1:], 1):
            best = next((b for b in ranked[:index] if _same_key(b, name, collection)), None)
            if best is None:
                continue
            for where in names[name]:
                yield (
                    where,
                    f"path parameter '{name}' of {prefix or '/'} is named '{best}' in "
                    f"{len(names[best])} other path(s)",
                )


#: Identifier words that name the same kind of key (``uid`` is a user's or a unique id).
_ID_KIND = {"uid": "id"}


def _same_key(a: str, b: str, collection: str) -> bool:
    """Whether path parameters named ``a`` and ``b`` at one place plausibly name the same key,
    ``collection`` being the segment before them (``{}`` after another parameter)."""
    key_a, key_b = _key(a), _key(b)
    own_a = casing.squash(a.rsplit(".", 1)[-1])
    own_b = casing.squash(b.rsplit(".", 1)[-1])
    if key_a is None or key_b is None:
        if key_a is None and key_b is None:
            return own_a == own_b
        bare, key = (own_a, key_b) if key_a is None else (own_b, key_a)
        return key is not None and bare in (key[0], key[0] + key[1])
    if key_a == key_b:
        return True
    return (
        _ID_KIND.get(key_a[1], key_a[1]) == _ID_KIND.get(key_b[1], key_b[1])
        and "{" not in collection
        and _names_member(key_a[0], collection)
        and _names_member(key_b[0], collection)
    )
