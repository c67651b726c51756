"""Organisation administration: committees, people and roles, each change audited."""
