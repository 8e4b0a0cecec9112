"""``apilint report``: governance across a fleet of APIs (scores, owners, consistency, trends).

The package is ``fleet`` so that ``apilint.report`` stays the function of the Python API.
"""
