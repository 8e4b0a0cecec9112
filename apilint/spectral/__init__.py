"""Spectral rulesets run without Node: JSONPath as Spectral evaluates it, Spectral's built-in
functions, and rulesets (``.spectral.yaml``) turned into apilint rules."""
