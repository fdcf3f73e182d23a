"""Workbooks and databases: export the registry, import it back."""
