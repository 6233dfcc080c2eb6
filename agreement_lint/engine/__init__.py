"""The rule engine: loads rules and concepts from TOML data and runs them on an agreement."""
