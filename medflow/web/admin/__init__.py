"""Administration pages, one module per feature (each with its own blueprint)."""
