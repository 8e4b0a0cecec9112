"""Reading text: bytes to data, the position of every node, JSON pointers, shared locations.

The first stage of a run. Nothing here knows about OpenAPI; nothing here imports from a later
stage (``model``, ``analysis``, ``lint``, ...).
"""
