"""The lint engine: how a rule is declared, the registry, config and presets, the engine that
runs rules and locates findings, fingerprints, baselines, the result cache and spec discovery."""
